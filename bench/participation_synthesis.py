"""Synthesis of 100,000 open answers into 20-40 themes: time (target <= 90 s) and peak memory (<= 1.5 GB).

Run: .venv/bin/python bench/participation_synthesis.py [n]
"""

import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parvis.participation.lib.corpus import labelled_answers  # noqa: E402
from parvis.participation.lib.themes import Document, synthesise  # noqa: E402


def main(n: int = 100_000, runs: int = 3) -> None:
    docs = [Document(text, postcode="94000") for _, text in labelled_answers(n, seed=1)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = synthesise(docs)
        times.append(time.perf_counter() - start)
    elapsed = statistics.median(times)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"answers: {n}")
    print(
        f"themes: {len(result.themes)} (largest {result.themes[0].size}, smallest {result.themes[-1].size})"
    )
    print(f"duplicate groups: {len(result.duplicate_groups)}, unclassified: {len(result.unclassified)}")
    print(
        f"synthesis time, median of {runs}: {elapsed:.1f} s (runs: {', '.join(f'{t:.1f}' for t in times)}; target <= 90 s)"
    )
    print(f"peak RSS: {peak:.0f} MB (corpus loaded: {before:.0f} MB; target <= 1536 MB)")
    for theme in result.themes[:5]:
        print(f"  {theme.size:6d}  {theme.label}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
