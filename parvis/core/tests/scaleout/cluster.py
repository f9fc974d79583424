"""A small Parvis cluster on real engines: PostgreSQL, an S3-compatible server (moto, started here) and Redis.

Two web nodes (`parvis serve --no-worker`) and one worker, each with its own, initially empty data directory,
sharing one PostgreSQL database, one bucket, one Redis database and one SECRET_KEY.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

from parvis.core.tests.processes import Instance, wait_for

BUCKET = "parvis-scaleout"
REDIS_DB = "13"  # the machine's Redis, a database number no other test uses
PASSWORD = "mot-de-passe-du-test-12"  # noqa: S105
ADMIN = "admin@scaleout.test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def engines_or_skip() -> None:
    """PostgreSQL (`make test-scaleout` sets DATABASE_URL), Redis on 127.0.0.1:6379 and redis-server: the suite
    is skipped without them, except under CI=true, where a missing engine fails the run."""
    problems = []
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        problems.append("DATABASE_URL ne désigne pas PostgreSQL (lancez make test-scaleout)")
    elif not _answers(urlsplit(url).hostname or "127.0.0.1", urlsplit(url).port or 5432):
        problems.append("aucun PostgreSQL ne répond")
    if not shutil.which("redis-server"):
        problems.append("redis-server est absent")
    if not _answers("127.0.0.1", 6379):
        problems.append("aucun Redis sur 127.0.0.1:6379")
    if not problems:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("Suite multi-nœuds impossible : " + " ; ".join(problems))
    pytest.skip("suite multi-nœuds : " + " ; ".join(problems))


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


class S3Server:
    """moto's S3 server in a thread of the test process, on a free loopback port."""

    def __init__(self) -> None:
        from moto.server import ThreadedMotoServer

        self.port = free_port()
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()
        self.url = f"http://127.0.0.1:{self.port}"
        self.client().create_bucket(Bucket=BUCKET)

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.url,
            aws_access_key_id="test",
            aws_secret_access_key="test",  # noqa: S106
            region_name="us-east-1",
        )

    def names(self) -> set[str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=BUCKET)
        return {item["Key"] for page in pages for item in page.get("Contents", [])}

    def empty(self) -> None:
        for name in self.names():
            self.client().delete_object(Bucket=BUCKET, Key=name)

    def stop(self) -> None:
        self.server.stop()


class Node:
    """One web node: `parvis serve --no-worker` on its own port and data directory."""

    def __init__(self, inst: Instance, name: str, **env: str) -> None:
        self.inst, self.name, self.env = inst, name, env
        self.data_dir = inst.data_dir.parent / f"node-{name}"
        self.data_dir.mkdir(exist_ok=True)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.http = requests.Session()
        self.child: subprocess.Popen[Any] | None = None

    def start(self) -> Node:
        self.child = self.inst.start(
            sys.executable,
            "-m",
            "parvis.cli",
            "serve",
            "--no-worker",
            "--workers",
            "1",
            "--port",
            str(self.port),
            PARVIS_DATA_DIR=str(self.data_dir),
            **self.env,
        )
        wait_for(self._answers, timeout=90, every=0.3)
        return self

    def _answers(self) -> bool:
        try:
            return requests.get(self.base + "/healthz", timeout=5).status_code == 200
        except requests.RequestException:
            return False

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.http.get(self.base + path, timeout=60, **kwargs)

    def post(self, path: str, data=None, files=None, **kwargs) -> requests.Response:
        """A form post with the CSRF token of the page that shows the form."""
        page = self.get(kwargs.pop("form_page", path))
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        payload = {**(data or {}), "csrfmiddlewaretoken": token.group(1) if token else ""}
        return self.http.post(
            self.base + path, data=payload, files=files, timeout=120, allow_redirects=False, **kwargs
        )

    def login(self) -> None:
        response = self.post("/compte/connexion/", {"username": ADMIN, "password": PASSWORD})
        assert response.status_code == 302, response.text[-2000:]

    def parvis(self, *args: str) -> subprocess.CompletedProcess:
        return self.inst.parvis(*args, timeout=300, PARVIS_DATA_DIR=str(self.data_dir), **self.env)

    def files(self) -> list[Path]:
        return [p for p in self.data_dir.rglob("*") if p.is_file()]

    def stop(self, sig=None) -> None:
        if self.child is not None:
            self.inst.stop(self.child, *(sig,) if sig else ())
            self.inst.children.remove(self.child)
            self.child = None


def cluster_env(s3: S3Server, redis_url: str) -> dict[str, str]:
    return {
        "PARVIS_STORAGE_URL": f"s3://{BUCKET}/site",
        "PARVIS_S3_ENDPOINT_URL": s3.url,
        "PARVIS_S3_ACCESS_KEY": "test",
        "PARVIS_S3_SECRET_KEY": "test",
        "PARVIS_S3_REGION": "us-east-1",
        "REDIS_URL": redis_url,
        "SECRET_KEY": "scaleout-secret-key-only-for-this-test-0123456789",
        "PARVIS_HTTPS": "false",
        "PARVIS_TASK_LEASE_SECONDS": "3",
        "PARVIS_TASK_RETRY_SECONDS": "1",
        "PARVIS_QUERY_THREADS": "1",
        "LOG_LEVEL": "WARNING",
    }
