"""Permissions per role, partner declarations moderated by a gestionnaire, duplicates, gap analysis,
reminders for stale places, API."""

import json
import re

import pytest
from django.core import mail

from parvis.accounts.models import AuditEvent
from parvis.inclusion.models import DuplicateCandidate, GapIndicator, Place, PlaceStatus, PlaceSubmission
from parvis.inclusion.services import send_stale_reminders

pytestmark = pytest.mark.django_db

MANAGE_PAGES = ["/aide/gestion/", "/aide/gestion/import/", "/aide/gestion/carences/"]
GESTIONNAIRE_ONLY = ["/aide/gestion/moderation/", "/aide/gestion/doublons/"]


@pytest.mark.parametrize(
    ("role", "manage", "moderate"),
    [
        ("admin", 200, 200),
        ("gestionnaire", 200, 200),
        ("contributeur", 200, 403),
        ("partenaire", 403, 403),
        ("citoyen", 403, 403),
        ("anonyme", 302, 302),
    ],
)
def test_management_pages_per_role(client_as, role, manage, moderate):
    client = client_as(role)
    assert [client.get(url).status_code for url in MANAGE_PAGES] == [manage] * 3
    assert [client.get(url).status_code for url in GESTIONNAIRE_ONLY] == [moderate] * 2


@pytest.mark.parametrize(("role", "status"), [("partenaire", 200), ("gestionnaire", 200), ("citoyen", 403)])
def test_declaration_form_per_role(client_as, role, status):
    assert client_as(role).get("/aide/mes-lieux/declarer/").status_code == status


def test_gap_api_is_for_collectivite_members(client_as):
    assert client_as("anonyme").get("/api/inclusion/gaps").status_code == 403
    assert client_as("partenaire").get("/api/inclusion/gaps").status_code == 403
    assert client_as("contributeur").get("/api/inclusion/gaps").status_code == 200


DECLARATION = {
    "nom": "Atelier numérique du Mont-Mesly",
    "pivot": "12345678900011",
    "adresse": "5 rue Juliette Savar",
    "code_postal": "94000",
    "commune": "Créteil",
    "latitude": "48.7741",
    "longitude": "2.4600",
    "telephone": "01 45 13 00 00",
    "horaires": "We 14:00-17:00",
    "services": ["Maîtrise des outils numériques du quotidien"],
    "modalites_acces": ["Se présenter"],
}


def test_partner_declaration_is_published_only_after_moderation(client_as, users):
    partner = client_as("partenaire")
    response = partner.post("/aide/mes-lieux/declarer/", DECLARATION)
    assert response.status_code == 302
    submission = PlaceSubmission.objects.get()
    assert not Place.objects.exists()
    assert (
        client_as("contributeur").post(f"/aide/gestion/moderation/{submission.pk}/accepter/").status_code
        == 403
    )
    client_as("gestionnaire").post(f"/aide/gestion/moderation/{submission.pk}/accepter/")
    place = Place.objects.get()
    assert (place.status, place.telephone, place.organisation.slug) == (
        PlaceStatus.PUBLISHED,
        "+33145130000",
        "mediatheques",
    )
    assert AuditEvent.objects.filter(action="inclusion.place.approve").exists()


def test_partner_proposes_an_update_of_its_own_place_only(client_as, users, partner_org, org):
    partner = client_as("partenaire")
    partner.post("/aide/mes-lieux/declarer/", DECLARATION)
    client_as("gestionnaire").post(f"/aide/gestion/moderation/{PlaceSubmission.objects.get().pk}/accepter/")
    place = Place.objects.get()
    changed = dict(DECLARATION, horaires="We 14:00-18:00")
    assert partner.post(f"/aide/mes-lieux/{place.pk}/modifier/", changed).status_code == 302
    other = Place.objects.create(
        identifier="x",
        pivot="00000000000000",
        nom="Autre",
        commune="Créteil",
        code_postal="94000",
        adresse="1 rue",
        date_maj="2026-01-01",
        organisation=org,
    )
    assert partner.get(f"/aide/mes-lieux/{other.pk}/modifier/").status_code == 403
    update = PlaceSubmission.objects.filter(place=place).latest("created_at")
    client_as("gestionnaire").post(
        f"/aide/gestion/moderation/{update.pk}/refuser/", {"note": "Horaires à confirmer"}
    )
    update.refresh_from_db()
    assert update.status == "rejected" and update.review_note == "Horaires à confirmer"
    place.refresh_from_db()
    assert place.horaires == "We 14:00-17:00"


