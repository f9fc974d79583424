"""Audit log at scale: 200,000 entries on the embedded default (SQLite). Times the filtered page (who +
action + dates, p50/p95), the full CSV export through Django (rows/s, MB/s) beside the sqlite3 command-line
tool exporting the same rows as CSV, the retention purge of a third of the log, and notification mails
queued and delivered (mails/s, locmem backend).

Usage: .venv/bin/python bench/accounts_audit_log.py [--rows 200000] [--repeat 30]
Everything runs in a temporary data directory; the sqlite3 comparison is skipped without /usr/bin/sqlite3.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACTIONS = [
    "catalog.dataset.publish",
    "inclusion.place.submit",
    "accounts.membership.set",
    "catalog.dataset.create",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="parvis-bench-audit-")
    os.environ.update(
        PARVIS_DATA_DIR=data,
        DJANGO_SETTINGS_MODULE="parvis.settings",
        PARVIS_HTTPS="false",
        ALLOWED_HOSTS="testserver",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    # Mails are sent in-process here: the bench times rendering, storing and delivering, without a worker.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    call_command("migrate", "--no-input", verbosity=0)
    try:
        run(args, Path(data))
    finally:
        shutil.rmtree(data, ignore_errors=True)


def run(args, data: Path) -> None:
    from datetime import timedelta

    from django.test import Client
    from django.utils import timezone

    from parvis.accounts.models import AuditEvent, Organisation, User
    from parvis.accounts.services import notify
    from parvis.accounts.services.audit_log import purge_audit_log

    admin = User.objects.create_user(email="admin@bench.local", password="x", is_superuser=True)
    orgs = [
        Organisation.objects.create(name=f"Org {n}", slug=f"org-{n}", kind="collectivite") for n in range(20)
    ]
    people = [f"agent{n}@bench.local" for n in range(200)]
    now = timezone.now()
    started = time.perf_counter()
    batch = []
    for n in range(args.rows):
        batch.append(
            AuditEvent(
                created_at=now - timedelta(minutes=n * 2),  # about 280 days for 200,000 rows
                actor_label=people[n % len(people)],
                action=ACTIONS[n % len(ACTIONS)],
                target_type="catalog.dataset",
                target_id=str(n),
                target_label=f"Jeu de données n° {n}",
                organisation=orgs[n % len(orgs)],
                ip_address="192.0.2.1",
                details={"n": n},
            )
        )
        if len(batch) == 10_000:
            AuditEvent.objects.bulk_create(batch)
            batch = []
    AuditEvent.objects.bulk_create(batch)
    print(f"{args.rows:,} entries written in {time.perf_counter() - started:.1f} s")

    client = Client()
    client.force_login(admin)
    since = (timezone.localdate() - timedelta(days=60)).isoformat()
    until = (timezone.localdate() - timedelta(days=30)).isoformat()
    query = {"who": "agent17@", "action": "inclusion.place.submit", "since": since, "until": until}
    timings = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        response = client.get("/compte/journal/", query)
        timings.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200
    timings.sort()
    print(
        f"filtered page (who + action + 30 days): p50 {statistics.median(timings):.1f} ms, "
        f"p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms"
    )
    t = time.perf_counter()
    first = client.get("/compte/journal/")
    print(f"unfiltered first page (100 of {args.rows:,}): {(time.perf_counter() - t) * 1000:.1f} ms")
    assert first.status_code == 200

    t = time.perf_counter()
    response = client.get("/compte/journal/export.csv")
    size = sum(len(chunk) for chunk in response.streaming_content)
    elapsed = time.perf_counter() - t
    print(
        f"CSV export through Django: {args.rows / elapsed:,.0f} rows/s, {size / elapsed / 1e6:.1f} MB/s "
        f"({size / 1e6:.1f} MB in {elapsed:.1f} s)"
    )
    database = data / "parvis.sqlite3"
    if Path("/usr/bin/sqlite3").exists():
        sql = (
            "SELECT e.created_at, e.actor_label, e.action, e.target_label, o.name, e.ip_address, e.details "
            "FROM accounts_auditevent e LEFT JOIN accounts_organisation o ON o.id = e.organisation_id "
            "ORDER BY e.created_at DESC"
        )
        t = time.perf_counter()
        out = subprocess.run(
            ["/usr/bin/sqlite3", "-csv", str(database), sql], capture_output=True, check=True
        )
        elapsed = time.perf_counter() - t
        print(
            f"reference, sqlite3 -csv on the same rows: {args.rows / elapsed:,.0f} rows/s, "
            f"{len(out.stdout) / elapsed / 1e6:.1f} MB/s"
        )

    from django.db import connection

    from parvis.core.services import update_instance_settings

    update_instance_settings({"audit_retention_days": 180})
    t = time.perf_counter()
    deleted = purge_audit_log()
    print(f"purge of entries older than 180 days: {deleted:,} deleted in {time.perf_counter() - t:.1f} s")

    mails = 1000
    t = time.perf_counter()
    for n in range(mails):
        notify(f"person{n}@bench.local", "security.two_factor_enabled", {}, key=f"bench:{n}")
    elapsed = time.perf_counter() - t
    print(
        f"notifications rendered, stored and delivered: {mails / elapsed:,.0f} mails/s ({connection.vendor})"
    )


if __name__ == "__main__":
    main()
