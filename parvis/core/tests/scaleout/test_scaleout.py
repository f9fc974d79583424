"""Parvis on two web nodes and one worker (PostgreSQL, S3, Redis): whatever one node writes, the other serves.

Each node starts with an empty data directory; nothing but the database, the bucket and Redis is shared.
The tests run in order on one cluster: each builds on what the previous ones stored.
"""

from __future__ import annotations

import json
import logging
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests

from parvis.core.tests.processes import PRELUDE, ROOT, Instance, wait_for
from parvis.core.tests.scaleout import cluster
from parvis.core.tests.test_redis_down import Redis

SETUP = f"""
from datetime import timedelta
from django.utils import timezone
from parvis.accounts.models import Organisation, User
from parvis.catalog import services
from parvis.participation.models import Process
User.objects.create_superuser(email="{cluster.ADMIN}", password="{cluster.PASSWORD}")
org = Organisation.objects.create(name="GPSEA", slug="gpsea", kind="collectivite", territory_code="ept:200058006")
dataset = services.create_dataset(organisation=org, title="Communes", published=True, access="public")
services.create_resource(dataset=dataset, title="Population")
today = timezone.localdate()
Process.objects.create(organisation=org, title="Grand débat local", slug="debat", territory_kind="epci",
    territory_code="200058006", territory_label="GPSEA", postcodes="94000, 94510",
    starts_on=today - timedelta(days=30), ends_on=today - timedelta(days=1))
print(json.dumps(dataset.slug))
"""

VERSIONS = """
from parvis.catalog.models import ResourceVersion
def versions():
    return [[v.number, v.status, v.is_current, v.row_count, v.failure]
            for v in ResourceVersion.objects.filter(resource__slug="population").order_by("number")]
deadline = time.monotonic() + float(os.environ["TIMEOUT"])
number, wanted = int(os.environ["NUMBER"]), os.environ["STATUS"].split(",")
while True:
    found = versions()
    if len(found) >= number and found[number - 1][1] in wanted:
        break
    assert time.monotonic() < deadline, found
    time.sleep(0.05)
print(json.dumps(found))
"""

COMMUNES_V1 = "code;nom;population\n94028;Créteil;92265\n94002;Alfortville;44403\n94071;Sucy-en-Brie;26426\n"
COMMUNES_V2 = COMMUNES_V1.replace("92265", "93000") + "94047;Mandres-les-Roses;4650\n"


@pytest.fixture(scope="module")
def env():
    cluster.engines_or_skip()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's server logs every request
    s3 = cluster.S3Server()
    yield s3
    s3.stop()


@pytest.fixture(scope="module")
def grid(env, tmp_path_factory):
    """The cluster: node A, node B, one worker; the bucket and the machine's Redis (database 13)."""
    root = tmp_path_factory.mktemp("scaleout")
    settings = cluster.cluster_env(env, f"redis://127.0.0.1:6379/{cluster.REDIS_DB}")
    inst = Instance(root / "admin", "scaleout", **settings)
    (root / "admin").mkdir()
    done = inst.parvis("migrate", "--no-input", "-v0")
    assert done.returncode == 0, done.stderr[-3000:]
    slug = inst.python(SETUP)
    a, b = cluster.Node(inst, "a", **settings).start(), cluster.Node(inst, "b", **settings).start()
    worker = inst.start_worker(PARVIS_DATA_DIR=str(root / "worker"))
    grid = type(
        "Grid",
        (),
        {
            "inst": inst,
            "a": a,
            "b": b,
            "worker": worker,
            "s3": env,
            "slug": slug,
            "settings": settings,
            "root": root,
        },
    )
    yield grid
    inst.close()


def _upload(node, grid, name: str, content: bytes):
    response = node.post(
        f"/donnees/{grid.slug}/population/importer/", files={"file": (name, content, "text/csv")}
    )
    assert response.status_code == 302, response.text[-2000:]


def _wait(grid, number: int, status: str = "ready,failed", timeout: float = 240) -> list:
    """The versions of the resource once version `number` has one of the statuses (polled in one process)."""
    return grid.inst.python(
        VERSIONS, NUMBER=str(number), STATUS=status, TIMEOUT=str(timeout), timeout=timeout + 60
    )


def test_a_dataset_uploaded_on_node_a_is_queried_exported_and_diffed_on_node_b(grid):
    assert not grid.b.files() or all("child" in p.name or p.name == "secret_key" for p in grid.b.files())
    grid.a.login()
    _upload(grid.a, grid, "communes.csv", COMMUNES_V1.encode())
    assert _wait(grid, 1)[0][1:3] == ["ready", True]
    rows = grid.b.get(
        f"/api/catalog/datasets/{grid.slug}/resources/population/rows", params={"_sort": "code"}
    )
    assert rows.status_code == 200, rows.text
    assert [r["nom"] for r in rows.json()["rows"]] == ["Alfortville", "Créteil", "Sucy-en-Brie"]
    export = grid.b.get(f"/donnees/{grid.slug}/population/export.csv")
    assert export.status_code == 200 and "Sucy-en-Brie" in export.text
    # Node B never saw the import: it fetched the version from the bucket into its cache.
    assert any(p.suffix == ".parquet" for p in (grid.b.data_dir / "storage-cache").rglob("*"))

    _upload(grid.a, grid, "communes-2025.csv", COMMUNES_V2.encode())
    assert _wait(grid, 2)[1][1] == "ready"
    grid.b.login()
    diff = grid.b.get(f"/donnees/{grid.slug}/population/v2/differences/")
    assert diff.status_code == 200 and "Mandres-les-Roses" in diff.text