def test_invalid_declaration_explains_the_problem(client_as, users):
    response = client_as("partenaire").post(
        "/aide/mes-lieux/declarer/", dict(DECLARATION, pivot="12", telephone="abc")
    )
    assert response.status_code == 302  # pivot and phone are replaced/dropped with messages, never refused
    data = PlaceSubmission.objects.get().data
    assert data["pivot"] == "00000000000000" and data["telephone"] == ""


def test_import_page_reports_each_invalid_cell(client_as, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from parvis.inclusion.tests.helpers import csv_file, row

    upload = SimpleUploadedFile("lieux.csv", csv_file(row(), row(id="b", services="Cours de cuisine")))
    response = client_as("gestionnaire").post("/aide/gestion/import/", {"fichier": upload}, follow=True)
    body = response.content.decode()
    assert "2 lignes lues : 2 lieux créés" in body and "Cours de cuisine" in body
    assert AuditEvent.objects.filter(action="inclusion.import").exists()


def test_rejected_rows_download_as_received(client_as, users):
    from parvis.inclusion.services.imports import import_file
    from parvis.inclusion.tests.helpers import csv_file, row

    batch = import_file(
        data=csv_file(row(), row(id="b", adresse="", nom="=HYPERLIEN()")), filename="x.csv", archive=False
    )
    text = (
        client_as("contributeur").get(f"/aide/gestion/import/{batch.pk}/", {"format": "csv"}).content.decode()
    )
    header, line = text.splitlines()[:2]
    assert header.startswith("ligne,erreurs,") and line.startswith(
        "3,adresse : Valeur obligatoire manquante."
    )
    assert "'=HYPERLIEN()" in line
    assert (
        client_as("partenaire").get(f"/aide/gestion/import/{batch.pk}/", {"format": "csv"}).status_code == 403
    )


def test_duplicates_across_commune_borders_are_proposed_and_merged_with_sources(client_as, users):
    a = Place.objects.create(
        identifier="a",
        source="france-services",
        pivot="00000000000000",
        nom="France services de Sucy",
        commune="Sucy-en-Brie",
        code_postal="94370",
        adresse="16 place de la Fraternité",
        latitude=48.77488,
        longitude=2.52629,
        date_maj="2024-08-01",
        services=["Aide aux démarches administratives"],
        value_sources={"services": {"Aide aux démarches administratives": ["france-services"]}},
    )
    b = Place.objects.create(
        identifier="b",
        source="cartographie",
        pivot="00000000000000",
        nom="France Services Sucy-en-Brie",
        commune="Bonneuil-sur-Marne",
        code_postal="94380",
        adresse="16 pl. de la Fraternité",
        latitude=48.77490,
        longitude=2.52640,
        date_maj="2025-01-01",
        telephone="+33156741010",
        services=["Accès internet et matériel informatique"],
        value_sources={"services": {"Accès internet et matériel informatique": ["cartographie"]}},
    )
    client = client_as("gestionnaire")
    client.post("/aide/gestion/doublons/")
    candidate = DuplicateCandidate.objects.get()
    assert candidate.score >= 0.72 and candidate.details["distance_km"] < 0.05
    page = client.get(f"/aide/gestion/doublons/{candidate.pk}/").content.decode()
    assert "Sucy-en-Brie" in page and "Bonneuil-sur-Marne" in page and "différent" in page
    client.post(f"/aide/gestion/doublons/{candidate.pk}/", {"action": "garder-a"})
    a.refresh_from_db()
    b.refresh_from_db()
    assert b.status == PlaceStatus.MERGED and b.merged_into == a
    assert a.services == ["Aide aux démarches administratives", "Accès internet et matériel informatique"]
    assert a.value_sources["services"]["Accès internet et matériel informatique"] == ["cartographie"]
    assert a.telephone == "+33156741010" and str(a.date_maj) == "2025-01-01"


def test_gap_analysis_per_commune_with_map_ranking_and_csv(client_as, users, demo_places, referentiel):
    from parvis.inclusion import gaps

    assert gaps.compute() == 16 * 9
    client = client_as("gestionnaire")
    response = client.get("/aide/gestion/carences/", {"service": "Aide aux démarches administratives"})
    rows = response.context["rows"]
    assert len(rows) == 16 and rows[0]["distance_km"] >= rows[-1]["distance_km"]
    assert "<svg" in response.context["map"]
    table = response.content.decode().split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert re.search(r'<td class="num">\d+(,\d)?</td>', table)  # distances rounded for reading
    assert not re.search(r"\d[.,]\d{2,}", table)  # never 2,9226505416981605
    csv_text = client.get(
        "/aide/gestion/carences/", {"service": "Aide aux démarches administratives", "format": "csv"}
    ).content.decode()
    assert (
        csv_text.splitlines()[0].startswith("code_insee,commune,population")
        and len(csv_text.splitlines()) == 17
    )
    beyond = GapIndicator.objects.filter(service="Acquisition de matériel informatique à prix solidaire")
    assert all(g.beyond for g in beyond)


def _place(org, identifier: str, nom: str, date_maj: str) -> Place:
    return Place.objects.create(
        identifier=identifier,
        pivot="00000000000000",
        nom=nom,
        commune="Créteil",
        code_postal="94000",
        adresse="1 rue",
        date_maj=date_maj,
        organisation=org,
    )


def test_stale_places_owners_are_reminded_once_a_month(users, org):
    _place(org, "old", "Vieux lieu", "2024-01-01")
    _place(org, "new", "Lieu récent", "2026-11-01")
    assert send_stale_reminders() == {"organisations": 1, "lieux": 1}
    assert {m.to[0] for m in mail.outbox} == {
        "gestionnaire@test.parvis.local",
        "contributeur@test.parvis.local",
    }
    body = mail.outbox[0].body
    assert "Vieux lieu" in body and "Lieu récent" not in body
    old = Place.objects.get(identifier="old")
    assert f"/mes-lieux/{old.pk}/modifier/" in body  # a link to update the place
    assert send_stale_reminders() == {"organisations": 0, "lieux": 0}


def test_a_member_who_turned_reminders_off_gets_none(users, org):
    from parvis.accounts.services.notifications import set_preferences

    set_preferences(users["contributeur"], enabled_kinds=set())
    _place(org, "old", "Vieux lieu", "2024-01-01")
    send_stale_reminders()
    assert [m.to for m in mail.outbox] == [["gestionnaire@test.parvis.local"]]


def test_stale_place_reminders_are_a_daily_periodic_job():
    from datetime import timedelta

    from parvis.core.periodic import registered_jobs

    jobs = {job.name: job.every for job in registered_jobs()}
    assert jobs["parvis.inclusion.tasks.remind_stale_places"] == timedelta(days=1)


def test_reminder_command_runs(users, org):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("inclusion_reminders", stdout=out)
    assert "organisation(s) relancée(s)" in out.getvalue()


def test_api_places_nearest_and_geojson(client, demo_places):
    data = json.loads(
        client.get("/api/inclusion/places/nearest", {"lat": 48.7784, "lon": 2.4536, "limit": 5}).content
    )
    assert len(data) == 5 and [d["distance_km"] for d in data] == sorted(d["distance_km"] for d in data)
    geo = json.loads(
        client.get(
            "/api/inclusion/places.geojson",
            {"lat": 48.7784, "lon": 2.4536, "radius_km": 3, "need": "demarches"},
        ).content
    )
    assert geo["type"] == "FeatureCollection" and geo["features"]
    assert client.get("/api/inclusion/places/nearest", {"lat": 40.4, "lon": -3.7}).status_code == 400
    assert client.get("/api/inclusion/places", {"radius_km": 0.5, "lat": 48.7, "lon": 2.4}).status_code == 422
    listing = json.loads(client.get("/api/inclusion/places", {"postcode": "94440"}).content)
    assert listing and all(p["record"]["code_postal"] == "94440" for p in listing)
