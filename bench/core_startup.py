"""Time to first response: how long after `parvis serve` starts does the home page answer, and how long does that
first answer take compared with the next ones? Beside it, the same server (granian, same options) serving a
one-line WSGI application: the floor that no Django project can beat on this machine.

Usage: .venv/bin/python bench/core_startup.py [--runs 3] [--data DIR]
Without --data, prepares a fresh SQLite instance with the full demo in a temporary directory (a few minutes).
The task worker is left out (--no-worker): the web process alone answers the page.
Figures are wall-clock times on a shared machine: read them beside the load average printed with them.
"""

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from parvis.core.lib import supervisor

ROOT = Path(__file__).resolve().parent.parent
PARVIS = [sys.executable, "-m", "parvis.cli"]
FLOOR_APP = "def application(environ, start_response):\n    start_response('200 OK', [('Content-Type', 'text/plain')])\n    return [b'ok']\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare(data: str) -> dict:
    env = {**os.environ, "PARVIS_DATA_DIR": data, "DJANGO_SETTINGS_MODULE": "parvis.settings"}
    env.pop("DATABASE_URL", None)
    if not (Path(data) / "parvis.sqlite3").exists():
        for step in (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"], ["demo"]):
            subprocess.run([*PARVIS, *step], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return env


def first_answer(url: str, started: float, limit: float = 120.0) -> tuple[float, float]:
    """(seconds from start to the first complete answer, seconds that request took)."""
    while time.monotonic() - started < limit:
        sent = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=limit) as response:
                response.read()
            return time.monotonic() - started, time.monotonic() - sent
        except urllib.error.HTTPError as error:
            error.read()
            return time.monotonic() - started, time.monotonic() - sent
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"{url} n'a pas répondu en {limit:.0f} s")


def next_answers(url: str, count: int = 5) -> float:
    times = []
    for _ in range(count):
        sent = time.monotonic()
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
        times.append(time.monotonic() - sent)
    return statistics.median(times)


def measure(command: list[str], env: dict, url: str) -> dict:
    started = time.monotonic()
    server = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        total, first = first_answer(url, started)
        return {"start_to_first": total, "first_request": first, "next_request": next_answers(url)}
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", help="an instance directory already migrated, with the demo loaded")
    options = parser.parse_args()
    env = prepare(options.data or tempfile.mkdtemp(prefix="parvis-bench-"))
    floor_dir = tempfile.mkdtemp(prefix="parvis-floor-")
    Path(floor_dir, "floor_app.py").write_text(FLOOR_APP)
    floor_env = {**env, "PYTHONPATH": floor_dir}
    parvis_rows, floor_rows = [], []
    for _ in range(options.runs):
        port = free_port()
        parvis_rows.append(
            measure([*PARVIS, "serve", "--no-worker", "--port", str(port)], env, f"http://127.0.0.1:{port}/")
        )
        port = free_port()
        # The same server with the same options as `parvis serve`, serving the one-line application.
        floor = [*supervisor.granian_command("127.0.0.1", port, 1)[:-1], "floor_app:application"]
        floor_rows.append(measure(floor, floor_env, f"http://127.0.0.1:{port}/"))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cœurs, charge {os.getloadavg()[0]:.2f}")
    for name, rows in (
        ("parvis serve, page d'accueil", parvis_rows),
        ("granian + WSGI d'une ligne", floor_rows),
    ):
        med = {key: statistics.median(row[key] for row in rows) for key in rows[0]}
        print(
            f"{name:32} démarrage → 1re réponse {med['start_to_first']:.2f} s "
            f"(1re requête {med['first_request'] * 1000:.0f} ms, suivantes {med['next_request'] * 1000:.0f} ms), "
            f"médiane de {len(rows)}"
        )


if __name__ == "__main__":
    main()
