"""Anyone may report an error or propose a correction on a help place; the collectivité's moderators review
it side by side, accept it (the place is updated with the import's rules) or refuse it with a reason, and the
person is told. A place changed since, values the standard refuses, a flood of reports: French messages,
nothing lost."""

import pytest

from parvis.accounts.models import AuditEvent, OutboxMessage
from parvis.inclusion.models import Place, PlaceReport, SubmissionStatus
from parvis.inclusion.services.imports import import_file
from parvis.inclusion.tests.helpers import csv_file, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(db):
    import_file(data=csv_file(row()), filename="lieux.csv", archive=False)
    return Place.objects.get()


def report(client, place, comment="", email="", **changes):
    from parvis.inclusion.services.reports import report_values

    data = {**report_values(place), **changes, "comment": comment, "email": email}
    return client.post(f"/aide/lieux/{place.pk}/signaler/", data)


def test_the_place_page_links_to_the_report_form_which_shows_the_current_values(place, client_as):
    page = client_as("anonyme").get(place.get_absolute_url()).content.decode()
    assert f"/aide/lieux/{place.pk}/signaler/" in page
    form = client_as("anonyme").get(f"/aide/lieux/{place.pk}/signaler/").content.decode()
    assert 'value="Tu-Sa 10:00-18:00"' in form and 'value="+33141946550"' in form


def test_an_anonymous_visitor_proposes_new_hours_kept_with_the_place_as_it_was(place, client_as):
    response = report(client_as("anonyme"), place, horaires="Tu-Sa 09:00-18:00", email="habitant@exemple.fr")
    assert response.status_code == 302
    sent = PlaceReport.objects.get()
    assert sent.proposed == {"horaires": "Tu-Sa 09:00-18:00"}
    assert sent.original["horaires"] == "Tu-Sa 10:00-18:00" and sent.based_on == place.updated_at
    assert AuditEvent.objects.filter(action="inclusion.report.submit").exists()
    place.refresh_from_db()
    assert place.horaires == "Tu-Sa 10:00-18:00"  # nothing changes before the review


def test_values_the_standard_refuses_are_refused_before_submission(place, client_as):
    page = report(
        client_as("anonyme"), place, telephone="pas de téléphone", code_postal="9400"
    ).content.decode()
    assert "Téléphone invalide « pas de téléphone »" in page
    assert not PlaceReport.objects.exists()


def test_an_unknown_field_and_an_empty_report_are_refused(place):
    from parvis.inclusion.services.reports import submit_report

    with pytest.raises(ValueError, match="Champ inconnu : « latitude »"):
        submit_report(place=place, proposed={"latitude": "1"}, comment="x")
    with pytest.raises(ValueError, match="Décrivez l'erreur"):
        submit_report(place=place, proposed={}, comment="  ")
    assert not PlaceReport.objects.exists()


def test_a_flood_of_reports_gets_the_rate_limit_message(place, client_as):
    client = client_as("anonyme")
    for i in range(10):
        assert report(client, place, comment=f"fermé {i}").status_code == 302
    response = report(client, place, comment="encore")
    assert response.status_code == 429 and "Trop de demandes" in response.content.decode()
    assert PlaceReport.objects.count() == 10


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("admin", 200),
        ("gestionnaire", 200),
        ("contributeur", 403),
        ("partenaire", 403),
        ("citoyen", 403),
        ("anonyme", 302),
    ],
)
def test_reports_are_reviewed_by_moderators_only(place, client_as, role, status):
    report(client_as("anonyme"), place, comment="Le lieu a déménagé")
    sent = PlaceReport.objects.get()
    client = client_as(role)
    assert client.get("/aide/gestion/signalements/").status_code == status
    assert client.get(f"/aide/gestion/signalements/{sent.pk}/").status_code == status
    client.post(f"/aide/gestion/signalements/{sent.pk}/", {"action": "refuser", "reason": "non"})
    sent.refresh_from_db()
    assert (sent.status == SubmissionStatus.REJECTED) == (status == 200)


