"""A Parvis installation of its own for tests that run real processes (workers, schedulers, servers).

The test process itself runs with the immediate task backend and pytest's database; these tests need real
`parvis` processes sharing one database, so each `Instance` gets a data directory, a database (a SQLite file,
or a PostgreSQL database of its own when DATABASE_URL names PostgreSQL) and runs every command in a child
process that does not know it is under test.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from parvis.core.lib.supervisor import die_with_parent

ROOT = Path(__file__).resolve().parents[3]
PRELUDE = "import django, json, os, sys, time\ndjango.setup()\n"


class Instance:
    def __init__(self, data_dir: Path, name: str, **env: str) -> None:
        self.data_dir = data_dir
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "PARVIS_TESTING"))}
        self.env.update(PARVIS_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="parvis.settings", **env)
        self.database: tuple[str, str] | None = None  # (server URL, database name) on PostgreSQL
        self.source: Path | None = None  # a file a test hands to the processes it starts
        url = os.environ.get("DATABASE_URL", "")
        if url.startswith("postgres"):
            server, _, base = url.rpartition("/")
            self.database = (server, f"{base}_{name}_{os.getpid()}")  # never shared with a stray run
            self._postgres("DROP DATABASE IF EXISTS {db} WITH (FORCE)", "CREATE DATABASE {db}")
            self.env["DATABASE_URL"] = f"{server}/{self.database[1]}"
        self.children: list[subprocess.Popen] = []

    def _postgres(self, *statements: str) -> None:
        import psycopg

        assert self.database is not None
        server, db = self.database
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement.format(db=f'"{db}"'))

    def parvis(self, *args: str, timeout: float = 300, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "parvis.cli", *args],
            cwd=ROOT,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def python(self, code: str, timeout: float = 300, **env: str):
        """Runs `code` in a Django process of this instance; returns what it printed, read as JSON."""
        done = subprocess.run(
            [sys.executable, "-c", PRELUDE + textwrap.dedent(code)],
            cwd=ROOT,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def watch(self, code: str, **env: str) -> subprocess.Popen:
        """Starts `code` in a Django process of this instance and returns once it printed "watching": for a
        condition that must be watched from before another process starts."""
        child = subprocess.Popen(
            [sys.executable, "-c", PRELUDE + textwrap.dedent(code)],
            cwd=ROOT,
            env={**self.env, **env},
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "watching"
        return child

    def start(self, *command: str, **env: str) -> subprocess.Popen:
        """Starts a long-running child (in a session of its own, so its whole group can be stopped)."""
        log = self.data_dir / f"child-{len(self.children)}.log"  # a file: a full pipe would block the child
        with log.open("ab") as out:
            child = subprocess.Popen(
                list(command),
                cwd=ROOT,
                env={**self.env, **env},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=lambda: die_with_parent(
                    signal.SIGKILL
                ),  # a crashed test run leaves no worker behind
            )
        self.children.append(child)
        return child

    def start_worker(self, *imports: str, **env: str) -> subprocess.Popen:
        """`parvis worker`, after importing `imports` (modules declaring extra periodic jobs)."""
        code = PRELUDE + "".join(f"import {module}\n" for module in imports)
        code += "from django.core.management import call_command\ncall_command('worker')\n"
        return self.start(sys.executable, "-c", code, **env)

    def stop(self, child: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
        if child.poll() is None:
            os.killpg(child.pid, sig)
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait(timeout=10)

    def stop_all(self) -> None:
        for child in self.children:
            self.stop(child)
        self.children.clear()

    def close(self) -> None:
        self.stop_all()
        if self.database:
            self._postgres("DROP DATABASE IF EXISTS {db} WITH (FORCE)")


def wait_for(predicate, timeout: float, every: float = 0.5):
    """Polls `predicate` until it returns something true; returns it, or fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"still not true after {timeout} s")
