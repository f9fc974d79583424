"""`parvis serve` as an operator meets it: a busy port refused in French, children that die with their
parent, and a small idle footprint."""

import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from parvis.core.tests.processes import ROOT, Instance, wait_for


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        if (task / "children").exists():
            found |= set(map(int, (task / "children").read_text().split()))
    return found


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        children = _children(todo.pop())
        found |= children
        todo.extend(children)
    return found


def _alive(pids) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    inst = Instance(tmp_path_factory.mktemp("serve"), "serve")
    migrated = inst.parvis("migrate", "--no-input", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    yield inst
    inst.close()


def _serve(instance, port: int) -> subprocess.Popen:
    server = instance.start(sys.executable, "-m", "parvis.cli", "serve", "--port", str(port))

    def answers():
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).status == 200
        except OSError:
            return False

    wait_for(answers, timeout=120)
    return server


def test_a_busy_port_is_refused_with_a_french_message():
    port = _free_port()
    with socket.socket() as holder:  # held the way granian holds it
        holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        holder.bind(("127.0.0.1", port))
        holder.listen()
        result = subprocess.run(
            [sys.executable, "-m", "parvis.cli", "serve", "--port", str(port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"Le port {port} est déjà utilisé" in result.stderr


def test_the_serve_parent_does_not_load_django():
    code = "import sys; from parvis.cli import serve; import parvis.core.lib.supervisor; print('django' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "False", result.stderr


def test_children_exit_when_the_serve_parent_is_killed(instance):
    server = _serve(instance, _free_port())
    children = _descendants(server.pid)
    assert len(children) >= 3  # the task worker, granian and its web worker
    instance.stop(server, signal.SIGKILL)
    wait_for(lambda: not _alive(children), timeout=60)


def test_web_workers_exit_when_granian_is_killed(instance):
    server = _serve(instance, _free_port())
    granian = next(
        pid for pid in _children(server.pid) if b"granian" in Path(f"/proc/{pid}/cmdline").read_bytes()
    )
    web_workers = _descendants(granian)
    assert web_workers
    os.kill(granian, signal.SIGKILL)
    wait_for(lambda: not _alive(web_workers), timeout=60)
    instance.stop(server)


def test_an_idle_instance_stays_under_300_mb(instance, record_property):
    server = _serve(instance, _free_port())
    processes = {server.pid} | _descendants(server.pid)
    total_mib = sum(_rss_kib(pid) for pid in processes) / 1024
    record_property("idle_rss_mib", round(total_mib))
    print(f"idle RSS of parvis serve: {total_mib:.0f} MiB in {len(processes)} processes")
    assert total_mib < 300
    instance.stop(server)


def test_a_task_worker_that_died_is_started_again(instance):
    server = _serve(instance, _free_port())

    def workers():
        return {
            pid
            for pid in _children(server.pid)
            if b"parvis.cli\x00worker" in Path(f"/proc/{pid}/cmdline").read_bytes()
        }

    (first,) = workers()
    os.kill(first, signal.SIGKILL)
    wait_for(lambda: workers() - {first}, timeout=60)
    instance.stop(server)


def test_serve_says_it_listens_once_a_warmed_web_worker_answers_the_home_page(instance):
    """« Parvis écoute » comes after « Démarrage de Parvis… » and only once the home page has been answered by
    the worker itself (its warm-up): the first visitor then gets the page without waiting for the loading."""
    port = _free_port()
    server = instance.start(sys.executable, "-m", "parvis.cli", "serve", "--no-worker", "--port", str(port))
    log = instance.data_dir / f"child-{len(instance.children) - 1}.log"
    wait_for(lambda: "Parvis écoute sur" in log.read_text(errors="replace"), timeout=180)
    text = log.read_text(errors="replace")
    assert text.index("Démarrage de Parvis…") < text.index(f"Parvis écoute sur http://localhost:{port}/")
    assert '"warm-up of /: 200' in text  # the worker's own request, logged before it serves anyone
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as first:
        assert first.status == 200
    instance.stop(server)
