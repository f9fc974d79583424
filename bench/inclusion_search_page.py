"""Public search page « Trouver de l'aide près de chez moi » under 50 concurrent clients, 100,000
generated places over France. Target: p95 ≤ 150 ms.

Starts granian (2 workers, as `parvis serve --workers 2`) on 127.0.0.1 against a fresh database, then wrk with 50
connections on 2 threads, asking for gzip as browsers do. Each request is a search (need, place as
commune name, postcode or coordinates, radius, filters) in two workloads:
- « 400 recherches » cycles through 400 distinct searches: the steady state, where the result cards of
  the places already shown are reused;
- « 20 000 recherches » never repeats a search within the run: most cards are rendered for the first time.
Each workload runs --rounds times; the medians are printed. Reference in the same run: /healthz (the
framework's floor) under the same load.

Usage: .venv/bin/python bench/inclusion_search_page.py [--places 100000] [--duration 15] [--rounds 3]
       [--database-url postgres://postgres@127.0.0.1:5432/parvis_bench]   (default: a fresh SQLite file)
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import wrk_load
from inclusion_common import generated_records, load_places
from territory_import import django_in

from parvis.core.lib.supervisor import granian_command


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def paths(n: int = 400, seed: int = 5) -> list[str]:
    from urllib.parse import urlencode

    rng = random.Random(seed)
    needs = ["", "demarches", "apprendre", "equipement", "sans-internet"]
    out = []
    for i in range(n):
        if i % 4 == 0:
            lieu = rng.choice(
                ["Créteil", "94000", "Sucy-en-Brie", "Guéret", "23000", "Alfortville", "Aubusson"]
            )
        else:
            lieu = f"{rng.uniform(43.0, 50.5):.4f},{rng.uniform(-1.5, 7.0):.4f}"
        query = {"besoin": rng.choice(needs), "lieu": lieu, "rayon": rng.choice([1, 2, 5, 10, 20])}
        if i % 5 == 0:
            query["gratuit"] = "on"
        if i % 7 == 0:
            query["ouvert"] = "maintenant"
        out.append("/aide/?" + urlencode(query))
    return out


def wrk(port: int, urls: list[str], duration: int, tmp: Path) -> dict[str, float]:
    load = wrk_load.finish(wrk_load.start(port, wrk_load.script(urls, tmp), duration=duration))
    return {key: load[key] for key in ("p50", "p95", "p99", "errors")} | {"req/s": load["rps"]}


def report(label: str, rounds: list[dict[str, float]]) -> None:
    median = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    each = ", ".join(f"{r['p95']:.0f}" for r in rounds)
    print(
        f"{label}: median of {len(rounds)} rounds p50={median['p50']:.1f} p95={median['p95']:.1f} "
        f"p99={median['p99']:.1f} ms, {median['req/s']:.0f} req/s, errors={median['errors']:.0f} (p95 of each round: {each} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--places", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", default="", help="PostgreSQL database to fill (emptied first)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        database_url = args.database_url or f"sqlite:///{tmp / 'bench.sqlite3'}"
        django_in(tmp, database_url)
        from parvis.inclusion.models import Place
        from parvis.territory.services.imports import import_files

        import_files()
        Place.objects.all().delete()
        load_places(generated_records(args.places))
        from django.db import connection

        connection.close()  # the last connection out checkpoints SQLite's write-ahead log, as after an import
        port = free_port()
        env = {
            **os.environ,
            "PARVIS_DATA_DIR": str(tmp),
            "DATABASE_URL": database_url,
        }
        server = subprocess.Popen(
            granian_command("127.0.0.1", port, workers=2),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wrk_load.wait_until_up(port, 100)
            urls = paths()
            sizes = [
                len(urllib.request.urlopen(f"http://127.0.0.1:{port}{u}", timeout=10).read())
                for u in urls[:40]
            ]
            print(
                f"page weight (HTML, first 40 searches): max {max(sizes) / 1000:.1f} KB, mean {sum(sizes) / len(sizes) / 1000:.1f} KB"
            )
            results = {
                "search page, 400 searches": [],
                "search page, 20 000 searches": [],
                "reference /healthz": [],
            }
            for round_ in range(
                args.rounds
            ):  # interleaved, so that a noisy moment does not hit one workload only
                unique = paths(20_000, seed=100 + round_)  # a new set each round: no search repeats
                for label, workload in zip(results, (urls, unique, ["/healthz"]), strict=True):
                    results[label].append(wrk(port, workload, args.duration, tmp))
            for label, rounds in results.items():
                report(label, rounds)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
