"""A storage that cannot be used stops Parvis with a French message before anything is written."""

import socket

import pytest

from parvis.core import storage_check
from parvis.core.tests.processes import Instance


def _s3(settings, monkeypatch, **options):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    settings.PARVIS_STORAGE_URL = "s3://seau/parvis"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "seau", "location": "parvis", "region_name": "us-east-1", **options},
        },
    }


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_bucket_without_credentials_is_named_in_french(settings, monkeypatch):
    _s3(settings, monkeypatch, endpoint_url=f"http://127.0.0.1:{_closed_port()}")
    assert "aucun identifiant" in storage_check.problem()


def test_an_unreachable_endpoint_is_named_in_french(settings, monkeypatch):
    port = _closed_port()
    _s3(settings, monkeypatch, endpoint_url=f"http://127.0.0.1:{port}", access_key="a", secret_key="b")
    assert storage_check.problem() == (
        f"Le stockage S3 http://127.0.0.1:{port} est injoignable : vérifiez PARVIS_S3_ENDPOINT_URL et le réseau."
    )


def test_the_local_directory_is_fine(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    assert storage_check.problem() is None


@pytest.fixture
def instance(tmp_path):
    inst = Instance(tmp_path, "storagecheck")
    yield inst
    inst.close()


def test_every_command_stops_on_an_s3_url_without_credentials_with_a_french_message(instance):
    done = instance.parvis(
        "migrate",
        PARVIS_STORAGE_URL="s3://seau/parvis",
        PARVIS_S3_ENDPOINT_URL=f"http://127.0.0.1:{_closed_port()}",
        AWS_SHARED_CREDENTIALS_FILE="/nonexistent",
        AWS_CONFIG_FILE="/nonexistent",
        AWS_EC2_METADATA_DISABLED="true",
        AWS_ACCESS_KEY_ID="",
        AWS_SECRET_ACCESS_KEY="",
    )
    assert done.returncode != 0
    assert "TypeError" not in done.stderr
    assert "aucun identifiant n'est fourni : définissez PARVIS_S3_ACCESS_KEY" in done.stderr


@pytest.mark.django_db
def test_healthz_tells_why_the_storage_is_unusable(client, settings, monkeypatch):
    port = _closed_port()
    _s3(settings, monkeypatch, endpoint_url=f"http://127.0.0.1:{port}", access_key="a", secret_key="b")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] is False
    assert "injoignable" in response.json()["storage"]
