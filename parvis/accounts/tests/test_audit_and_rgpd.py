import csv
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from parvis.accounts.models import AuditEvent, LoginFailure, User
from parvis.accounts.services.rgpd import REGISTER_COLUMNS, pseudonym
from parvis.core.periodic import registered_jobs


@pytest.mark.django_db
def test_adding_a_member_is_written_to_the_audit_log(client_as, users, org):
    client_as("gestionnaire").post(
        "/compte/organisations/gpsea/", {"email": "citoyen@test.parvis.local", "role": "contributeur"}
    )
    event = AuditEvent.objects.get(action="accounts.membership.set")
    assert event.actor == users["gestionnaire"]
    assert event.organisation == org
    assert event.details == {"role": "contributeur"}
    assert event.ip_address == "127.0.0.1"


@pytest.mark.django_db
def test_the_gestionnaire_reads_the_organisation_audit_log(client_as):
    client_as("gestionnaire").post(
        "/compte/organisations/gpsea/", {"email": "citoyen@test.parvis.local", "role": "contributeur"}
    )
    page = client_as("gestionnaire").get("/compte/organisations/gpsea/journal/")
    assert "accounts.membership.set" in page.text


@pytest.mark.django_db
def test_a_person_downloads_everything_kept_about_them_as_a_zip(client_as):
    response = client_as("gestionnaire").get("/compte/mes-donnees/")
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="mes-donnees-parvis-')
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("donnees.json"))
    assert data["accounts"]["compte"][0]["adresse_electronique"] == "gestionnaire@test.parvis.local"
    assert data["accounts"]["organisations"][0]["organisation"] == "Grand Paris Sud Est Avenir"
    assert "csv/accounts-organisations.csv" in archive.namelist()
    assert set(data) == {
        "accounts",
        "territory",
        "catalog",
        "observatory",
        "inclusion",
        "footprint",
        "participation",
    }


@pytest.mark.django_db
def test_the_register_of_processing_activities_comes_from_every_app(client):
    page = client.get("/compte/registre-des-traitements/")
    assert page.status_code == 200
    for name in ("Participation citoyenne", "Comptes et organisations", "Lieux d&#x27;aide numérique"):
        assert name in page.text
    csv_text = client.get("/compte/registre-des-traitements.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(csv_text), delimiter=";"))
    assert rows[0] == list(REGISTER_COLUMNS.values())
    assert {row[0] for row in rows[1:]} == {
        "accounts",
        "territory",
        "catalog",
        "observatory",
        "inclusion",
        "footprint",
        "participation",
    }
    assert all(all(cell.strip() for cell in row) for row in rows[1:])


@pytest.mark.django_db
def test_the_daily_purge_is_scheduled_and_removes_what_is_past_retention(users):
    old = timezone.now() - timedelta(days=400)
    LoginFailure.objects.create(email="x@example.org", ip_address="203.0.113.1", created_at=old)
    LoginFailure.objects.create(email="y@example.org", ip_address="203.0.113.1")
    jobs = {job.name: job for job in registered_jobs()}
    job = jobs["parvis.accounts.tasks.purge_expired_personal_data"]
    assert job.every == timedelta(days=1)
    result = job.task.enqueue().return_value
    assert result["accounts.tentatives_de_connexion"] == 1
    assert list(LoginFailure.objects.values_list("email", flat=True)) == ["y@example.org"]
    assert AuditEvent.objects.get(action="accounts.rgpd.purge").details == result


@pytest.mark.django_db
def test_erasing_an_account_needs_the_confirmation_word(client_as, users):
    client = client_as("citoyen")
    response = client.post("/compte/supprimer/", {"confirm": "oui"}, follow=True)
    assert "Tapez SUPPRIMER" in response.text
    assert User.objects.filter(email="citoyen@test.parvis.local").exists()


@pytest.mark.django_db
def test_erasing_an_account_keeps_the_audit_trail_without_the_identity(client_as, users):
    gestionnaire = client_as("gestionnaire")
    gestionnaire.post(
        "/compte/organisations/gpsea/", {"email": "citoyen@test.parvis.local", "role": "contributeur"}
    )
    gestionnaire.post("/compte/supprimer/", {"confirm": "SUPPRIMER"})
    assert not User.objects.filter(email="gestionnaire@test.parvis.local").exists()
    event = AuditEvent.objects.get(action="accounts.membership.set")
    assert event.actor is None and event.actor_label == pseudonym(users["gestionnaire"].pk)
    assert event.actor_label.startswith("compte supprimé ")
    assert AuditEvent.objects.filter(action="accounts.user.erase").exists()


@pytest.mark.django_db
def test_the_privacy_page_points_to_the_register_even_when_the_administrator_rewrote_it(client):
    from parvis.core.services import update_instance_settings

    assert "/compte/registre-des-traitements/" in client.get("/donnees-personnelles/").text
    assert "conservées 12 mois puis supprimées automatiquement" in client.get("/donnees-personnelles/").text
    update_instance_settings({"privacy_page": "Notre propre texte."})
    page = client.get("/donnees-personnelles/")
    assert "Notre propre texte." in page.text and "/compte/registre-des-traitements/" in page.text
