"""``catalog_upload.py --http``: upload → first API answer through HTTP and the real worker.

A Parvis server (granian, the WSGI app) and its background worker (``parvis worker``) run as separate
processes on a temporary SQLite database and data directory. The bench logs in through the login page,
uploads the CSV as a multipart request to the import API (session + CSRF, as a browser would), then polls
the rows API until the new version answers with its rows and a facet. Peak RSS of the worker and of the
web process are read from ``/proc`` (``VmHWM``). The peer loads the same file with ``sqlite-utils insert``
and starts Datasette; its answer must carry the rows *and* the requested facet (Datasette 0.65 has no
``facets_timed_out`` flag in its JSON: a facet cut by its time limit is simply absent).
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACET = "categorie"


def _peak_mib(pid: int) -> float:
    """Highest peak RSS of ``pid`` and of its child processes (granian serves from children)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
        children = [
            int(child)
            for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()
        ]
    except OSError:
        return float("nan")
    match = re.search(r"VmHWM:\s+(\d+) kB", text)
    own = int(match.group(1)) / 1024 if match else float("nan")
    return max([own, *(_peak_mib(child) for child in children)])


def _prepare(work: Path, schema: dict) -> tuple[str, str, dict]:
    """Database, user, dataset and resource, created with the ORM before the servers start."""
    env = {**os.environ, "PARVIS_DATA_DIR": str(work / "data"), "DJANGO_SETTINGS_MODULE": "parvis.settings"}
    env.pop("DATABASE_URL", None)
    env["PARVIS_MAX_UPLOAD_BYTES"] = str(1 << 30)
    env["PARVIS_HTTPS"] = "0"  # plain HTTP on the loopback: cookies without the Secure flag
    script = f"""
import django, json; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
from parvis.accounts.models import Membership, Organisation, User
from parvis.catalog import services
org = Organisation.objects.create(slug="bench-http", name="Bench", kind="collectivite")
user = User.objects.create_user(email="bench@parvis.local", password="x-bench-x-bench-x")
Membership.objects.create(user=user, organisation=org, role="gestionnaire")
ds = services.create_dataset(organisation=org, title="Bench HTTP", published=True)
res = services.create_resource(dataset=ds, title="Demandes", schema=json.loads({json.dumps(json.dumps(schema))}))
print(ds.slug, res.slug)
"""
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    slug, resource = out.stdout.split()[-2:]
    return slug, resource, env


def _login(opener, base: str) -> str:
    page = opener.open(f"{base}/compte/connexion/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "bench@parvis.local", "password": "x-bench-x-bench-x"}
    ).encode()
    request = urllib.request.Request(f"{base}/compte/connexion/", data=data, headers={"Referer": f"{base}/"})
    opener.open(request).read()
    jar = next(h for h in opener.handlers if isinstance(h, urllib.request.HTTPCookieProcessor)).cookiejar
    return next(c.value for c in jar if c.name == "csrftoken")


def _multipart(csv_path: Path, work: Path) -> tuple[Path, str]:
    boundary = "parvis-bench-boundary"
    body = work / "upload.body"
    with open(body, "wb") as out, open(csv_path, "rb") as source:
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n".encode()
        )
        while block := source.read(1 << 20):
            out.write(block)
        out.write(f"\r\n--{boundary}--\r\n".encode())
    return body, boundary


def parvis_http(csv_path: Path, work: Path, schema: dict, port: int) -> dict:
    slug, resource, env = _prepare(work, schema)
    worker = subprocess.Popen(
        [sys.executable, "-m", "parvis.cli", "worker"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    web = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
            "--blocking-threads",
            "4",
            "--no-ws",
            "parvis.wsgi:application",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    api = f"{base}/api/catalog/datasets/{slug}/resources/{resource}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{base}/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.5)
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        csrf = _login(opener, base)
        body, boundary = _multipart(csv_path, work)
        started = time.perf_counter()
        with open(body, "rb") as payload:
            request = urllib.request.Request(
                f"{api}/versions",
                data=payload,
                method="POST",
                headers={
                    "Content-Type": f"multipart/form-data; boundary={boundary}",
                    "Content-Length": str(body.stat().st_size),
                    "X-CSRFToken": csrf,
                    "Referer": f"{base}/",
                },
            )
            accepted = opener.open(request, timeout=600)
            assert accepted.status == 202, accepted.status
        uploaded = time.perf_counter() - started
        rows = facets = None
        while time.perf_counter() - started < 1800:
            try:
                rows = json.loads(opener.open(f"{api}/rows?_size=100", timeout=120).read())
                facets = json.loads(opener.open(f"{api}/facets?_facet={FACET}", timeout=120).read())
                if rows.get("total"):
                    break
            except urllib.error.HTTPError:
                pass
            time.sleep(0.5)
        answered = time.perf_counter() - started
        assert rows and rows["total"] > 0 and facets, (rows, facets)
        return {
            "upload_s": uploaded,
            "first_answer_s": answered,
            "rows": rows["total"],
            "facet_present": bool(json.dumps(facets).count(FACET)),
            "worker_peak_mib": _peak_mib(worker.pid),
            "web_peak_mib": _peak_mib(web.pid),
        }
    finally:
        for process in (web, worker):
            process.terminate()
            process.wait(timeout=30)


def datasette_http(bin_dir: Path, csv_path: Path, work: Path, port: int) -> dict:
    db = work / "upload.db"
    started = time.perf_counter()
    subprocess.run(
        [str(bin_dir / "sqlite-utils"), "insert", str(db), "rows", str(csv_path), "--csv"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    inserted = time.perf_counter() - started
    server = subprocess.Popen(
        [str(bin_dir / "datasette"), "serve", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/upload/rows.json?_size=100&_facet={FACET}"
    try:
        body = None
        while time.perf_counter() - started < 1800:
            try:
                body = json.loads(urllib.request.urlopen(url, timeout=120).read())
                break
            except OSError:
                time.sleep(0.3)
        answered = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    facet_results = (body or {}).get("facet_results") or {}
    present = FACET in facet_results and bool(facet_results[FACET].get("results"))
    return {
        "insert_s": inserted,
        "first_answer_s": answered,
        "rows": len((body or {}).get("rows") or []),
        "facet_present": present,
    }
