"""Benchmark: Table Schema validation of a 1,000,000-row x 12-column CSV (~120 MB, ~1% errors).

Times Parvis' validator (median of 5 runs, each in a fresh process so that peak RSS is
measured per run) against ``frictionless validate`` on a 100,000-row slice (extrapolated
x10), and checks that both find the same errors on that slice.

    .venv/bin/python bench/catalog_validate.py [--rows 1000000] [--workdir var/bench]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = {
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True, "unique": True}},
        {
            "name": "code_commune",
            "type": "string",
            "constraints": {"required": True, "pattern": "(2[AB]|[0-9]{2})[0-9]{3}"},
        },
        {"name": "nom", "type": "string", "constraints": {"required": True, "maxLength": 40}},
        {
            "name": "categorie",
            "type": "string",
            "constraints": {"enum": ["culture", "sport", "social", "education", "environnement"]},
        },
        {"name": "montant", "type": "number", "constraints": {"minimum": 0}},
        {"name": "quantite", "type": "integer", "constraints": {"minimum": 0, "maximum": 100000}},
        {"name": "date_attribution", "type": "date", "constraints": {"required": True}},
        {"name": "actif", "type": "boolean"},
        {"name": "latitude", "type": "number", "constraints": {"minimum": -90, "maximum": 90}},
        {"name": "longitude", "type": "number", "constraints": {"minimum": -180, "maximum": 180}},
        {"name": "code_postal", "type": "string", "constraints": {"pattern": "[0-9]{5}"}},
        {"name": "commentaire", "type": "string", "constraints": {"maxLength": 200}},
    ]
}
CATEGORIES = ["culture", "sport", "social", "education", "environnement"]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """Write the CSV; about 1% of rows carry one error of a rotating kind."""
    idx = pl.int_range(0, rows, eager=True)
    frame = pl.DataFrame({"i": idx}).with_columns(
        id=(pl.col("i") + 1).cast(pl.String),
        code_commune=pl.format("94{}", (pl.col("i") % 900 + 100).cast(pl.String)),
        nom=pl.format("Association n° {}", pl.col("i").cast(pl.String)),
        categorie=pl.lit(pl.Series(CATEGORIES)).gather(pl.col("i") % 5),
        montant=((pl.col("i") * 37 % 100000) / 100).cast(pl.String),
        quantite=(pl.col("i") * 13 % 5000).cast(pl.String),
        date_attribution=(pl.date(2020, 1, 1) + pl.duration(days=pl.col("i") % 2000)).cast(pl.String),
        actif=pl.when(pl.col("i") % 3 == 0).then(pl.lit("false")).otherwise(pl.lit("true")),
        latitude=(48.7 + (pl.col("i") % 1000) / 10000).round(4).cast(pl.String),
        longitude=(2.4 + (pl.col("i") % 997) / 10000).round(4).cast(pl.String),
        code_postal=pl.format("94{}", (pl.col("i") % 900 + 100).cast(pl.String)),
        commentaire=pl.lit("subvention de fonctionnement"),
    )
    # ~1% of rows get one error, of a kind chosen by the row number.
    bad = (pl.col("i") * 7919 % 100) == 0
    kind = pl.col("i") // 100 % 10
    frame = frame.with_columns(
        id=pl.when(bad & (kind == 0)).then((pl.col("i")).cast(pl.String)).otherwise("id"),
        code_commune=pl.when(bad & (kind == 1)).then(pl.lit("9A123")).otherwise("code_commune"),
        nom=pl.when(bad & (kind == 2)).then(pl.lit("")).otherwise("nom"),
        categorie=pl.when(bad & (kind == 3)).then(pl.lit("loisirs")).otherwise("categorie"),
        montant=pl.when(bad & (kind == 4)).then(pl.lit("12,50")).otherwise("montant"),
        quantite=pl.when(bad & (kind == 5)).then(pl.lit("-4")).otherwise("quantite"),
        date_attribution=pl.when(bad & (kind == 6)).then(pl.lit("31/12/2024")).otherwise("date_attribution"),
        actif=pl.when(bad & (kind == 7)).then(pl.lit("oui")).otherwise("actif"),
        latitude=pl.when(bad & (kind == 8)).then(pl.lit("148.5")).otherwise("latitude"),
        code_postal=pl.when(bad & (kind == 9)).then(pl.lit("9400")).otherwise("code_postal"),
    )
    frame.drop("i").write_csv(path)


def run_parvis(csv_path: Path, schema_path: Path) -> dict:
    """One validation in a fresh process: seconds, error summary, peak RSS (MiB)."""
    out = subprocess.run(
        [sys.executable, __file__, "--worker", str(csv_path), str(schema_path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def worker(csv_path: str, schema_path: str) -> None:
    sys.path.insert(0, str(ROOT))
    from parvis.catalog.lib.validate import validate_table

    start, cpu = time.perf_counter(), cpu_seconds()
    report = validate_table(csv_path, json.loads(Path(schema_path).read_text()))
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    start = time.perf_counter()
    with open(Path(csv_path).with_suffix(".errors.csv"), "wb") as out:
        report.to_csv(out)
    csv_seconds = time.perf_counter() - start
    keys = Counter((e["type"], e["row"], e["field"]) for e in report.frame.head(50_001).iter_rows(named=True))
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "csv_seconds": csv_seconds,
                "errors": report.error_count,
                "summary": report.summary,
                "keys": [[*k, n] for k, n in keys.items()] if report.error_count <= 50_000 else None,
                "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def fl_worker(csv_path: str, schema_path: str) -> None:
    """Frictionless' own validation, timed in-process like Parvis' (imports excluded)."""
    from frictionless import Schema, validate

    schema = Schema.from_descriptor(json.loads(Path(schema_path).read_text()))
    source = Path(csv_path)
    start, cpu = time.perf_counter(), cpu_seconds()
    report = validate(source.name, basepath=str(source.parent), schema=schema, limit_errors=10**9)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    keys = Counter()
    for task in report.tasks:
        for error in task.errors:
            keys[
                (error.type, getattr(error, "row_number", None), getattr(error, "field_name", None) or None)
            ] += 1
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "keys": [[*k, n] for k, n in keys.items()],
                "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def run_frictionless(csv_path: Path, schema_path: Path, *, cli: bool) -> dict:
    """In-process seconds and CPU seconds, error summary and keys; CLI wall time if ``cli``."""
    out = subprocess.run(
        [sys.executable, __file__, "--fl-worker", str(csv_path), str(schema_path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    result = json.loads(out.stdout)
    keys = Counter({tuple(k[:3]): k[3] for k in result["keys"]})
    summary = Counter()
    for (kind, _row, _field), count in keys.items():
        summary[kind] += count
    result.update(keys=keys, summary=dict(summary), cli=None)
    if cli:
        start = time.perf_counter()
        subprocess.run(
            [
                str(Path(sys.executable).parent / "frictionless"),
                "validate",
                "--json",
                "--trusted",
                "--limit-errors",
                "100000000",
                "--schema",
                str(schema_path),
                str(csv_path),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        result["cli"] = time.perf_counter() - start
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--slice", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workdir", default=str(ROOT / "var" / "bench"))
    parser.add_argument(
        "--only",
        choices=["all", "varied"],
        default="all",
        help="varied: only the varied-schema, whole-file run",
    )
    args = parser.parse_args()
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    if args.only == "all":
        bench_cell_file(args, work)
    bench_varied(args.rows, work)


def bench_varied(rows: int, work: Path) -> None:
    """Every format, patterns, enums, unique, 2 % bad cells: both commands on the whole file."""
    from catalog_validate_varied import VARIED_SCHEMA, error_types, generate_varied, timed

    data, schema_path = work / "validate-varied.csv", work / "validate-varied-schema.json"
    schema_path.write_text(json.dumps(VARIED_SCHEMA))
    start = time.perf_counter()
    generate_varied(data, rows)
    print(
        f"varied schema: generated {rows:,} rows x {len(VARIED_SCHEMA['fields'])} columns "
        f"({data.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - start:.1f} s"
    )
    bin_dir = Path(sys.executable).parent
    mine = timed(
        [str(bin_dir / "parvis"), "validate", "--json", str(schema_path), str(data)],
        work / "varied-parvis.json",
        ROOT,
    )
    theirs = timed(
        [
            str(bin_dir / "frictionless"),
            "validate",
            "--json",
            "--trusted",
            "--limit-errors",
            "1000000000",
            "--schema",
            str(schema_path),
            str(data),
        ],
        work / "varied-frictionless.json",
        ROOT,
    )
    mine_types, their_types = (
        error_types(work / "varied-parvis.json"),
        error_types(work / "varied-frictionless.json"),
    )
    print(
        f"`parvis validate --json`, whole file: {mine['seconds']:.1f} s, peak RSS {mine['peak_mib']:.0f} MiB, errors {dict(mine_types)}"
    )
    print(
        f"`frictionless validate --json`, whole file: {theirs['seconds']:.1f} s, peak RSS {theirs['peak_mib']:.0f} MiB, "
        f"errors {dict(their_types)}"
    )
    print(
        f"same error counts by type: {mine_types == their_types}; ratio (wall, start-up included): {theirs['seconds'] / mine['seconds']:.1f}x"
    )
    heavy = timed(
        [
            str(bin_dir / "parvis"),
            "validate",
            str(work / "validate-schema-heavy.json"),
            str(work / "validate-1m.csv"),
        ],
        work / "heavy-parvis.txt",
        ROOT,
    )
    if (work / "validate-schema-heavy.json").exists():
        lines = sum(1 for _line in open(work / "heavy-parvis.txt", "rb"))
        print(
            f"error-heavy file through `parvis validate` (text report, {lines:,} lines): {heavy['seconds']:.1f} s, peak RSS {heavy['peak_mib']:.0f} MiB"
        )


def bench_cell_file(args, work: Path) -> None:
    full, part, schema_path = (
        work / "validate-1m.csv",
        work / "validate-slice.csv",
        work / "validate-schema.json",
    )
    schema_path.write_text(json.dumps(SCHEMA))
    start = time.perf_counter()
    generate(full, args.rows)
    generate(part, args.slice)
    print(
        f"generated {args.rows:,} rows ({full.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - start:.1f} s"
    )

    # Interleave the runs so that the load of the shared machine weighs on both tools alike.
    runs, fl_runs = [], []
    for index in range(args.runs):
        runs.append(run_parvis(full, schema_path))
        fl_runs.append(run_frictionless(part, schema_path, cli=index == 0))
    median = statistics.median(r["seconds"] for r in runs)
    cpu = statistics.median(r["cpu"] for r in runs)
    peak = max(r["max_rss_mib"] for r in runs)
    print(
        f"parvis, {args.rows:,} rows: median {median:.2f} s over {args.runs} runs "
        f"({', '.join(f'{r["seconds"]:.2f}' for r in runs)}), CPU {cpu:.2f} s, "
        f"{runs[0]['errors']:,} errors, peak RSS {peak:.0f} MiB"
    )
    print(f"parvis summary: {runs[0]['summary']}")
    scale = args.rows / args.slice
    fl_seconds = statistics.median(r["seconds"] for r in fl_runs)
    fl_cpu = statistics.median(r["cpu"] for r in fl_runs)
    print(
        f"frictionless, {args.slice:,}-row slice: median {fl_seconds:.2f} s in-process "
        f"({', '.join(f'{r["seconds"]:.2f}' for r in fl_runs)}), CPU {fl_cpu:.2f} s; "
        f"`frictionless validate` CLI wall {fl_runs[0]['cli']:.2f} s "
        f"-> extrapolated {fl_seconds * scale:.1f} s ({fl_cpu * scale:.1f} s CPU) for {args.rows:,} rows"
    )
    mine = run_parvis(part, schema_path)
    same = Counter({tuple(k[:3]): k[3] for k in mine["keys"]}) == fl_runs[0]["keys"]
    print(f"parvis on the same slice: {mine['seconds']:.2f} s")
    print(
        f"slice error counts: parvis {mine['summary']} / frictionless {fl_runs[0]['summary']}; "
        f"identical (type,row,field) sets: {same}"
    )
    print(
        f"ratio (frictionless extrapolated / parvis median): wall {fl_seconds * scale / median:.1f}x, "
        f"CPU time {fl_cpu * scale / cpu:.1f}x"
    )

    # Worst case: a schema that does not fit the file (three text columns declared integer).
    heavy = json.loads(json.dumps(SCHEMA))
    for field in heavy["fields"][2:4] + heavy["fields"][11:12]:
        field["type"], field["constraints"] = "integer", {}
    heavy_path = work / "validate-schema-heavy.json"
    heavy_path.write_text(json.dumps(heavy))
    worst = run_parvis(full, heavy_path)
    print(
        f"error-heavy case, {args.rows:,} rows: {worst['errors']:,} errors in {worst['seconds']:.2f} s, "
        f"CSV report written in {worst['csv_seconds']:.2f} s, peak RSS {worst['max_rss_mib']:.0f} MiB"
    )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "--fl-worker":
        fl_worker(sys.argv[2], sys.argv[3])
    else:
        main()
