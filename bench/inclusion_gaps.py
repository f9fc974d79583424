"""Gap analysis for a département with 100,000 generated places over France. Target: ≤ 60 s.

For each commune of the département (référentiel of the territory app, vendored extract: Creuse 23 and
Val-de-Marne 94), distance from its centre to the nearest place offering each of the 9 services, stored
as indicators. Reference in the same run: a brute-force numpy computation of the same distances.

Usage: .venv/bin/python bench/inclusion_gaps.py [--places 100000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from inclusion_common import generated_records, load_places
from territory_import import django_in


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--places", type=int, default=100_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        django_in(Path(tmp), args.database_url)
        from parvis.inclusion import gaps
        from parvis.inclusion.models import GapIndicator, Place
        from parvis.territory.services.imports import import_files

        import_files()
        Place.objects.all().delete()
        load_places(generated_records(args.places))
        for code in ("23", "94"):
            started = time.perf_counter()
            rows = gaps.compute(kind="departement", code=code)
            elapsed = time.perf_counter() - started
            beyond = GapIndicator.objects.filter(departement=code, beyond=True).count()
            print(
                f"département {code}: {rows} indicators ({rows // 9} communes x 9 services) in {elapsed:.2f} s; "
                f"{beyond} beyond {gaps.DEFAULT_THRESHOLD_KM} km"
            )
            _reference(code, elapsed)
        print("target <= 60 s per département: OK" if elapsed <= 60 else "target MISSED")


def _reference(code: str, elapsed: float) -> None:
    import numpy as np

    from parvis.inclusion.gaps import territory_communes
    from parvis.inclusion.lib.vocab import vocabularies
    from parvis.inclusion.models import Place

    started = time.perf_counter()
    _t, communes = territory_communes("departement", code)
    rows = list(Place.objects.values_list("latitude", "longitude", "services"))
    lat = np.radians(np.array([r[0] for r in rows]))
    lon = np.radians(np.array([r[1] for r in rows]))
    for service in vocabularies()["services"]:
        mask = np.array([service in r[2] for r in rows])
        for c in communes:
            clat, clon = np.radians(c.lat), np.radians(c.lon)
            a = (
                np.sin((lat[mask] - clat) / 2) ** 2
                + np.cos(clat) * np.cos(lat[mask]) * np.sin((lon[mask] - clon) / 2) ** 2
            )
            (2 * 6371.0088 * np.arcsin(np.sqrt(a))).min()
    ref = time.perf_counter() - started
    print(f"  reference numpy brute force: {ref:.2f} s; ratio reference / parvis = {ref / elapsed:.1f}x")


if __name__ == "__main__":
    main()