def test_accepting_updates_the_place_dated_today_and_tells_the_person(place, client_as, users):
    report(client_as("citoyen"), place, horaires="Tu-Sa 09:00-18:00", telephone="01 41 94 65 51")
    sent = PlaceReport.objects.get()
    client = client_as("gestionnaire")
    page = client.get(f"/aide/gestion/signalements/{sent.pk}/").content.decode()
    assert "Valeur publiée" in page and "<strong>Tu-Sa 09:00-18:00</strong>" in page
    assert client.post(f"/aide/gestion/signalements/{sent.pk}/", {"action": "accepter"}).status_code == 302
    place.refresh_from_db()
    assert (place.horaires, place.telephone) == ("Tu-Sa 09:00-18:00", "+33141946551")
    from django.utils import timezone

    assert place.date_maj == timezone.localdate()
    mail = OutboxMessage.objects.get(kind="inclusion.report_decided")
    assert mail.to == "citoyen@test.parvis.local" and "acceptée" in mail.subject
    assert AuditEvent.objects.filter(action="inclusion.report.accept").exists()
    assert "Tu-Sa 09:00-18:00" in client_as("anonyme").get(place.get_absolute_url()).content.decode()


def test_refusing_needs_a_reason_mailed_to_the_address_given(place, client_as):
    report(client_as("anonyme"), place, nom="Médiathèque fermée", email="habitant@exemple.fr")
    sent = PlaceReport.objects.get()
    client = client_as("gestionnaire")
    client.post(f"/aide/gestion/signalements/{sent.pk}/", {"action": "refuser", "reason": ""})
    sent.refresh_from_db()
    assert sent.status == SubmissionStatus.PENDING
    client.post(
        f"/aide/gestion/signalements/{sent.pk}/", {"action": "refuser", "reason": "Elle rouvre lundi."}
    )
    sent.refresh_from_db()
    assert sent.status == SubmissionStatus.REJECTED
    mail = OutboxMessage.objects.get(kind="inclusion.report_decided")
    assert mail.to == "habitant@exemple.fr" and "Elle rouvre lundi." in mail.body_text
    place.refresh_from_db()
    assert place.nom == "Médiathèque de l'Abbaye"


def test_a_place_changed_since_the_report_cannot_be_accepted_and_the_report_is_kept(place, client_as):
    report(client_as("anonyme"), place, horaires="Tu-Sa 09:00-18:00")
    import_file(data=csv_file(row(horaires="Mo-Fr 10:00-17:00")), filename="lieux.csv", archive=False)
    sent = PlaceReport.objects.get()
    client = client_as("gestionnaire")
    response = client.post(f"/aide/gestion/signalements/{sent.pk}/", {"action": "accepter"}, follow=True)
    assert "Le lieu a changé depuis le signalement (« horaires »)" in response.content.decode()
    sent.refresh_from_db()
    place.refresh_from_db()
    assert sent.status == SubmissionStatus.PENDING and sent.proposed == {"horaires": "Tu-Sa 09:00-18:00"}
    assert place.horaires == "Mo-Fr 10:00-17:00"


def test_a_new_commune_moves_the_place_to_that_commune(place, client_as, referentiel):
    report(client_as("anonyme"), place, commune="Boissy-Saint-Léger", code_postal="94470")
    sent = PlaceReport.objects.get()
    client_as("gestionnaire").post(f"/aide/gestion/signalements/{sent.pk}/", {"action": "accepter"})
    place.refresh_from_db()
    assert place.commune == "Boissy-Saint-Léger"
    assert (round(place.latitude, 1), round(place.longitude, 1)) == (48.7, 2.5)


def test_the_person_s_reports_are_in_their_rgpd_export_and_leave_with_their_account(place, client_as, users):
    from parvis.accounts.services.rgpd import erase_account, personal_data

    report(client_as("citoyen"), place, comment="Fermé le samedi")
    assert personal_data(users["citoyen"])["inclusion"]["signalements_de_lieux"][0]["commentaire"] == (
        "Fermé le samedi"
    )
    erase_account(user=users["citoyen"])
    sent = PlaceReport.objects.get()
    assert (sent.author, sent.email, sent.comment) == (None, "", "")
