"""Indicator recomputation on a 35,008-row commune dataset (the official IFN 2023, all of France), and the
IFN check: recomputing the total from the five components reproduces the official total for every commune.

Measured (medians over --repeat runs): (1) the IFN recomputation with polars; (2) the aggregation alone
(code normalisation against the full référentiel + population-weighted mean); (3) the whole service
``compute_indicator``: read the dataset's Parquet through the catalogue, aggregate, store 35,000 values.
Target for (3): ≤ 2 s.

Usage: .venv/bin/python bench/observatory_recompute.py [--db /tmp/parvis-bench-territory] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shared_data import SHARED_DATA  # noqa: E402
from territory_import import django_in, full_files  # noqa: E402


def median_s(fn, repeat):
    times, out = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/parvis-bench-territory")
    parser.add_argument("--shared", default=str(SHARED_DATA))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    shared = Path(args.shared)
    source = shared / "observatory" / "ifn_communes_mednum_2023-08.csv"
    Path(args.db).mkdir(parents=True, exist_ok=True)
    django_in(Path(args.db))
    import polars as pl

    from parvis.observatory.lib import ifn
    from parvis.observatory.lib.aggregate import Spec, aggregate
    from parvis.territory.models import Territory
    from parvis.territory.selectors import resolver
    from parvis.territory.services.imports import import_files

    if Territory.objects.filter(kind="commune").count() < 30000:
        import_files(full_files(shared))
    frame = pl.read_csv(source, schema_overrides={"code": pl.Utf8})
    seconds, out = median_s(lambda: ifn.compare(frame, ifn.compute(frame)), args.repeat)
    official = out.filter(pl.col("official").is_not_null())
    gap = official["difference"].abs().max()
    print(
        f"IFN: {frame.height} communes, {official.height} with an official total; recomputed = official for "
        f"{official.filter(pl.col('difference').abs() < 1e-9).height} (max gap {gap:.2e}); {seconds * 1000:.0f} ms"
    )

    spec = Spec("code", "weighted_mean", "total")
    seconds, result = median_s(lambda: aggregate(frame, spec, resolver()), args.repeat)
    print(
        f"aggregation (normalise codes + weighted mean): {result.values.height} values, "
        f"{len(result.unmatched)} unmatched rows; {seconds * 1000:.0f} ms"
    )

    from parvis.accounts.models import Organisation
    from parvis.catalog import services as catalog
    from parvis.catalog.models import Dataset
    from parvis.observatory.models import Indicator
    from parvis.observatory.services import compute_indicator

    organisation, _ = Organisation.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    dataset = Dataset.objects.filter(title="IFN bench").first()
    if dataset is None:
        dataset, _version = catalog.create_dataset_from_file(
            organisation=organisation, title="IFN bench", path=str(source), published=True
        )
    indicator, _ = Indicator.objects.get_or_create(
        slug="ifn-bench",
        defaults={
            "organisation": organisation,
            "title": "IFN bench",
            "resource": dataset.resources.first(),
            "code_column": "code",
            "aggregation": "weighted_mean",
            "value_column": "total",
            "year": 2023,
            "source": "La MedNum",
        },
    )
    seconds, run = median_s(lambda: compute_indicator(indicator), args.repeat)
    print(
        f"compute_indicator (Parquet read + aggregation + {run.value_count} values stored): "
        f"{seconds:.2f} s (target ≤ 2 s); rows read {run.rows_read}, unmatched {run.unmatched_count}"
    )
    indicator.runs.exclude(pk=run.pk).delete()


if __name__ == "__main__":
    main()
