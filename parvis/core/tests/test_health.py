import pytest
from django.core.files import storage


@pytest.mark.django_db
def test_healthz_checks_database_and_storage(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": True, "cache": True, "storage": True}}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_storage_cannot_be_written(client, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the storage directory should be")
    original = storage.default_storage._wrapped
    storage.default_storage._wrapped = storage.FileSystemStorage(location=str(blocker / "media"))
    try:
        response = client.get("/healthz")
    finally:
        storage.default_storage._wrapped = original
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": True, "cache": True, "storage": False}


@pytest.mark.django_db
def test_readyz_is_ok_once_migrations_are_applied(client):
    assert client.get("/readyz").json() == {"status": "ok"}


@pytest.mark.django_db
def test_healthz_writes_nothing_to_the_storage(client, tmp_path):
    original = storage.default_storage._wrapped
    storage.default_storage._wrapped = storage.FileSystemStorage(location=str(tmp_path / "media"))
    try:
        assert client.get("/healthz").status_code == 200
    finally:
        storage.default_storage._wrapped = original
    assert list(tmp_path.iterdir()) == []
