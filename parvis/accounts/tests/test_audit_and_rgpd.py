import json

import pytest

from parvis.accounts.models import AuditEvent, User


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
def test_a_person_downloads_everything_kept_about_them(client_as):
    response = client_as("gestionnaire").get("/compte/mes-donnees/")
    data = json.loads(response.content)
    assert data["compte"]["adresse_electronique"] == "gestionnaire@test.parvis.local"
    assert data["organisations"] == [{"organisation": "Grand Paris Sud Est Avenir", "role": "gestionnaire"}]
    assert response["Content-Disposition"].startswith("attachment")


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
    assert event.actor is None and event.actor_label == "compte supprimé"
    assert AuditEvent.objects.filter(action="accounts.user.erase").exists()
