"""Territory and observatory pages in a real browser: axe-core finds no violation; screenshots for the docs."""

import pytest

from conftest import SCREENSHOTS, assert_no_axe_violations, screenshot

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
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_gpsea_page(browser_page, demo):
    _check(browser_page, "/territoires/ept/200058006/", "territory-gpsea")
    assert browser_page.locator("svg.map-svg a.area:not(.context)").count() == 16


def test_commune_page(browser_page, demo):
    _check(browser_page, "/territoires/commune/94028/", "territory-commune-creteil")


def test_search_page(browser_page, demo):
    _check(browser_page, "/territoires/?q=creteil", "territory-recherche")


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