def test_help_places_imported_on_node_a_are_found_on_node_b(grid):
    from parvis.inclusion.tests.helpers import csv_file, row

    data = csv_file(row(id="mont-mesly", nom="Espace numérique du Mont-Mesly"))
    response = grid.a.post("/aide/gestion/import/", files={"fichier": ("lieux.csv", data, "text/csv")})
    assert response.status_code in (200, 302), response.text[-2000:]
    found = grid.b.get("/api/inclusion/places")
    place = next(p for p in found.json() if p["record"]["nom"] == "Espace numérique du Mont-Mesly")
    assert "Mont-Mesly" in grid.b.get(place["url"]).text


def test_a_participation_import_and_its_synthesis_stored_by_node_a_are_read_on_node_b(grid):
    sample = (ROOT / "parvis/participation/data/consultation-grand-debat-exemple.csv").read_bytes()
    response = grid.a.post("/participation/debat/import/", files={"file": ("debat.csv", sample)})
    assert response.status_code == 200, response.text[-2000:]
    processed = """
from parvis.participation.models import ImportReport
print(json.dumps([r.status for r in ImportReport.objects.all()]))
"""
    wait_for(lambda: grid.inst.python(processed) == ["done"], timeout=240, every=1)
    ran = grid.b.post(
        "/participation/debat/synthese/modifier/", {"op": "run"}, form_page="/participation/debat/synthese/"
    )
    assert ran.status_code in (200, 302), ran.text[-2000:]
    export = grid.a.get("/participation/debat/synthese/export.json")
    assert export.status_code == 200 and export.json()["themes"]


KILL_WORKER_WHEN_PROCESSING = """
import signal
from parvis.catalog.models import ResourceVersion
ResourceVersion.objects.exists()  # connected: the test may upload now
print("ready", flush=True)
deadline = time.monotonic() + 240
while True:
    version = ResourceVersion.objects.filter(resource__slug="population", number=3).first()
    if version and version.status == "processing":
        os.killpg(int(os.environ["WORKER"]), signal.SIGKILL)
        break
    assert not version or version.status == "pending", f"import over before the kill: {version.status}"
    assert time.monotonic() < deadline, "the worker never started the import"
    time.sleep(0.02)
print(json.dumps(version.progress))
"""


