"""Home page: weight (bytes transferred, gzip), number of requests, and latency p50/p99 under wrk
(50 connections, 30 s) against `parvis serve` (granian, 2 workers) on this machine.

Usage: .venv/bin/python bench/core_home.py [--url http://127.0.0.1:8000/] [--duration 30]
Without --url, starts its own server on a fresh SQLite instance in a temporary directory.
"""

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARVIS = [sys.executable, "-m", "parvis.cli"]


def start_server(port: int) -> tuple[subprocess.Popen, str]:
    data = tempfile.mkdtemp(prefix="parvis-bench-")
    env = {**os.environ, "PARVIS_DATA_DIR": data, "DJANGO_SETTINGS_MODULE": "parvis.settings"}
    env.pop("DATABASE_URL", None)
    for step in (
        ["migrate", "--no-input", "-v0"],
        ["collectstatic", "--no-input", "-v0"],
        ["demo", "--only", "accounts"],
    ):
        subprocess.run([*PARVIS, *step], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [*PARVIS, "serve", "--port", str(port), "--no-worker"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)
            return server, url
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("le serveur n'a pas démarré")


def page_weight(url: str) -> tuple[int, int, int]:
    """Requests, bytes transferred (headers excluded, gzip accepted) and DOM elements, as a browser sees them."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        page = browser.new_page()
        sizes = []
        page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
        page.goto(url, wait_until="networkidle")
        dom = page.evaluate("document.getElementsByTagName('*').length")
        browser.close()
    return len(sizes), sum(sizes), dom


def wrk(url: str, duration: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", "-c50", f"-d{duration}s", "--latency", url], capture_output=True, text=True, check=True
    ).stdout
    figures = {"raw": out}
    for pct in ("50", "90", "99"):
        match = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        figures[f"p{pct}_ms"] = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    figures["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url")
    parser.add_argument("--duration", type=int, default=30)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk est absent : apt-get install wrk")
    server = None
    url = args.url
    if not url:
        server, url = start_server(8765)
    try:
        requests, transferred, dom = page_weight(url)
        load = wrk(url, args.duration)
    finally:
        if server:
            server.terminate()
            server.wait()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}")
    print(f"home page: {requests} requests, {transferred} bytes transferred (gzip), {dom} DOM elements")
    print(
        f"wrk 50 connections {args.duration}s: p50 {load['p50_ms']:.1f} ms, p90 {load['p90_ms']:.1f} ms, "
        f"p99 {load['p99_ms']:.1f} ms, {load['rps']:.0f} requests/s"
    )


if __name__ == "__main__":
    main()
