"""Redis stops in the middle of a run: pages and rate-limited forms keep answering, /readyz says what is
degraded, and the shared cache is used again once Redis is back. A redis-server of the test's own on a free
port, never the machine's."""

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches

from parvis.core.cache import ResilientRedisCache

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server absent")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Redis:
    def __init__(self, port: int, directory) -> None:
        self.port, self.directory = port, directory
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def redis(settings, tmp_path):
    server = Redis(_free_port(), tmp_path)
    server.start()
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "parvis.core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.mark.django_db
def test_pages_and_rate_limited_forms_answer_while_redis_is_down(client, redis):
    assert client.get("/").status_code == 200
    assert client.get("/readyz").json() == {"status": "ok"}
    redis.stop()
    assert client.get("/").status_code == 200
    signup = client.post("/compte/inscription/", {"email": "x@example.org", "password": "court"})
    assert signup.status_code == 200  # the form answers with its French errors, not a 500
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "degraded" and ready.json()["degraded"] == ["default"]
    health = client.get("/healthz").json()
    assert health["status"] == "degraded" and health["checks"]["cache"] is False


@pytest.mark.django_db
def test_rate_limits_still_apply_while_redis_is_down(client, redis):
    redis.stop()
    for i in range(10):
        client.post("/compte/inscription/", {"email": f"x{i}@example.org", "password": "court"})
    response = client.post("/compte/inscription/", {"email": "y@example.org", "password": "court"})
    assert response.status_code == 429


@pytest.mark.django_db
def test_the_shared_cache_is_used_again_once_redis_is_back(client, redis):
    redis.stop()
    assert client.get("/readyz").json()["status"] == "degraded"
    redis.start()
    assert client.get("/readyz").json() == {"status": "ok"}
    shared = caches["default"]
    shared.set("parvis-test", "partagé")
    assert isinstance(shared, ResilientRedisCache) and not shared.degraded()
    assert shared._cache.get_client().get(shared.make_and_validate_key("parvis-test")) is not None
