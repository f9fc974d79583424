"""Query API on 1,000,000 rows × 12 columns: filtered+sorted page of 100 rows (p50/p95), facet counts
on 3 columns (p95), the page at row 900,000 reached by cursor, full CSV export (MB/s), and the same
facet queries against Datasette on the same data in the same run.

Usage: .venv/bin/python bench/catalog_api.py [--rows 1000000] [--repeat 40] [--datasette /tmp/dsvenv/bin]
Datasette and sqlite-utils live in a separate venv (pip install datasette sqlite-utils); without it the
comparison is skipped. Everything runs in a temporary directory, over HTTP on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMUNES = [
    "Alfortville",
    "Boissy-Saint-Léger",
    "Bonneuil-sur-Marne",
    "Chennevières-sur-Marne",
    "Créteil",
    "La Queue-en-Brie",
    "Le Plessis-Trévise",
    "Limeil-Brévannes",
    "Mandres-les-Roses",
    "Marolles-en-Brie",
    "Noiseau",
    "Ormesson-sur-Marne",
    "Périgny",
    "Santeny",
    "Sucy-en-Brie",
    "Villecresnes",
]
CATEGORIES = ["voirie", "culture", "sport", "social", "education", "environnement", "numerique", "sante"]
STATUTS = ["ouvert", "en_cours", "clos", "annule"]
SCHEMA = {
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True, "unique": True}},
        {"name": "code_insee", "type": "string", "constraints": {"required": True, "pattern": "94[0-9]{3}"}},
        {"name": "commune", "type": "string", "constraints": {"required": True}},
        {"name": "categorie", "type": "string", "constraints": {"enum": CATEGORIES}},
        {"name": "statut", "type": "string", "constraints": {"enum": STATUTS}},
        {"name": "montant", "type": "number", "constraints": {"minimum": 0}},
        {"name": "quantite", "type": "integer"},
        {"name": "date_demande", "type": "date"},
        {"name": "annee", "type": "integer"},
        {"name": "prioritaire", "type": "boolean"},
        {"name": "libelle", "type": "string"},
        {"name": "reference", "type": "string", "constraints": {"pattern": "REF-[0-9]{7}"}},
    ]
}


def generate_csv(path: Path, rows: int) -> Path:
    """A deterministic CSV of ``rows`` rows × 12 columns (~120 MB for 1M rows), with DuckDB."""
    import duckdb

    communes = "[" + ",".join("'" + c.replace("'", "''") + "'" for c in COMMUNES) + "]"
    cats = "[" + ",".join(f"'{c}'" for c in CATEGORIES) + "]"
    stats = "[" + ",".join(f"'{s}'" for s in STATUTS) + "]"
    duckdb.sql(f"""
        COPY (
          SELECT i AS id,
                 '94' || lpad(((i * 7) % 100)::VARCHAR, 3, '0') AS code_insee,
                 {communes}[((i % 16) + 1)::BIGINT] AS commune,
                 {cats}[((hash(i) % 8) + 1)::BIGINT] AS categorie,
                 {stats}[((hash(i * 3) % 4) + 1)::BIGINT] AS statut,
                 round(((hash(i * 5) % 1000000)::BIGINT) / 100.0, 2) AS montant,
                 ((hash(i * 11) % 500)::BIGINT)::INTEGER AS quantite,
                 DATE '2020-01-01' + ((hash(i * 13) % 2000)::BIGINT)::INTEGER AS date_demande,
                 2020 + (i % 6) AS annee,
                 CASE WHEN i % 3 = 0 THEN 'true' ELSE 'false' END AS prioritaire,
                 'Demande de subvention numéro ' || i || ' pour le projet ' || ((hash(i) % 9973)::BIGINT) AS libelle,
                 'REF-' || lpad(i::VARCHAR, 7, '0') AS reference
          FROM range({rows}) t(i)
        ) TO '{path}' (HEADER, DELIMITER ',')
    """)
    return path


def setup_django(data_dir: Path) -> None:
    os.environ["PARVIS_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "parvis.settings"
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def import_file(csv_path: Path) -> tuple[str, float]:
    from parvis.accounts.models import Organisation
    from parvis.catalog import services

    org, _ = Organisation.objects.get_or_create(
        slug="bench", defaults={"name": "Bench", "kind": "collectivite"}
    )
    started = time.perf_counter()
    dataset, version = services.create_dataset_from_file(
        organisation=org, title="Bench API", path=str(csv_path), schema=SCHEMA, published=True
    )
    assert version.status == "ready", version.failure
    return (
        f"/api/catalog/datasets/{dataset.slug}/resources/{dataset.resources.get().slug}",
        time.perf_counter() - started,
    )


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"pas de réponse de {url}")


def timed_get(url: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        body = response.read()
    return (time.perf_counter() - started) * 1000, body


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def bench_parvis(base: str, repeat: int, target: int) -> dict:
    rnd = random.Random(1)
    pages = []
    for _ in range(repeat):
        params = {
            "commune": rnd.choice(COMMUNES),
            "montant__gte": str(rnd.randint(0, 5000)),
            "_sort": rnd.choice(["-montant", "date_demande", "-quantite"]),
            "_size": "100",
        }
        ms, body = timed_get(f"{base}/rows?{urllib.parse.urlencode(params)}")
        assert len(json.loads(body)["rows"]) == 100
        pages.append(ms)
    facets = []
    for _ in range(repeat):
        ms, body = timed_get(f"{base}/facets?_facet=commune&_facet=categorie&_facet=statut")
        assert len(json.loads(body)["facets"]["categorie"]) == 8
        facets.append(ms)
    # Walk to row 900,000 (or 90 % of a smaller file) with pages of 10,000 rows, following the cursor of each answer.
    url, walked, last_ms, walk_started = f"{base}/rows?_size=10000", 0, 0.0, time.perf_counter()
    while walked < target:
        last_ms, body = timed_get(url)
        payload = json.loads(body)
        walked += len(payload["rows"])
        url = f"http://{urllib.parse.urlsplit(base).netloc}{payload['next']}"
    walk_s = time.perf_counter() - walk_started
    deep = [timed_get(url.replace("_size=10000", "_size=100"))[0] for _ in range(repeat)]
    started = time.perf_counter()
    with urllib.request.urlopen(f"{base}/export/csv", timeout=600) as response:
        size = 0
        while chunk := response.read(1 << 20):
            size += len(chunk)
    export_s = time.perf_counter() - started
    return {
        "page_p50_ms": statistics.median(pages),
        "page_p95_ms": pct(pages, 95),
        "facets_p50_ms": statistics.median(facets),
        "facets_p95_ms": pct(facets, 95),
        "row_900000_page_p50_ms": statistics.median(deep),
        "row_900000_page_p95_ms": pct(deep, 95),
        "walk_to_900000_s": walk_s,
        "last_walk_page_ms": last_ms,
        "export_csv_mb": size / 1e6,
        "export_csv_s": export_s,
        "export_csv_mb_s": size / 1e6 / export_s,
    }


def bench_datasette(bin_dir: Path, csv_path: Path, work: Path, port: int, repeat: int) -> dict:
    db = work / "bench.db"
    started = time.perf_counter()
    subprocess.run(
        [str(bin_dir / "sqlite-utils"), "insert", str(db), "rows", str(csv_path), "--csv"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    insert_s = time.perf_counter() - started
    server = subprocess.Popen(
        [str(bin_dir / "datasette"), "serve", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}/bench/rows.json"
        wait_for(base + "?_size=1")
        facets, timed_out = [], 0
        for _ in range(repeat):
            ms, body = timed_get(base + "?_facet=commune&_facet=categorie&_facet=statut&_size=0")
            timed_out += bool(json.loads(body).get("facets_timed_out"))
            facets.append(ms)
        return {
            "insert_s": insert_s,
            "facets_p50_ms": statistics.median(facets),
            "facets_p95_ms": pct(facets, 95),
            "facets_timed_out": timed_out,
            "repeat": repeat,
        }
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--datasette", default="/tmp/dsvenv/bin")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="parvis-bench-catalog-"))
    try:
        csv_path = generate_csv(work / "bench.csv", args.rows)
        print(f"CSV : {args.rows:,} lignes × 12 colonnes, {csv_path.stat().st_size / 1e6:.0f} Mo")
        setup_django(work / "data")
        path, import_s = import_file(csv_path)
        print(f"import Parvis (lecture, validation, typage, Parquet, statistiques) : {import_s:.1f} s")
        env = {**os.environ, "PARVIS_DATA_DIR": str(work / "data")}
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "parvis.cli",
                "serve",
                "--port",
                str(args.port),
                "--workers",
                "1",
                "--no-worker",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{args.port}{path}"
            wait_for(base + "/rows?_size=1")
            result = bench_parvis(base, args.repeat, min(900_000, args.rows * 9 // 10))
        finally:
            server.terminate()
            server.wait(timeout=10)
        for key, value in result.items():
            print(f"parvis {key} = {value:.1f}")
        bin_dir = Path(args.datasette)
        if (bin_dir / "datasette").exists():
            ds = bench_datasette(bin_dir, csv_path, work, args.port + 1, args.repeat)
            for key, value in ds.items():
                print(
                    f"datasette {key} = {value:.1f}"
                    if isinstance(value, float)
                    else f"datasette {key} = {value}"
                )
            print(
                f"ratio facettes p95 datasette / parvis = {ds['facets_p95_ms'] / result['facets_p95_ms']:.1f}"
            )
        else:
            print("datasette absent : comparaison ignorée")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