def test_an_import_whose_worker_is_killed_is_retried_and_makes_one_version(grid):
    # The watcher runs before the upload and kills the worker the moment the import starts.
    watcher = subprocess.Popen(
        [sys.executable, "-c", PRELUDE + KILL_WORKER_WHEN_PROCESSING],
        cwd=ROOT,
        env={**grid.inst.env, "WORKER": str(grid.worker.pid)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert watcher.stdout.readline().strip() == "ready", watcher.stderr.read()[-3000:]
    lines = "".join(f"{i};94{i % 100:03d};{i}\n" for i in range(60_000))
    _upload(grid.a, grid, "gros.csv", ("code;commune;valeur\n" + lines).encode())
    out, err = watcher.communicate(timeout=300)
    assert watcher.returncode == 0, err[-3000:]
    grid.inst.stop(grid.worker)  # reaps the killed worker
    started = time.monotonic()
    grid.worker = grid.inst.start_worker(PARVIS_DATA_DIR=str(grid.root / "worker-2"))
    versions = _wait(grid, 3, timeout=300)
    assert time.monotonic() - started < 300
    assert len(versions) == 3 and versions[2][1] == "ready" and versions[2][3] == 60_000, versions
    rows = grid.b.get(f"/api/catalog/datasets/{grid.slug}/resources/population/rows", params={"_size": 1})
    assert rows.json()["total"] == 60_000


def _slow_upload(node, path: str, megabytes: int) -> socket.socket:
    """Starts a multipart upload of `megabytes` and sends half of it, then leaves it hanging."""
    boundary = "scaleoutboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()
    total = len(head) + megabytes * 1_000_000
    cookies = "; ".join(f"{c.name}={c.value}" for c in node.http.cookies)
    sock = socket.create_connection(("127.0.0.1", node.port))
    sock.sendall(
        (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{node.port}\r\nCookie: {cookies}\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {total}\r\n\r\n"
        ).encode()
        + head
    )
    chunk = b"a;b;c\n" * 100_000
    for _ in range(megabytes // 2 * 1_000_000 // len(chunk)):
        sock.sendall(chunk)
    return sock


def test_a_node_killed_mid_upload_leaves_nothing_after_cleanup(grid):
    node = grid.a
    sock = _slow_upload(node, f"/donnees/{grid.slug}/population/importer/", 40)
    wait_for(
        lambda: sum(p.stat().st_size for p in (node.data_dir / "tmp").rglob("*") if p.is_file()) > 5e6,
        timeout=60,
        every=0.2,
    )
    node.stop(signal.SIGKILL)
    sock.close()
    # An object with no row, as a node killed between storing a source and writing its row leaves.
    grid.s3.client().put_object(
        Bucket=cluster.BUCKET, Key="site/catalog/sources/1/orphelin.csv", Body=b"x" * 1000
    )
    leftovers = [p for p in (node.data_dir / "tmp").rglob("*") if p.is_file()]
    assert leftovers
    done = node.parvis("cleanup", "--grace-minutes", "0", "--json")
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert "catalog/sources/1/orphelin.csv" in report["objects"] and report["missing"] == []
    assert not [p for p in (node.data_dir / "tmp").rglob("*") if p.is_file()]
    again = json.loads(node.parvis("cleanup", "--grace-minutes", "0", "--json", "--dry-run").stdout)
    assert again["objects"] == [] and again["temporary"] == []
    node.start()
    rows = grid.b.get(f"/api/catalog/datasets/{grid.slug}/resources/population/rows", params={"_size": 1})
    assert rows.status_code == 200


def test_with_redis_stopped_for_20_seconds_public_pages_and_forms_never_answer_5xx(grid):
    redis = Redis(cluster.free_port(), grid.root)  # its own redis-server: the machine's is never stopped
    redis.start()
    node = cluster.Node(grid.inst, "c", **{**grid.settings, "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0"})
    node.start()
    pages = [
        "/",
        "/donnees/",
        "/aide/",
        "/aide/?q=Créteil",
        "/participation/",
        "/compte/connexion/",
        f"/donnees/{grid.slug}/population/",
    ]
    try:
        assert all(node.get(p).status_code == 200 for p in pages)
        redis.stop()
        deadline, statuses = time.monotonic() + 20, []
        while time.monotonic() < deadline:
            statuses += [(p, node.get(p).status_code) for p in pages]
            login = node.post(
                "/compte/connexion/", {"username": "x@example.org", "password": "mauvais-mot-de-passe"}
            )
            statuses.append(("login", login.status_code))
        assert not [s for s in statuses if s[1] >= 500], statuses
        redis.start()
        assert all(node.get(p).status_code == 200 for p in pages)
    finally:
        node.stop()
        redis.stop()


def _answers(node, slug: str) -> dict:
    """Every API list (GET without parameters) and a sample of rows, as JSON, anonymous and as the admin
    (sessions are not in backups: the admin logs in again after the restore)."""
    schema = node.get("/api/openapi.json").json()
    lists = [
        path
        for path, operations in sorted(schema["paths"].items())
        if "get" in operations
        and "{" not in path
        and not any(p.get("required") for p in operations["get"].get("parameters", []))
    ]
    rows = f"/api/catalog/datasets/{slug}/resources/population/rows"
    answers = {}
    for who, http in (("anonymous", requests.Session()), ("admin", node.http)):
        for path in lists:
            response = http.get(node.base + path, timeout=60)
            answers[f"{who} {path}"] = (response.status_code, response.text)
        queries: list[dict[str, str | int]] = [
            {"_size": 5},
            {"_size": 5, "_offset": 1000, "_sort": "-valeur"},
        ]
        for params in queries:
            response = http.get(node.base + rows, params=params, timeout=60)
            answers[f"{who} rows {params}"] = (response.status_code, response.text)
    return answers


def test_backup_wipe_restore_gives_identical_answers(grid, tmp_path):
    before = _answers(grid.b, grid.slug)
    assert len(before) >= 8
    archive = tmp_path / "parvis.tar"
    done = grid.a.parvis("backup", str(archive))
    assert done.returncode == 0, done.stderr[-3000:]
    # Wipe everything: processes, database, bucket, every data directory.
    grid.inst.stop_all()
    grid.inst._postgres("DROP DATABASE IF EXISTS {db} WITH (FORCE)", "CREATE DATABASE {db}")
    grid.s3.empty()
    for node in (grid.a, grid.b):
        for path in node.files():
            path.unlink()
    fresh = cluster.Node(grid.inst, "restored", **grid.settings)
    truncated = tmp_path / "tronquee.tar"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    refused = fresh.parvis("restore", str(truncated))
    assert refused.returncode != 0 and "rien n'a été modifié" in refused.stderr
    assert grid.s3.names() == set()
    restored = fresh.parvis("restore", str(archive))
    assert restored.returncode == 0, restored.stderr[-3000:]
    fresh.start().login()
    after = _answers(fresh, grid.slug)
    assert after == before
