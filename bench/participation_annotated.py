"""Theme quality on REAL French answers: Parvis against a plain TF-IDF + NMF baseline, same texts, k and seeds.

Corpus: ../shared/data/participation/granddebat-annotated.csv (2,185 Grand Débat answers to 18 questions, each
with the category most annotators gave; evaluation material, never copied into the repository).
- per question: the answers of one question, k = its number of categories (and 5, 10), NMI/ARI against the
  categories (answers without a category are clustered but not scored);
- overall: all answers, k = 18 and 10, NMI/ARI against the question (Parvis without the question column, so
  that it cannot read the label) and against question + category (Parvis with the question column).
Parvis draws nothing at random once k is given (deterministic k-means start), so it runs once per (texts, k); the
baseline is the median over seeds. Run: .venv/bin/python bench/participation_annotated.py [CSV] [--seeds 5]
"""

import argparse
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
from sklearn.metrics import (  # noqa: E402
    adjusted_mutual_info_score,
    adjusted_rand_score,
    normalized_mutual_info_score,
)

from parvis.participation.lib.themes import Document, synthesise  # noqa: E402

DEFAULT_CSV = SHARED_DATA / "participation/granddebat-annotated.csv"


def parvis_labels(texts, questions, k, seed):
    docs = [Document(t, question=q or "") for t, q in zip(texts, questions or [""] * len(texts), strict=True)]
    result = synthesise(docs, n_themes=k, seed=seed)
    labels = [-1] * len(texts)
    for t, theme in enumerate(result.themes):
        for i in theme.members:
            labels[i] = t
    return labels


def score(truth, pred):
    """(NMI, AMI, ARI, chance NMI): chance NMI is the mean NMI of the same themes dealt at random (sizes kept),
    what any clustering of this many answers into this many themes scores without reading them."""
    kept = [(a, b) for a, b in zip(truth, pred, strict=True) if a]
    t, p = [a for a, _ in kept], [b for _, b in kept]
    rng = np.random.default_rng(0)
    chance = float(np.mean([normalized_mutual_info_score(t, rng.permutation(p)) for _ in range(20)]))
    return (
        normalized_mutual_info_score(t, p),
        adjusted_mutual_info_score(t, p),
        adjusted_rand_score(t, p),
        chance,
    )


def compare(texts, truth, k, seeds, questions=None):
    """Median (NMI, AMI, ARI, chance NMI) of Parvis and of the baseline over ``seeds``."""
    ours = [score(truth, parvis_labels(texts, questions, k, 0))]
    base = [score(truth, baseline_labels(texts, k, seed)) for seed in seeds]

    def med(rows):
        return tuple(statistics.median(r[i] for r in rows) for i in range(4))

    return med(ours), med(base)


def line(name, n, k, ours, base):
    ratio = ours[0] / base[0] if base[0] else float("inf")
    print(
        f"| {name} | {n} | {k} | {ours[0]:.3f} | {base[0]:.3f} | {ratio:.2f}× | {ours[3]:.3f} | {ours[1]:.3f} | "
        f"{base[1]:.3f} | {ours[2]:.3f} | {base[2]:.3f} |",
        flush=True,
    )
    return ratio, ours, base


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("csv", nargs="?", default=str(DEFAULT_CSV))
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--only", default="", help="per-question, overall or empty for both")
    args = parser.parse_args()
    rows = list(csv.DictReader(open(require(Path(args.csv)), encoding="utf-8")))
    seeds = list(range(args.seeds))
    start = time.perf_counter()
    print(
        "| corpus | answers | k | Parvis NMI | baseline NMI | ratio | chance NMI | Parvis AMI | baseline AMI "
        "| Parvis ARI | baseline ARI |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    ratios = defaultdict(list)
    per_question = []
    if args.only in ("", "per-question"):
        by_question = defaultdict(list)
        for r in rows:
            by_question[r["question"]].append(r)
        for question, group in sorted(by_question.items(), key=lambda kv: -len(kv[1])):
            texts = [r["text"] for r in group]
            truth = [r["category"] for r in group]
            categories = len({c for c in truth if c})
            for k in sorted({categories, 5, 10}):
                ours, base = compare(texts, truth, min(k, len(texts) - 1), seeds, [question] * len(texts))
                ratio, ours, base = line(question[:60], len(texts), k, ours, base)
                ratios[f"k={k if k in (5, 10) else 'categories'}"].append(ratio)
                per_question.append((ratio, ours, base))
    if args.only in ("", "overall"):
        texts = [r["text"] for r in rows]
        questions = [r["question"] for r in rows]
        fine = [f"{r['question']}|{r['category']}" if r["category"] else "" for r in rows]
        for k in (5, 10, 18, 20, 40):
            ours, base = compare(texts, questions, k, seeds)
            ratios["overall vs question"].append(
                line("all, label = question, Parvis blind", len(rows), k, ours, base)[0]
            )
            ours, base = compare(texts, fine, k, seeds, questions)
            ratios["overall vs question+category"].append(
                line("all, label = question+category", len(rows), k, ours, base)[0]
            )
    for name, values in ratios.items():
        print(
            f"{name}: ratio min {min(values):.2f}, median {statistics.median(values):.2f} over {len(values)}"
        )
    if per_question:
        ours_nmi = [o[0] for _, o, _ in per_question]
        chance = [o[3] for _, o, _ in per_question]
        print(
            f"per question ({len(per_question)} rows): NMI Parvis mean {statistics.mean(ours_nmi):.3f}, baseline "
            f"{statistics.mean(b[0] for _, _, b in per_question):.3f}, chance {statistics.mean(chance):.3f}; "
            f"AMI Parvis mean {statistics.mean(o[1] for _, o, _ in per_question):.3f}, baseline "
            f"{statistics.mean(b[1] for _, _, b in per_question):.3f}; rows where 1.3× the baseline is above 0.9: "
            f"{sum(1.3 * b[0] > 0.9 for _, _, b in per_question)}"
        )
    print(f"elapsed {time.perf_counter() - start:.0f} s, seeds {seeds}")


if __name__ == "__main__":
    main()
