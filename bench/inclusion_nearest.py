"""Nearest help places on 100,000 generated places over France. Target: p95 ≤ 50 ms.

Measures `parvis.inclusion.selectors.nearest` (SQL bounding box on the (status, latitude, longitude) index,
then exact distance and filters in Python) for 300 random points: the 10 nearest (growing radius), and a
5 km radius with a need filter. Reference in the same run: DuckDB scanning the same 100,000 rows with a
haversine ORDER BY ... LIMIT 10 (what a generic SQL-over-files tool does).

Usage: .venv/bin/python bench/inclusion_nearest.py [--places 100000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from inclusion_common import generated_records, load_places, percentile, summary
from territory_import import django_in


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--places", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        django_in(Path(tmp), args.database_url)
        from parvis.inclusion.models import Place
        from parvis.inclusion.selectors import Filters, nearest

        Place.objects.all().delete()
        started = time.perf_counter()
        records = generated_records(args.places)
        load_places(records)
        print(f"loaded {Place.objects.count()} places in {time.perf_counter() - started:.1f} s")
        rng = random.Random(2)
        points = [(rng.uniform(43.0, 50.5), rng.uniform(-1.5, 7.0)) for _ in range(args.queries)]
        nearest(*points[0], limit=10)  # warm-up
        ten, radius = [], []
        for lat, lon in points:
            t = time.perf_counter()
            nearest(lat, lon, limit=10)
            ten.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            nearest(lat, lon, radius_km=5, limit=20, filters=Filters(need="demarches", free=True))
            radius.append((time.perf_counter() - t) * 1000)
        print(summary("parvis nearest 10 (growing radius)", ten))
        print(summary("parvis 5 km + need + free", radius))

        import duckdb
        import pyarrow as pa

        table = pa.table(
            {
                "id": [r["id"] for r in records],
                "lat": [r["latitude"] for r in records],
                "lon": [r["longitude"] for r in records],
            }
        )
        con = duckdb.connect()
        con.register("places", table)
        sql = (
            "SELECT id FROM places ORDER BY 2 * 6371.0088 * asin(sqrt(pow(sin(radians(lat - $lat) / 2), 2) + "
            "cos(radians($lat)) * cos(radians(lat)) * pow(sin(radians(lon - $lon) / 2), 2))) LIMIT 10"
        )
        con.execute(sql, {"lat": 48.0, "lon": 2.0}).fetchall()
        ref = []
        for lat, lon in points[:100]:
            t = time.perf_counter()
            con.execute(sql, {"lat": lat, "lon": lon}).fetchall()
            ref.append((time.perf_counter() - t) * 1000)
        print(summary("reference DuckDB full scan nearest 10", ref))
        print(f"ratio p95 reference / parvis nearest 10: {percentile(ref, 95) / percentile(ten, 95):.1f}x")
        print(
            f"target p95 <= 50 ms: {'OK' if percentile(ten, 95) <= 50 and percentile(radius, 95) <= 50 else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
