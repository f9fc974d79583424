"""Similar-proposal suggestions over 100,000 proposals: p95 latency of one query (target <= 100 ms).

Reference in the same run: scikit-learn NearestNeighbors (brute force, cosine) on the same TF-IDF matrix.
Run: .venv/bin/python bench/participation_similar.py [n]
"""

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sklearn.neighbors import NearestNeighbors  # noqa: E402

from parvis.participation.lib.corpus import labelled_answers  # noqa: E402
from parvis.participation.lib.similar import SimilarityIndex  # noqa: E402
from parvis.participation.lib.textnorm import tokens  # noqa: E402


def p95(values):
    return statistics.quantiles(values, n=20)[-1]


def main(n: int = 100_000, queries: int = 300) -> None:
    items = [(i, text) for i, (_, text) in enumerate(labelled_answers(n, seed=3))]
    start = time.perf_counter()
    index = SimilarityIndex(items)
    build = time.perf_counter() - start
    rng = random.Random(5)
    probes = [text[: rng.randint(15, 60)] for _, text in labelled_answers(queries, seed=11)]
    ours = []
    for probe in probes:
        t0 = time.perf_counter()
        index.query(probe)
        ours.append((time.perf_counter() - t0) * 1000)
    nn = NearestNeighbors(n_neighbors=5, metric="cosine", algorithm="brute").fit(index._matrix.tocsr())
    ref = []
    for probe in probes[:100]:
        t0 = time.perf_counter()
        nn.kneighbors(index._vectorizer.transform([tokens(probe)]))
        ref.append((time.perf_counter() - t0) * 1000)
    print(f"proposals: {n}, index build: {build:.1f} s")
    print(f"Parvis query: median {statistics.median(ours):.2f} ms, p95 {p95(ours):.2f} ms (target <= 100 ms)")
    print(
        f"sklearn NearestNeighbors brute cosine: median {statistics.median(ref):.2f} ms, p95 {p95(ref):.2f} ms"
    )
    print(f"ratio p95 reference / Parvis: {p95(ref) / p95(ours):.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
