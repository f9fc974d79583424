"""One web node against two: the help search page and a dataset's rows under 50 concurrent clients.

The scaled-out set-up of docs/architecture.md on this machine: PostgreSQL, an S3-compatible server (moto, in
this process) and two `parvis serve --no-worker --workers 1` nodes, each with its own empty data directory.
« one node »: wrk with 50 connections on node A. « two nodes »: two wrk with 25 connections each, on A and B
at the same time (as a proxy spreading clients would); requests/s are summed, latencies are the worse node's.
The workloads alternate within each round so a noisy moment does not hit one of them only.

Prerequisites: `apt-get install wrk` (the bench says so and stops when it is absent), PostgreSQL on
127.0.0.1:5432 (or --database-url), `make install` (moto comes with the test dependencies).

Usage: .venv/bin/python bench/two_nodes.py [--places 20000] [--rows 200000] [--duration 10] [--rounds 2]
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import wrk_load
from inclusion_common import generated_records, load_places
from inclusion_search_page import free_port, paths
from territory_import import django_in

ROOT = Path(__file__).resolve().parent.parent
BUCKET = "parvis-bench"


def start_s3() -> str:
    import boto3
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's server logs every request
    port = free_port()
    ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False).start()
    url = f"http://127.0.0.1:{port}"
    boto3.client(
        "s3", endpoint_url=url, aws_access_key_id="b", aws_secret_access_key="b", region_name="us-east-1"
    ).create_bucket(Bucket=BUCKET)
    return url


def fill(places: int, rows: int, tmp: Path) -> str:
    """Places for the search page and one public dataset; returns the rows API path of its resource."""
    load_places(generated_records(places))
    from parvis.accounts.models import Organisation
    from parvis.catalog import services

    source = tmp / "lignes.csv"
    with source.open("w") as out:
        out.write("id;commune;valeur;libelle\n")
        for i in range(rows):
            out.write(f"{i};94{i % 100:03d};{i * 0.5};ligne {i % 977}\n")
    org = Organisation.objects.create(name="Bench", slug="bench", kind="collectivite")
    dataset, version = services.create_dataset_from_file(
        organisation=org, title="Lignes", path=str(source), published=True, access="public"
    )
    assert version.status == "ready", version.failure
    return f"/api/catalog/datasets/{dataset.slug}/resources/{version.resource.slug}/rows"


def start_node(env: dict, data_dir: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    node = subprocess.Popen(
        [sys.executable, "-m", "parvis.cli", "serve", "--no-worker", "--workers", "1", "--port", str(port)],
        env={**env, "PARVIS_DATA_DIR": str(data_dir)},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    if wrk_load.wait_until_up(port, 300):
        return node, port
    raise SystemExit("un nœud n'a pas démarré")


def wrk(ports: list[int], connections: int, urls: list[str], duration: int, tmp: Path) -> dict:
    """wrk on each port at the same time; requests/s summed, the worse node's latencies and errors summed."""
    lua = wrk_load.script(urls, tmp)
    threads = 2 if len(ports) == 1 else 1
    runs = [
        wrk_load.start(port, lua, duration=duration, threads=threads, connections=connections)
        for port in ports
    ]
    figures = [wrk_load.finish(run) for run in runs]
    return {
        "rps": sum(f["rps"] for f in figures),
        "p50": max(f["p50"] for f in figures),
        "p99": max(f["p99"] for f in figures),
        "errors": sum(f["errors"] for f in figures),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--places", type=int, default=20_000)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/parvis_bench_two_nodes")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk est absent : apt-get install wrk (prérequis de ce banc d'essai).")
    import psycopg

    server, _, name = args.database_url.rpartition("/")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        settings = {
            "PARVIS_STORAGE_URL": f"s3://{BUCKET}/site",
            "PARVIS_S3_ENDPOINT_URL": start_s3(),
            "PARVIS_S3_ACCESS_KEY": "b",
            "PARVIS_S3_SECRET_KEY": "b",
            "PARVIS_S3_REGION": "us-east-1",
            "SECRET_KEY": "bench-two-nodes-" + "x" * 40,
            "LOG_LEVEL": "WARNING",
            # Every client of the bench is one address: the API's read limit (300 a minute per address) would
            # answer 429 to nearly all of them and the bench would measure refusals, not the rows API.
            "PARVIS_API_READ_LIMIT": str(10**9),
        }
        os.environ.update(settings)
        (tmp / "admin").mkdir()
        django_in(tmp / "admin", args.database_url)
        rows_path = fill(args.places, args.rows, tmp)
        from django.db import connections

        connections.close_all()
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "parvis.settings"}
        nodes = [start_node(env, tmp / f"node-{n}") for n in "ab"]
        ports = [port for _node, port in nodes]
        workloads = {
            "help search page (400 searches)": paths(),
            "dataset rows (API, 50 rows, 200 pages)": [
                f"{rows_path}?_size=50&_offset={(i * 997) % (args.rows - 50)}&_sort="
                + ("-valeur" if i % 2 else "id")
                for i in range(200)
            ],
        }
        try:
            for port in ports:  # each node fetches the dataset from the bucket once, as in production
                for url in list(workloads.values())[1][:2] + paths()[:2]:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=60).read()
            results = {(label, n): [] for label in workloads for n in (1, 2)}
            for _ in range(args.rounds):
                for label, urls in workloads.items():
                    results[(label, 1)].append(wrk(ports[:1], 50, urls, args.duration, tmp))
                    results[(label, 2)].append(wrk(ports, 25, urls, args.duration, tmp))
        finally:
            for node, _port in nodes:
                node.terminate()
                node.wait(timeout=20)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"load average {os.getloadavg()[0]:.1f}; {args.places} places, {args.rows} rows, "
        f"{args.rounds} rounds of {args.duration} s"
    )
    for (label, n), rounds in results.items():
        best = max(rounds, key=lambda r: r["rps"])
        each = ", ".join(f"{r['rps']:.0f}" for r in rounds)
        print(
            f"{label}, {n} node(s): {best['rps']:.0f} req/s (rounds: {each}), p50 {best['p50']:.1f} ms, "
            f"p99 {best['p99']:.1f} ms, errors {best['errors']:.0f}"
        )


if __name__ == "__main__":
    main()
