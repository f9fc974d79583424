"""Full référentiel import (all of France) into a fresh SQLite database, twice (the second run checks
idempotence), with counts. Target: ≤ 60 s.

Usage: .venv/bin/python bench/territory_import.py [--shared ../shared/data] [--keep DIR] [--database-url URL]
``--keep DIR`` leaves the database in DIR so that bench/territory_maps.py can reuse it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from shared_data import SHARED_DATA  # noqa: E402


def django_in(data_dir: Path, database_url: str = "") -> None:
    """Configure Django on a SQLite database inside ``data_dir`` (or ``database_url``) and migrate it."""
    sys.path.insert(0, str(ROOT))
    os.environ["PARVIS_DATA_DIR"] = str(data_dir)
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{data_dir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "parvis.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def full_files(shared: Path) -> list[str]:
    geo = shared / "geo"
    return [
        str(shared / "referentiel"),
        str(geo / "communes"),
        str(geo / "communes-2018-vers-cog2026.json.gz"),
        str(geo / "communes-centroides-cog2026.csv"),
        str(geo / "departements-version-simplifiee.geojson.gz"),
        str(geo / "regions-version-simplifiee.geojson.gz"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", default=str(SHARED_DATA))
    parser.add_argument("--keep", default="")
    parser.add_argument(
        "--database-url", default="", help="e.g. postgres://postgres@127.0.0.1:5432/parvis_bench"
    )
    args = parser.parse_args()
    data_dir = Path(args.keep or tempfile.mkdtemp(prefix="parvis-bench-territory-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    django_in(data_dir, args.database_url)
    from parvis.territory.models import Kind, Shape, Territory
    from parvis.territory.services.imports import import_files

    files = full_files(Path(args.shared))
    times = []
    for attempt in (1, 2):
        started = time.perf_counter()
        counts = import_files(files)
        times.append(time.perf_counter() - started)
        print(f"run {attempt}: {times[-1]:.1f} s  {counts}")
    current = Territory.objects.filter(kind=Kind.COMMUNE, subtype="commune-actuelle").count()
    print(
        f"communes actuelles: {current} (source: 34969), territories: {Territory.objects.count()}, "
        f"contours: {Shape.objects.count()}"
    )
    print(f"RESULT import_first_s={times[0]:.1f} import_second_s={times[1]:.1f} target_s=60")
    print(f"database kept in {data_dir}" if args.keep else f"(temporary directory {data_dir})")


if __name__ == "__main__":
    main()
