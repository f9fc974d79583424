"""wrk (the HTTP load generator) as the web benches run it: a list of paths cycled through by a Lua script that
prints the latency percentiles and the error count on one ``WRK …`` line, read back here.

Used by ``inclusion_search_page.py``, ``territory_pages.py`` and ``two_nodes.py``; each starts the runs its own way (one node, or two
nodes loaded at the same time) and reads every output with :func:`figures`.
"""

from __future__ import annotations

import subprocess
import time
import urllib.request
from pathlib import Path

LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("WRK p50=%%.1f p95=%%.1f p99=%%.1f ms requests=%%d errors=%%d\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""


def wait_until_up(port: int, tries: int) -> bool:
    """Poll 127.0.0.1:``port``/healthz every 0.2 s, at most ``tries`` times; whether the server answered."""
    for _ in range(tries):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return True
        except OSError:
            time.sleep(0.2)
    return False


def script(urls: list[str], tmp: Path) -> Path:
    """The Lua script cycling through ``urls`` (paths), written once in ``tmp`` for every run that uses it."""
    path = tmp / "paths.lua"
    path.write_text(LUA % ", ".join(f'"{u}"' for u in urls), encoding="utf-8")
    return path


def start(
    port: int, lua: Path, *, duration: int, threads: int = 2, connections: int = 50
) -> subprocess.Popen:
    """wrk against 127.0.0.1:``port`` with the ``lua`` script of :func:`script`, asking for gzip as browsers
    do."""
    return subprocess.Popen(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-H",
            "Accept-Encoding: gzip",
            "-s",
            str(lua),
            f"http://127.0.0.1:{port}",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> dict[str, float]:
    """Wait for a run of :func:`start`; its :func:`figures`."""
    out = process.communicate()[0]
    if process.returncode:
        raise SystemExit(f"wrk a échoué (code {process.returncode}).")
    return figures(out)


def figures(out: str) -> dict[str, float]:
    """p50, p95, p99 (ms), requests, errors and rps (requests per second) of one wrk output."""
    lines = out.splitlines()
    line = next(item for item in lines if item.startswith("WRK"))
    values = {
        key: float(value) for key, value in (item.split("=") for item in line[4:].replace(" ms", "").split())
    }
    values["rps"] = float(next(item for item in lines if "Requests/sec" in item).split()[-1])
    return values
