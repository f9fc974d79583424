"""SVG map size (raw and gzip) and render time for GPSEA, département 94, département 23, France by
département, and all the communes of France, on the full référentiel. Reference in the same run: the
GeoJSON of the same contours (what a tile-less web map would download), raw and gzip.
Render times are medians over --repeat runs with the map cache cleared. Targets for a département:
≤ 150 KB gzip and ≤ 300 ms.

Usage: .venv/bin/python bench/territory_maps.py [--db /tmp/parvis-bench-territory] [--repeat 7]
(--db: a directory filled by bench/territory_import.py --keep; imported there if empty)
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shared_data import SHARED_DATA  # noqa: E402
from territory_import import django_in, full_files  # noqa: E402


def median_ms(fn, repeat: int) -> tuple[float, str]:
    from django.core.cache import cache

    times, out = [], ""
    for _ in range(repeat):
        cache.clear()
        started = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), out


def geojson_of(codes: list[str]) -> bytes:
    import shapely

    from parvis.territory.lib.geo import to_lonlat
    from parvis.territory.models import Shape

    features = []
    for code, wkb in Shape.objects.filter(kind="commune", code__in=codes).values_list("code", "wkb"):
        geom = to_lonlat(shapely.from_wkb(bytes(wkb)))
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code},
                "geometry": json.loads(shapely.to_geojson(shapely.set_precision(geom, 1e-5))),
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/parvis-bench-territory")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--shared", default=str(SHARED_DATA))
    args = parser.parse_args()
    data_dir = Path(args.db)
    data_dir.mkdir(parents=True, exist_ok=True)
    django_in(data_dir)
    from parvis.territory.maps import france_communes_svg, render_map_svg, render_overview_svg
    from parvis.territory.models import Shape
    from parvis.territory.selectors import communes_of, get_territory
    from parvis.territory.services.imports import import_files

    if Shape.objects.filter(kind="commune").count() < 30000:
        import_files(full_files(Path(args.shared)))
    cases = [
        ("GPSEA (EPT, 16 communes)", get_territory("ept", "200058006")),
        ("Val-de-Marne (94, 47 communes)", get_territory("departement", "94")),
        ("Creuse (23, 255 communes)", get_territory("departement", "23")),
        ("Pas-de-Calais (62, the most communes)", get_territory("departement", "62")),
    ]
    print(
        f"{'map':42} {'areas':>6} {'svg KB':>8} {'gzip KB':>8} {'ms':>7} | {'GeoJSON KB':>10} {'gzip KB':>8}"
    )
    for label, territory in cases:
        codes = list(communes_of(territory).values_list("code", flat=True))
        ms, svg = median_ms(lambda t=territory: render_map_svg(t), args.repeat)
        ref = geojson_of(codes)
        print(
            f"{label:42} {svg.count('<a '):>6} {len(svg) / 1024:>8.1f} {len(gzip.compress(svg.encode())) / 1024:>8.1f} "
            f"{ms:>7.0f} | {len(ref) / 1024:>10.1f} {len(gzip.compress(ref)) / 1024:>8.1f}"
        )
    ms, svg = median_ms(render_overview_svg, args.repeat)
    print(
        f"{'France by département (96)':42} {svg.count('<a '):>6} {len(svg) / 1024:>8.1f} "
        f"{len(gzip.compress(svg.encode())) / 1024:>8.1f} {ms:>7.0f} |"
    )
    for path in (data_dir / "maps").glob("france-communes-*.svg"):
        path.unlink()
    started = time.perf_counter()
    svg = france_communes_svg()
    first = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    france_communes_svg()
    cached = (time.perf_counter() - started) * 1000
    ref = geojson_of(list(Shape.objects.filter(kind="commune").values_list("code", flat=True)))
    print(
        f"{'France, all communes (first render)':42} {svg.count('<a '):>6} {len(svg) / 1024:>8.1f} "
        f"{len(gzip.compress(svg.encode())) / 1024:>8.1f} {first:>7.0f} | {len(ref) / 1024:>10.1f} "
        f"{len(gzip.compress(ref)) / 1024:>8.1f}"
    )
    print(f"{'France, all communes (from disk cache)':42} {'':>6} {'':>8} {'':>8} {cached:>7.0f} |")


if __name__ == "__main__":
    main()
