"""`parvis serve`: a lean parent that starts the web server (granian) and the task worker, and nothing else.

It imports neither Django nor the application: loading them here would cost every instance one more full
copy of Parvis in memory only to start two children. Its children die with it (PR_SET_PDEATHSIG), granian's
workers die with granian (``PARVIS_DIE_WITH_PARENT``, read by ``parvis.wsgi``), and a port already in use
is refused before anything starts: granian binds with SO_REUSEPORT, so a second instance would otherwise
share the port silently with the first.
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from typing import TextIO

PR_SET_PDEATHSIG = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=os.environ.get("PARVIS_HOST", "127.0.0.1"), help="adresse d'écoute")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PARVIS_PORT", "8000")), help="port")
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("PARVIS_WEB_WORKERS", "1")),
        help="processus web (4 fils chacun ; 1 par défaut : une instance embarquée au repos tient sous 300 Mo)",
    )
    parser.add_argument("--no-worker", action="store_true", help="ne pas démarrer le travailleur de tâches")


def die_with_parent(sig: int = signal.SIGTERM) -> None:
    """Asks Linux to send `sig` to this process when its parent dies (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0)


def port_in_use(host: str, port: int) -> bool:
    """True when another process listens on (host, port), even one that bound it with SO_REUSEPORT."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(
            socket.SOL_SOCKET, socket.SO_REUSEADDR, 1
        )  # a closed socket in TIME_WAIT is not "in use"
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return True
            raise
    return False


def granian_command(host: str, port: int, workers: int) -> list[str]:
    """The web server as `parvis serve` runs it (benchmarks start the same one)."""
    return [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--blocking-threads",
        "4",
        "--no-ws",
        "parvis.wsgi:application",
    ]


def _child(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    parent = os.getpid()

    def before_exec() -> None:
        die_with_parent(signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return subprocess.Popen(command, env=env, preexec_fn=before_exec)


def wait_until_answering(host: str, port: int, *, alive: Callable[[], bool], timeout: float = 90.0) -> bool:
    """True once the web server answers an HTTP request (any status) on (host, port)."""
    import http.client

    # A server listening on every interface is reached through the loopback one.
    target = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "::1"}.get(host, host)  # noqa: S104
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and alive():
        connection = http.client.HTTPConnection(target, port, timeout=max(1.0, deadline - time.monotonic()))
        try:
            connection.request("GET", "/healthz", headers={"Host": "localhost"})
            connection.getresponse().read()
            return True
        except (OSError, http.client.HTTPException):
            time.sleep(0.1)
        finally:
            connection.close()
    return False


def serve(
    *, host: str, port: int, workers: int, no_worker: bool, out: TextIO = sys.stdout, err: TextIO = sys.stderr
) -> int:
    try:
        busy = port_in_use(host, port)
    except OSError as exc:
        err.write(f"Impossible d'écouter sur {host}:{port} : {exc.strerror}.\n")
        return 1
    if busy:
        err.write(
            f"Le port {port} est déjà utilisé sur {host} (une autre instance de Parvis ou un autre serveur ?). "
            "Arrêtez-la ou choisissez un autre port : parvis serve --port 8001.\n"
        )
        return 1
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "parvis.settings",
        "PARVIS_DIE_WITH_PARENT": "1",
        "PARVIS_WARM_UP": os.environ.get("PARVIS_WARM_UP", "1"),
    }
    worker_command = [sys.executable, "-m", "parvis.cli", "worker"]
    worker = None if no_worker else _child(worker_command, env)
    web = _child(granian_command(host, port, workers), env)
    shown = "localhost" if host == "127.0.0.1" else host
    out.write("Démarrage de Parvis…\n")
    out.flush()
    # Said once a web worker has loaded Parvis and answered its warm-up request, so that the first page
    # opened from this message is served at once.
    ready = wait_until_answering(host, port, alive=lambda: web.poll() is None)
    out.write(
        f"Parvis {'écoute' if ready else 'démarre encore'} sur http://{shown}:{port}/. Ctrl+C pour arrêter.\n"
    )
    out.flush()

    stopping: list[bool] = []

    def stop(*_: object) -> None:
        stopping.append(True)
        for child in (web, worker):
            if child is not None and child.poll() is None:
                child.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while web.poll() is None:
            if worker is not None and worker.poll() is not None and not stopping:
                err.write(
                    f"Le travailleur de tâches s'est arrêté (code {worker.returncode}) : redémarrage.\n"
                )
                worker = _child(worker_command, env)  # its unfinished task is taken back after its lease
            time.sleep(1)
    finally:
        stop()
        for child in (web, worker):
            if child is None:
                continue
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
    return web.returncode
