"""A partner's place without coordinates is placed at its commune or refused; re-importing Parvis's own export
never duplicates a place (stable ids, accents folded in generated ids); impossible update dates (before 1990,
in the future: empty Unix timestamps) are flagged and never shown as facts."""

import pytest

from parvis.inclusion.models import Place, PlaceSubmission
from parvis.inclusion.services.imports import _slug, import_file
from parvis.inclusion.tests.helpers import csv_file, row
from parvis.inclusion.tests.test_management import DECLARATION

pytestmark = pytest.mark.django_db

WITHOUT_COORDINATES = {k: v for k, v in DECLARATION.items() if k not in ("latitude", "longitude")}


def test_a_declared_place_without_coordinates_is_placed_at_its_commune(client_as, users, referentiel):
    assert client_as("partenaire").post("/aide/mes-lieux/declarer/", WITHOUT_COORDINATES).status_code == 302
    data = PlaceSubmission.objects.get().data
    assert (round(data["latitude"], 2), round(data["longitude"], 2)) == (48.78, 2.45)  # Créteil's centre


def test_a_declared_place_in_an_unknown_commune_is_refused_with_a_message(client_as, users, referentiel):
    unknown = dict(WITHOUT_COORDINATES, commune="Ville-Imaginaire", code_postal="99999")
    page = client_as("partenaire").post("/aide/mes-lieux/declarer/", unknown).content.decode()
    assert (
        "Impossible de placer ce lieu sur la carte : la commune « Ville-Imaginaire » (99999) est inconnue"
        in page
    )
    assert not PlaceSubmission.objects.exists()


def test_reimporting_parvis_own_export_never_duplicates(client_as, users, org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client_as("partenaire").post("/aide/mes-lieux/declarer/", DECLARATION)
    client_as("gestionnaire").post(f"/aide/gestion/moderation/{PlaceSubmission.objects.get().pk}/accepter/")
    # two sources using the same id: the second gets a generated id
    import_file(
        data=csv_file(row(id="lieu-1", source="Médiathèques de Créteil")), filename="a.csv", archive=False
    )
    import_file(
        data=csv_file(row(id="lieu-1", nom="Autre lieu", source="Région")), filename="b.csv", archive=False
    )
    before = dict(Place.objects.values_list("identifier", "nom"))
    assert len(before) == 3
    export = client_as("anonyme").get("/aide/export/lieux.csv")
    body = b"".join(export.streaming_content) if export.streaming else export.content
    gestionnaire = client_as("gestionnaire")
    for _ in range(2):
        upload = SimpleUploadedFile("lieux-mediation-numerique.csv", body)
        gestionnaire.post("/aide/gestion/import/", {"fichier": upload})
    assert dict(Place.objects.values_list("identifier", "nom")) == before
    assert PlaceSubmission.objects.count() == 1  # the partner's place, unchanged, proposes nothing new


def test_generated_ids_fold_accents_instead_of_mangling_them():
    assert _slug("Médiathèques de Créteil") == "mediatheques-de-creteil"
    assert _slug("Île-de-France Numérique") == "ile-de-france-numerique"
    assert _slug("???") == "source"


@pytest.mark.parametrize("when", ["1970-01-01", "1969-12-31", "1899-12-30", "2999-01-01"])
def test_an_impossible_update_date_is_flagged_and_shown_as_unknown(client_as, when):
    batch = import_file(data=csv_file(row(date_maj=when)), filename="lieux.csv", archive=False)
    assert batch.created == 1
    assert any("Date de mise à jour impossible" in issue["message"] for issue in batch.issues)
    place = Place.objects.get()
    assert not place.date_maj_ok
    page = client_as("anonyme").get(place.get_absolute_url()).content.decode()
    assert "inconnue (la date transmise par la source est impossible)" in page
    assert "Date de mise à jour inconnue" in page
    assert "1969" not in page and "1970" not in page and "2999" not in page
    api = client_as("anonyme").get("/api/inclusion/places?postcode=94000").json()
    assert api[0]["update_date_reliable"] is False


def test_a_plausible_date_is_shown_as_it_is(client_as):
    import_file(data=csv_file(row(date_maj="2026-09-01")), filename="lieux.csv", archive=False)
    place = Place.objects.get()
    assert place.date_maj_ok
    page = client_as("anonyme").get(place.get_absolute_url()).content.decode()
    assert "1er\u00a0septembre 2026" in page and "inconnue" not in page


def test_an_older_declaration_without_coordinates_is_not_published_blind(client_as, users, partner_org):
    from parvis.inclusion.services import check_submission

    record, _errors = check_submission(
        dict(
            WITHOUT_COORDINATES,
            id="parvis-ancien",
            date_maj="2026-01-01",
            commune="Nulle-Part",
            code_postal="99999",
        )
    )
    submission = PlaceSubmission.objects.create(
        organisation=partner_org, submitted_by=users["partenaire"], data=record
    )
    response = client_as("gestionnaire").post(
        f"/aide/gestion/moderation/{submission.pk}/accepter/", follow=True
    )
    assert "Impossible de placer ce lieu sur la carte" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == "pending" and not Place.objects.exists()
