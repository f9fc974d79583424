"""Territory and observatory pages in a real browser: axe-core finds no violation; screenshots for the docs."""

import pytest

from conftest import assert_no_axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page, path, name, full_page=True):
    response = page.goto(path)
    assert response.status == 200
    assert page.locator("h1").first.is_visible()
    assert_no_axe_violations(page)
    if full_page:
        screenshot(page, name)
    else:  # very long tables: the top of the page is enough for the docs
        page.locator("figure.map").scroll_into_view_if_needed()
        screenshot(page, name, full_page=False)


def test_gpsea_page(browser_page, demo):
    _check(browser_page, "/territoires/ept/200058006/", "territory-gpsea")
    assert browser_page.locator("svg.map-svg a.area:not(.context)").count() == 16


def test_commune_page(browser_page, demo):
    _check(browser_page, "/territoires/commune/94028/", "territory-commune-creteil")


def test_search_page_and_france_map(browser_page, demo):
    _check(browser_page, "/territoires/?q=creteil", "territory-recherche")
    _check(browser_page, "/territoires/", "territory-france")


def test_departement_page_of_creuse(browser_page, demo):
    _check(browser_page, "/territoires/departement/23/", "territory-creuse")


def test_indicator_map(browser_page, demo):
    from parvis.observatory.models import Indicator

    indicator = Indicator.objects.get(title="Taux de chômage des 15-64 ans")
    _check(browser_page, indicator.get_absolute_url(), "observatory-indicateur")


def test_ifn_page(browser_page, demo):
    _check(
        browser_page,
        "/observatoire/ifn/?territoire=departement:23",
        "observatory-ifn-creuse",
        full_page=False,
    )
    _check(browser_page, "/observatoire/ifn/", "observatory-ifn-gpsea")


def test_dashboard_and_embed(browser_page, demo):
    _check(browser_page, "/observatoire/tableau/ept/200058006/", "observatory-tableau-de-bord")
    _check(browser_page, "/observatoire/tableau/ept/200058006/integrer/", "observatory-integration")


def test_map_areas_are_reachable_with_the_keyboard(browser_page, demo):
    browser_page.goto("/territoires/ept/200058006/")
    area = browser_page.locator('svg.map-svg a.area[aria-label^="Créteil"]')
    area.focus()
    assert browser_page.evaluate("document.activeElement.getAttribute('aria-label')").startswith("Créteil")


def _log_in(page, email):
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/compte/")


def test_indicator_form_with_an_error_and_the_editing_pages(browser_page, demo, users):
    page = browser_page
    _log_in(page, users["gestionnaire"].email)
    from parvis.observatory.models import IfnSource

    _check(page, "/observatoire/indicateurs/nouveau/", "observatory-nouvel-indicateur")
    raw = IfnSource.objects.get(kind=IfnSource.Kind.RAW)
    page.get_by_label("Ressource du catalogue").select_option(str(raw.resource_id))
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Titre").fill("Population 2021")
    page.get_by_label("Colonne des codes").select_option("code_insee")
    page.get_by_label("Agrégation").select_option("sum")
    page.get_by_label("Colonne des valeurs (ou numérateur)").select_option("rp2021_population")
    page.get_by_label("Source").fill("INSEE, recensement 2021")
    page.get_by_role("button", name="Calculer et enregistrer").click()
    assert page.get_by_text("Indiquez l’année des données").first.is_visible()
    assert_no_axe_violations(page)
    screenshot(page, "observatory-formulaire-erreur")
    _check(page, "/observatoire/tableau/ept/200058006/modifier/", "observatory-tableau-modifier")
    _check(page, "/territoires/personnalise/nouveau/", "territory-personnalise")
