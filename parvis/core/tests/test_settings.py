import pytest
from django.core.exceptions import ImproperlyConfigured

from parvis.core.colors import accessible_primary, contrast_with_white, parse
from parvis.env import env_bool, env_int, secret_key


def test_boolean_variables_accept_french_and_english(monkeypatch):
    monkeypatch.setenv("X_FLAG", "oui")
    assert env_bool("X_FLAG") is True
    monkeypatch.setenv("X_FLAG", "false")
    assert env_bool("X_FLAG", True) is False


def test_a_malformed_variable_fails_loudly_in_french(monkeypatch):
    monkeypatch.setenv("X_NUMBER", "dix")
    with pytest.raises(ImproperlyConfigured, match="nombre entier"):
        env_int("X_NUMBER", 1)


def test_secret_key_is_generated_once_and_kept_private(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = secret_key(tmp_path)
    assert len(first) > 50
    assert secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_secret_key_from_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-env")
    assert secret_key(tmp_path) == "from-env"
    assert not (tmp_path / "secret_key").exists()


@pytest.mark.parametrize("colour", ["#ffff00", "#7fdbff", "#0b5d7a", "#000000", "pas-une-couleur"])
def test_primary_colour_is_made_readable_on_white(colour):
    assert contrast_with_white(parse(accessible_primary(colour))) >= 4.5


def test_a_readable_colour_is_kept_as_chosen():
    assert accessible_primary("#0b5d7a") == "#0b5d7a"


def test_a_production_configuration_gets_the_resilient_cache_the_pool_and_the_task_queue(tmp_path):
    import json
    import os
    import subprocess
    import sys

    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "PARVIS_TESTING"))},
        "PARVIS_DATA_DIR": str(tmp_path),
        "REDIS_URL": "redis://127.0.0.1:6399/0",
        "DATABASE_URL": "postgres://parvis@127.0.0.1:5432/parvis",
        "PARVIS_TASK_LEASE_SECONDS": "45",
        "PARVIS_TRUSTED_PROXIES": "10.0.0.0/8,127.0.0.1",
    }
    code = (
        "import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'parvis.settings'\n"
        "from django.conf import settings as s\n"
        "db = s.DATABASES['default']\n"
        "print(json.dumps([s.CACHES['default']['BACKEND'], db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'],\n"
        "  db['OPTIONS']['pool']['max_size'], s.TASKS['default']['BACKEND'],\n"
        "  s.TASKS['default']['OPTIONS']['LOCK_TIMEOUT'], s.PARVIS_TRUSTED_PROXIES]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert json.loads(result.stdout) == [
        "parvis.core.cache.ResilientRedisCache",
        0,
        True,
        8,
        "django_ox.backend.OxBackend",
        45,
        ["10.0.0.0/8", "127.0.0.1"],
    ], result.stderr
