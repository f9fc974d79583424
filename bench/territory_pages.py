"""Commune and territory pages under 50 concurrent clients. Target: p95 ≤ 150 ms.

Builds a fresh instance with the demo (accounts, territory, catalog, observatory: 357 communes with their key
figures and datasets), starts granian with 2 workers as `parvis serve --workers 2` does (with a Redis cache
when `redis-server` is installed: the shared cache of a two-node deployment), then wrk -t2 -c50, asking for
gzip as browsers do, on:
- « commune pages »: every demo commune in turn (/territoires/commune/<code>/);
- « territory pages »: every EPCI, EPT, département and région (/territoires/<kind>/<code>/);
- references in the same run: the home page and /healthz (the framework's floor).
Before the timed runs every page is asked once (the first visit of a page renders it; its time is printed).
Each workload runs --rounds times (interleaved); medians are printed, with the CPU time the server processes
spent per request (from /proc: utime + stime of granian and its workers), the robust figure on a loaded
machine, and the load average.

Usage: .venv/bin/python bench/territory_pages.py [--duration 10] [--rounds 3] [--no-redis]
       [--source DIR]   (another checkout of Parvis to measure with the same script, e.g. the previous code)
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import wrk_load
from inclusion_search_page import free_port

from parvis.core.lib.supervisor import granian_command

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(root_pid: int) -> float:
    """User + system CPU time of ``root_pid`` and all its descendants (children that ended included)."""
    parents, times = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        times[pid] = sum(int(v) for v in fields[11:15])  # utime, stime, cutime, cstime
    family, todo = set(), [root_pid]
    while todo:
        pid = todo.pop()
        family.add(pid)
        todo += [child for child, parent in parents.items() if parent == pid and child not in family]
    return sum(times.get(pid, 0) for pid in family) / TICKS


def wrk(port: int, urls: list[str], duration: int, tmp: Path, server_pid: int) -> dict[str, float]:
    cpu = cpu_seconds(server_pid)
    load = wrk_load.finish(wrk_load.start(port, wrk_load.script(urls, tmp), duration=duration))
    cpu = cpu_seconds(server_pid) - cpu
    figures = {key: load[key] for key in ("p50", "p95", "p99", "requests", "errors")}
    return {**figures, "req/s": load["rps"], "cpu ms/req": 1000 * cpu / max(figures["requests"], 1)}


def report(label: str, rounds: list[dict[str, float]]) -> None:
    m = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    each = ", ".join(f"{r['p95']:.0f}" for r in rounds)
    print(
        f"{label}: p50={m['p50']:.1f} p95={m['p95']:.1f} p99={m['p99']:.1f} ms, {m['req/s']:.0f} req/s, "
        f"{m['cpu ms/req']:.2f} ms CPU/request, errors={m['errors']:.0f} "
        f"(median of {len(rounds)} rounds; p95 of each: {each} ms)",
        flush=True,
    )


def prepare(tmp: Path, env: dict) -> None:
    parvis = [sys.executable, "-m", "parvis.cli"]
    for step in (
        ["migrate", "--no-input", "-v0"],
        ["collectstatic", "--no-input", "-v0"],
        ["demo", "--only", "accounts", "territory", "catalog", "observatory"],
    ):
        subprocess.run([*parvis, *step], env=env, check=True, cwd=tmp, stdout=subprocess.DEVNULL)


def pages(database: Path) -> tuple[list[str], list[str]]:
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT kind, code FROM territory_territory WHERE kind IN ('commune', 'epci', 'ept', 'departement', "
            "'region') ORDER BY kind, code"
        ).fetchall()
    communes = [f"/territoires/commune/{code}/" for kind, code in rows if kind == "commune"]
    others = [f"/territoires/{kind}/{code}/" for kind, code in rows if kind != "commune"]
    return communes, others


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-redis", action="store_true", help="the file cache of a single node instead")
    parser.add_argument("--source", default="", help="another checkout of Parvis to measure")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f} (cores: {os.cpu_count()})", flush=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "PARVIS_DATA_DIR": str(tmp), "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}"}
        env["DJANGO_SETTINGS_MODULE"] = "parvis.settings"
        env["PYTHONPATH"] = os.pathsep.join(p for p in (args.source, env.get("PYTHONPATH", "")) if p)
        env.pop("REDIS_URL", None)
        redis = None
        if not args.no_redis and shutil.which("redis-server"):
            redis_port = free_port()
            redis = subprocess.Popen(
                ["redis-server", "--port", str(redis_port), "--save", "", "--appendonly", "no"],
                stdout=subprocess.DEVNULL,
            )
            env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        print(f"cache: {'Redis' if redis else 'file (one node)'}; code: {args.source or ROOT}", flush=True)
        prepare(tmp, env)
        communes, others = pages(tmp / "db.sqlite3")
        port = free_port()
        server = subprocess.Popen(
            granian_command("127.0.0.1", port, workers=2),
            env=env,
            cwd=tmp,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wrk_load.wait_until_up(port, 150)
            for label, urls in (("commune", communes), ("territory", others)):
                start, sizes = time.perf_counter(), []
                for url in urls:
                    sizes.append(
                        len(urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=30).read())
                    )
                took = (time.perf_counter() - start) * 1000 / len(urls)
                print(
                    f"first visit of each {label} page ({len(urls)} pages, one at a time): {took:.1f} ms mean, "
                    f"HTML {sum(sizes) / len(sizes) / 1000:.1f} KB mean",
                    flush=True,
                )
            workloads = {
                f"commune pages ({len(communes)})": communes,
                f"territory pages ({len(others)})": others,
                "reference: home page": ["/"],
                "reference: /healthz": ["/healthz"],
            }
            results: dict[str, list] = {label: [] for label in workloads}
            for _round in range(args.rounds):
                for label, urls in workloads.items():
                    results[label].append(wrk(port, urls, args.duration, tmp, server.pid))
            for label, rounds in results.items():
                report(label, rounds)
        finally:
            server.terminate()
            server.wait(timeout=20)
            if redis is not None:
                redis.terminate()
                redis.wait(timeout=10)
    print(f"load average at end: {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()
