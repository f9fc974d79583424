"""Contributions in a real browser: a citoyen, on a 360 px phone without JavaScript, reports an error on a
help place and proposes corrections on dataset rows; the gestionnaire accepts the place's and one row's, and
refuses another with a reason. The place page and the new version show the corrections; axe-core (run with
JavaScript on) finds nothing on the new pages, public and of the review."""

import pytest

from conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMUNES_CSV = (
    "code_insee,nom,population\n94028,Créteil,92265\n94002,Alfortville,44403\n94071,Sucy-en-Brie,26426\n"
)


@pytest.fixture
def contents(transactional_db, users, org, tmp_path):
    from parvis.catalog import services as catalog
    from parvis.inclusion.models import Place
    from parvis.inclusion.services.imports import import_file
    from parvis.inclusion.tests.helpers import csv_file, row

    import_file(data=csv_file(row()), filename="lieux.csv", archive=False)
    source = tmp_path / "communes.csv"
    source.write_text(COMMUNES_CSV, encoding="utf-8")
    dataset, _version = catalog.create_dataset_from_file(
        organisation=org, title="Communes", path=str(source), published=True, actor=users["gestionnaire"]
    )
    return Place.objects.get(), dataset


def _fits(page, width=360) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


def _propose_on_row(page, line: int, population: str = "", comment: str = ""):
    page.goto("/donnees/communes/communes/")
    page.get_by_role("link", name=f"{line} : signaler une erreur ou proposer une correction").click()
    assert _fits(page)
    if population:
        page.get_by_label("population").fill(population)
    if comment:
        page.get_by_label("Qu'est-ce qui ne va pas ?").fill(comment)
    page.get_by_label("Votre courriel, pour être prévenu de la décision (facultatif)").fill(
        "camille@exemple.fr"
    )
    page.get_by_role("button", name="Envoyer la proposition").click()
    assert "Merci ! Votre proposition a été transmise" in page.content()


def test_a_citoyen_contributes_and_the_gestionnaire_decides(open_as, users, contents):
    from parvis.accounts.models import OutboxMessage
    from parvis.catalog.models import RowCorrection

    place, _dataset = contents
    citoyen = open_as(users["citoyen"], js=False, width=360)
    citoyen.goto(place.get_absolute_url())
    citoyen.get_by_role("link", name="Signaler une erreur ou proposer une correction").click()
    assert _fits(citoyen)
    citoyen.get_by_label("Horaires (format OpenStreetMap)").fill("Tu-Sa 09:30-18:00")
    citoyen.get_by_role("button", name="Envoyer le signalement").click()
    assert "Merci ! Votre signalement sera examiné" in citoyen.content()
    _propose_on_row(citoyen, 2, population="44500")
    _propose_on_row(citoyen, 3, comment="Sucy-en-Brie a plus d'habitants, je crois.")

    gestionnaire = open_as(users["gestionnaire"])
    gestionnaire.goto("/aide/gestion/signalements/")
    assert_no_axe_violations(gestionnaire)
    gestionnaire.get_by_role("link", name=f"Examiner : {place.nom}").click()
    assert_no_axe_violations(gestionnaire)
    gestionnaire.get_by_role("button", name="Accepter et mettre la fiche à jour").click()
    assert "Signalement accepté" in gestionnaire.content()
    citoyen.goto(place.get_absolute_url())
    assert "Tu-Sa 09:30-18:00" in citoyen.content()

    gestionnaire.goto("/donnees/communes/communes/corrections/")
    assert_no_axe_violations(gestionnaire)
    gestionnaire.get_by_role("link", name="Examiner la proposition sur la ligne 2").click()
    assert_no_axe_violations(gestionnaire)
    gestionnaire.get_by_role("button", name="Accepter et créer une nouvelle version").click()
    assert "Correction acceptée : la version 2" in gestionnaire.content()

    gestionnaire.goto("/donnees/communes/communes/corrections/")
    gestionnaire.get_by_role("link", name="Examiner la proposition sur la ligne 3").click()
    gestionnaire.get_by_label("Motif du refus (envoyé à la personne)").fill("Chiffre Insee 2021 vérifié.")
    gestionnaire.get_by_role("button", name="Refuser").click()
    assert "Proposition refusée" in gestionnaire.content()

    citoyen.goto("/donnees/communes/communes/")
    page = citoyen.content()
    assert "44500" in page and "Correction proposée par" in page
    assert _fits(citoyen)
    assert [c.status for c in RowCorrection.objects.order_by("row_number")] == ["accepted", "refused"]
    assert OutboxMessage.objects.filter(kind="catalog.correction_decided").count() == 2
    assert OutboxMessage.objects.filter(kind="inclusion.report_decided").count() == 1


def test_the_new_public_pages_are_accessible_on_a_phone(open_as, users, contents):
    """axe-core runs in the page, so with JavaScript on; the forms are the ones the citoyen used above."""
    place, _dataset = contents
    page = open_as(None, width=360)
    for url in (
        f"/aide/lieux/{place.pk}/",
        f"/aide/lieux/{place.pk}/signaler/",
        "/donnees/communes/communes/v1/lignes/2/corriger/",
    ):
        page.goto(url)
        assert_no_axe_violations(page)
        assert _fits(page)
    page.get_by_label("population").fill("beaucoup")
    page.get_by_role("button", name="Envoyer la proposition").click()
    assert "n'est pas une valeur valide de type nombre entier" in page.content()
    assert_no_axe_violations(page)
