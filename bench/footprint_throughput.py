"""Sobriété benchmark: pages audited per minute (EcoIndex + axe) on the local corpus, memory per
browser, EcoIndex computation against ecoindex-compute, and the self-audit of every public page.

Run: .venv/bin/python bench/footprint_throughput.py [--pages 40] [--no-self-audit]
"""

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parvis.core.lib import netguard  # noqa: E402
from parvis.footprint.lib import ecoindex  # noqa: E402
from parvis.footprint.lib.browser import AuditConfig  # noqa: E402
from parvis.footprint.lib.runner import AuditRunner  # noqa: E402
from parvis.footprint.tests.corpus import Corpus  # noqa: E402

PATHS = ["/light", "/heavy", "/many", "/faults", "/tracker", "/practices", "/"] + [
    f"/page-{i}" for i in range(1, 8)
]
UA = "ParvisBot/1.0 (benchmark)"


def tree_pss_mb(root_pid: int) -> float:
    """Proportional set size (shared pages split between sharers) of every descendant process of
    root_pid: the Playwright driver and the Chromium processes."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry)] = int(stat[1])
            except (OSError, IndexError):
                continue
    total = 0
    for pid in parents:
        ancestor = parents.get(pid)
        while ancestor and ancestor != root_pid:
            ancestor = parents.get(ancestor)
        if ancestor == root_pid:
            try:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
            except OSError:
                continue
    return total / 1024


def throughput(corpus, pages: int, concurrency: int, wait: float) -> dict:
    config = AuditConfig(
        user_agent=UA,
        axe_dir=ROOT / "node_modules" / "axe-core",
        policy=netguard.Policy(allow_private=True),
        wait_before_scroll=wait,
        wait_after_scroll=wait,
        timeout=30,
    )
    urls = [corpus.url(PATHS[i % len(PATHS)]) for i in range(pages)]
    with AuditRunner(config) as runner:
        runner.audit(corpus.url("/light"))  # warm-up
        started = time.perf_counter()
        results = runner.audit_many(urls, concurrency=concurrency)
        elapsed = time.perf_counter() - started
        memory = tree_pss_mb(os.getpid())
    failures = [url for url, outcome in results if not hasattr(outcome, "ecoindex")]
    return {
        "pages": pages,
        "concurrency": concurrency,
        "wait_s": wait,
        "seconds": round(elapsed, 1),
        "pages_per_minute": round(60 * (pages - len(failures)) / elapsed, 1),
        "failures": len(failures),
        "browser_pss_mb": round(memory),
    }


def compute_ratio(count=20_000) -> dict:
    from ecoindex.compute import compute_ecoindex

    cases = [(i * 7 % 3000, i * 13 % 300, (i * 37 % 9000) * 1.0) for i in range(count)]
    started = time.perf_counter()
    for n, r, s in cases:
        ecoindex.compute(n, r, s)
    mine = time.perf_counter() - started

    async def reference():
        for n, r, s in cases:
            await compute_ecoindex(nodes=n, size=s, requests=r)

    started = time.perf_counter()
    asyncio.run(reference())
    theirs = time.perf_counter() - started
    return {
        "cases": count,
        "parvis_us": round(1e6 * mine / count, 2),
        "ecoindex_compute_us": round(1e6 * theirs / count, 2),
        "speedup": round(theirs / mine, 1),
    }


def self_audit() -> list[dict]:
    """Migrate a throw-away instance, load the demo, serve it, and self-audit its public pages."""
    with tempfile.TemporaryDirectory(prefix="parvis-bench-") as data_dir:
        env = os.environ | {
            "PARVIS_DATA_DIR": data_dir,
            "DJANGO_SETTINGS_MODULE": "parvis.settings",
            "PARVIS_HTTPS": "0",
        }
        env.pop("DATABASE_URL", None)
        manage = [sys.executable, "-m", "django"]
        for args in (
            ["migrate", "--no-input", "-v", "0"],
            ["collectstatic", "--no-input", "-v", "0"],
            ["demo", "--only", "accounts", "territory", "footprint"],
        ):
            subprocess.run(manage + args, env=env, cwd=ROOT, check=True, capture_output=True)
        server = subprocess.Popen(
            manage + ["runserver", "127.0.0.1:8765", "--noreload", "--insecure"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(4)
            out = subprocess.run(
                manage + ["footprint", "self-audit", "http://127.0.0.1:8765/", "--json"],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
        finally:
            server.terminate()
            server.wait(timeout=10)
        import json

        return json.loads(out.stdout) if out.stdout.strip() else [{"error": out.stderr[-500:]}]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--no-self-audit", action="store_true")
    args = parser.parse_args()
    print("EcoIndex computation vs ecoindex-compute:", compute_ratio())
    with Corpus() as corpus:
        for concurrency, wait in ((1, 1.0), (2, 1.0), (3, 1.0)):
            runs = [throughput(corpus, args.pages, concurrency, wait) for _ in range(2)]
            best = {k: v for k, v in runs[0].items() if k != "pages_per_minute"}
            best["pages_per_minute_median"] = round(statistics.median(r["pages_per_minute"] for r in runs), 1)
            print("Throughput:", best)
    if not args.no_self_audit:
        print("Self-audit of every public page:")
        for row in self_audit():
            print(
                " ",
                row
                if "error" in row
                else f"{row['score']:>3} {row['grade']} {row['size_kb']:>7.1f} ko {row['requests']:>3} req "
                f"{len(row['violations'])} axe  {row['url']}",
            )


if __name__ == "__main__":
    main()
