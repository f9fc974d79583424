"""The task worker and the web processes load scikit-learn only when a synthesis runs (about 110 MB each)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

CODE = """
import sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns  # every view, as a web worker loads them
import parvis.participation.tasks, parvis.participation.services.synthesis, parvis.participation.api
from parvis.participation.management.commands import participation
print(sorted(m for m in ("sklearn", "scipy") if m in sys.modules))
"""


def test_worker_and_web_start_without_scikit_learn(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "parvis.settings",
        "PARVIS_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", CODE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip().splitlines()[-1:] == ["[]"], result.stderr[-2000:]
