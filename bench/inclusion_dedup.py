"""Deduplication of 100,000 places. Target: ≤ 2 min, with precision and recall.

1. Real data: precision/recall on the 150 labelled candidate pairs of parvis/inclusion/data/
   dedup-labelled-pairs.csv (France Services list 2024 vs the Hinaura and Hub du Sud files; labelled by hand).
2. Scale: 100,000 generated places in which 5,000 are second descriptions of another place by another
   source (name reworded or abbreviated, address re-typed, coordinates moved by up to 150 m — so some cross a
   commune border, postcode possibly different); `lib.dedup.find_duplicates` over all of them, timed, with
   precision/recall against the injected truth. Reference in the same run: the naive all-pairs comparison,
   timed on a 2,000-place sample and extrapolated (n²).

Usage: .venv/bin/python bench/inclusion_dedup.py [--places 100000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from inclusion_common import KINDS  # noqa: E402

from parvis.inclusion.lib import dedup  # noqa: E402

REWORD = (
    ("Espace public numérique", "EPN"),
    ("Espace France Services", "France services"),
    ("Médiathèque", "Médiathèque municipale"),
    ("Centre social", "Centre Social et culturel"),
    ("Mairie", "Hôtel de ville"),
)


def generated(n: int, dupes: int, seed: int = 3):
    rng = random.Random(seed)
    streets = (
        "rue de la République",
        "place de la Mairie",
        "avenue Jean Jaurès",
        "rue Victor Hugo",
        "rue du Moulin",
        "chemin des Vignes",
        "boulevard Pasteur",
        "allée des Tilleuls",
    )
    towns = [
        (rng.uniform(42.6, 50.9), rng.uniform(-4.3, 7.9), f"{rng.randint(1, 95):02d}{rng.randint(0, 99):03d}")
        for _ in range(3000)
    ]
    names = [
        "Dupont",
        "Curie",
        "Jaurès",
        "Prévert",
        "Moulin",
        "Hugo",
        "Zola",
        "Colette",
        "Pagnol",
        "Brassens",
    ]
    items = []
    for i in range(n - dupes):
        lat0, lon0, cp = towns[rng.randrange(len(towns))]
        items.append(
            dedup.Item(
                i,
                f"{rng.choice(KINDS)} {rng.choice(names)} {i}",
                f"{rng.randint(1, 300)} {rng.choice(streets)}",
                cp,
                "00000000000000",
                lat0 + rng.gauss(0, 0.04),
                lon0 + rng.gauss(0, 0.05),
                "a",
            )
        )
    truth = set()
    for j in range(dupes):
        src = items[rng.randrange(len(items))]
        name = src.nom
        for long, short in REWORD:
            if name.startswith(long) and rng.random() < 0.7:
                name = name.replace(long, short)
        if rng.random() < 0.3:
            name = name.upper()
        address = src.adresse.replace("rue", "r.") if rng.random() < 0.3 else src.adresse
        cp = src.code_postal if rng.random() < 0.8 else f"{int(src.code_postal) + 1:05d}"
        key = n - dupes + j
        items.append(
            dedup.Item(
                key,
                name,
                address,
                cp,
                "00000000000000",
                src.lat + rng.uniform(-0.0013, 0.0013),
                src.lon + rng.uniform(-0.0018, 0.0018),
                "b",
            )
        )
        truth.add((min(src.key, key), max(src.key, key)))
    return items, truth


def labelled() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "parvis" / "inclusion" / "tests"))
    import csv

    from parvis.inclusion.data_paths import LABELLED_PAIRS

    rows = list(csv.DictReader(LABELLED_PAIRS.open(encoding="utf-8")))
    tp = fp = fn = 0
    for n, r in enumerate(rows):
        a = dedup.Item(
            2 * n,
            r["a_nom"],
            r["a_adresse"],
            r["a_code_postal"],
            "",
            float(r["a_latitude"]),
            float(r["a_longitude"]),
        )
        b = dedup.Item(
            2 * n + 1,
            r["b_nom"],
            r["b_adresse"],
            r["b_code_postal"],
            "",
            float(r["b_latitude"]),
            float(r["b_longitude"]),
        )
        predicted = dedup.score(a, b)[0] >= dedup.THRESHOLD and (0, 1) in dedup.candidate_pairs(
            [
                dedup.Item(0, a.nom, a.adresse, a.code_postal, "", a.lat, a.lon),
                dedup.Item(1, b.nom, b.adresse, b.code_postal, "", b.lat, b.lon),
            ]
        )
        same = r["meme_lieu"] == "1"
        tp, fp, fn = tp + (predicted and same), fp + (predicted and not same), fn + (same and not predicted)
    print(
        f"labelled real pairs: {len(rows)} pairs, {tp + fn} same place; precision {tp / (tp + fp):.3f}, recall {tp / (tp + fn):.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--places", type=int, default=100_000)
    args = parser.parse_args()
    labelled()
    items, truth = generated(args.places, args.places // 20)
    started = time.perf_counter()
    found = dedup.find_duplicates(items)
    elapsed = time.perf_counter() - started
    pairs = {(min(a, b), max(a, b)) for a, b, _s, _p in found}
    tp = len(pairs & truth)
    print(
        f"{len(items)} places, {len(truth)} injected duplicates: {len(pairs)} proposed in {elapsed:.1f} s; "
        f"precision {tp / max(1, len(pairs)):.3f}, recall {tp / len(truth):.3f}"
    )
    sample = items[:2000]
    started = time.perf_counter()
    for i, a in enumerate(sample):
        for b in sample[i + 1 :]:
            dedup.score(a, b)
    naive = (time.perf_counter() - started) * (len(items) / len(sample)) ** 2
    print(
        f"reference naive all-pairs scoring, extrapolated to {len(items)} places: {naive / 60:.0f} min "
        f"(ratio {naive / elapsed:.0f}x)"
    )
    print("target <= 120 s: OK" if elapsed <= 120 else "target MISSED")


if __name__ == "__main__":
    main()
