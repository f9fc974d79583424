"""Synthesis of 100,000 open answers: time (target <= 30 s) and peak memory (<= 1 GB) on this 2-core machine.

Two corpora: answers GENERATED from templates (parvis/participation/lib/corpus.py), and the 2,185 REAL Grand
Débat answers of ../shared/data/participation/granddebat-annotated.csv repeated to 100,000 with their
questions (real words, real lengths: about 4× the generated text), as they are (``real``) or with every copy
after the first missing one word in seven (``varied``: 100,000 distinct texts). Wall time and the process's CPU time are
both printed: the machine is shared, and CPU time is what the synthesis itself costs.
Run: .venv/bin/python bench/participation_synthesis.py [n] [generated|real|varied]
"""

import csv
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from shared_data import SHARED_DATA, require  # noqa: E402

from parvis.participation.lib.corpus import labelled_answers  # noqa: E402
from parvis.participation.lib.themes import Document, synthesise  # noqa: E402

REAL_CSV = SHARED_DATA / "participation/granddebat-annotated.csv"


def corpus(kind: str, n: int) -> list[Document]:
    if kind == "generated":
        return [Document(text, postcode="94000") for _, text in labelled_answers(n, seed=1)]
    rows = list(csv.DictReader(open(require(REAL_CSV), encoding="utf-8")))
    docs = [Document(rows[i % len(rows)]["text"], question=rows[i % len(rows)]["question"]) for i in range(n)]
    if kind == "varied":
        # Every copy after the first loses about one word in seven, drawn at random: distinct texts, as real
        # answers are, still in real words.
        rng = random.Random(1)
        docs = docs[: len(rows)] + [
            Document(
                " ".join(w for w in d.text.split() if rng.random() > 0.15) or d.text, question=d.question
            )
            for d in docs[len(rows) :]
        ]
    return docs


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(n: int, kind: str) -> None:
    docs = corpus(kind, n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start, cpu = time.perf_counter(), cpu_seconds()
    result = synthesise(docs)
    elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {kind}, answers: {n}, words: {sum(len(d.text.split()) for d in docs):,}")
    print(
        f"themes: {len(result.themes)} (stability by number of themes: "
        f"{', '.join(f'{k}: {v:.2f}' for k, v in result.stability.items())})"
    )
    print(f"unclassified: {len(result.unclassified)}, duplicate groups: {len(result.duplicate_groups)}")
    print(f"synthesis: {elapsed:.1f} s wall, {cpu:.1f} s CPU (target <= 30 s)")
    print(f"peak RSS: {peak:.0f} MB (corpus loaded: {before:.0f} MB; target <= 1024 MB)")
    for theme in result.themes[:10]:
        print(f"  {theme.size:6d}  {theme.label}")


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 100_000, sys.argv[2] if len(sys.argv) > 2 else "generated"
    )
