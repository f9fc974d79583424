"""The audit log: French labels, filters by who, what, when and organisation, CSV export of what is shown,
retention applied by a daily job that logs its own purge."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from parvis.accounts.models import AuditEvent
from parvis.accounts.services import audit
from parvis.accounts.services.audit_log import purge_audit_log

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(users, org, partner_org):
    audit(actor=users["gestionnaire"], action="catalog.dataset.publish", organisation=org, target=org)
    audit(actor=users["partenaire"], action="inclusion.place.submit", organisation=partner_org)
    old = audit(actor=users["admin"], action="accounts.organisation.create", organisation=org)
    AuditEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))


def _csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_actions_are_shown_with_their_french_label(client_as, events):
    table = client_as("admin").get("/compte/journal/").text.split("<tbody>")[1]
    assert "Jeu de données publié" in table and "catalog.dataset.publish" not in table


def test_filters_narrow_by_who_what_when_and_organisation(client_as, events, partner_org):
    admin = client_as("admin")
    assert "Lieu d" in admin.get("/compte/journal/", {"who": "partenaire"}).text
    by_who = admin.get("/compte/journal/", {"who": "partenaire"})
    assert "Jeu de données publié" not in by_who.text.split("<tbody>")[1]
    by_what = admin.get("/compte/journal/", {"action": "catalog.dataset.publish"}).text.split("<tbody>")[1]
    assert "Jeu de données publié" in by_what and "Organisation créée" not in by_what
    since = (timezone.localdate() - timedelta(days=1)).isoformat()
    recent = admin.get("/compte/journal/", {"since": since}).text.split("<tbody>")[1]
    assert "Organisation créée" not in recent
    by_org = admin.get("/compte/journal/", {"organisation": partner_org.pk}).text.split("<tbody>")[1]
    assert "Jeu de données publié" not in by_org and "Lieu d" in by_org


def test_reversed_dates_are_refused_in_french(client_as, events):
    response = client_as("admin").get("/compte/journal/", {"since": "2026-12-31", "until": "2026-01-01"})
    assert response.status_code == 400 and "La date de début est après la date de fin" in response.text


def test_the_csv_export_holds_the_filtered_entries_with_labels(client_as, events):
    rows = _csv_rows(client_as("admin").get("/compte/journal/export.csv", {"who": "gestionnaire"}))
    assert rows[0][:3] == ["Date", "Qui", "Action"]
    assert [row[2] for row in rows[1:]] == ["Jeu de données publié"]


def test_the_gestionnaire_exports_only_the_organisation_entries(client_as, events):
    rows = _csv_rows(client_as("gestionnaire").get("/compte/organisations/gpsea/journal/export.csv"))
    assert {row[5] for row in rows[1:]} == {"Grand Paris Sud Est Avenir"}
    assert len(rows) == 3


def test_the_organisation_filter_cannot_widen_an_organisation_log(client_as, events, partner_org):
    rows = _csv_rows(
        client_as("gestionnaire").get(
            "/compte/organisations/gpsea/journal/export.csv", {"organisation": partner_org.pk}
        )
    )
    assert {row[5] for row in rows[1:]} == {"Grand Paris Sud Est Avenir"}


def test_spreadsheet_formulas_are_neutralised_in_the_export(client_as, users):
    audit(actor=users["admin"], action="accounts.organisation.create", details={}, target=users["citoyen"])
    AuditEvent.objects.update(target_label='=HYPERLINK("http://evil")')
    rows = _csv_rows(client_as("admin").get("/compte/journal/export.csv"))
    assert rows[1][4].startswith("'=")


def test_the_purge_keeps_the_retention_and_logs_itself(events, client_as):
    client_as("admin").post("/compte/admin/reglages/", {"audit_retention_days": "30"})
    assert purge_audit_log() == 1
    assert not AuditEvent.objects.filter(action="accounts.organisation.create").exists()
    purge = AuditEvent.objects.get(action="accounts.audit.purge")
    assert purge.details["supprimees"] == 1 and purge.details["conservation_jours"] == 30


def test_a_retention_under_30_days_is_refused(client_as):
    response = client_as("admin").post("/compte/admin/reglages/", {"audit_retention_days": "3"})
    assert response.status_code == 200 and "supérieure ou égale à 30" in response.text


def test_the_purge_is_a_daily_periodic_job():
    from parvis.core.periodic import registered_jobs

    jobs = {job.name: job.every for job in registered_jobs()}
    assert jobs["parvis.accounts.tasks.purge_audit_log"] == timedelta(days=1)
    assert jobs["parvis.accounts.tasks.retry_notifications"] == timedelta(minutes=15)


def test_the_until_date_includes_its_whole_local_day(users):
    from datetime import datetime, time

    from parvis.accounts.selectors import audit_events

    today = timezone.localdate()
    late = audit(actor=users["admin"], action="accounts.organisation.create")
    AuditEvent.objects.filter(pk=late.pk).update(
        created_at=timezone.make_aware(datetime.combine(today, time(23, 59)))
    )
    assert list(audit_events(until=today)) == [late]
    assert list(audit_events(until=today - timedelta(days=1))) == []
    assert list(audit_events(since=today)) == [late]
