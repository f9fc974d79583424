"""Charts and the commune comparison in a real browser: a phone without JavaScript, axe-core, printing."""

import pytest

from conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page, width=360) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


def _axe_clean(open_as, url, user=None):
    """axe-core needs JavaScript to run (its checks are asynchronous): the page a person saw without
    JavaScript is opened again, at the same width, with JavaScript for axe only."""
    page = open_as(user, js=True, width=360)
    page.goto(url)
    assert_no_axe_violations(page)


def test_comparing_communes_on_a_phone_without_javascript(demo, open_as):
    page = open_as(None, js=False, width=360)
    page.goto("/observatoire/comparer/")
    _axe_clean(open_as, page.url)
    page.get_by_label("Commune 1").fill("Créteil")
    page.get_by_label("Commune 2").fill("23096")
    page.get_by_label("Commune 3").fill("Saint")
    page.get_by_role("button", name="Comparer").click()
    page.wait_for_load_state()
    assert "Plusieurs communes correspondent à « Saint »" in page.locator("main").inner_text()
    page.get_by_label("Commune 3").fill("")
    page.get_by_label("Taux de chômage des 15-64 ans (2021)").check()
    page.get_by_label("Revenu médian par unité de consommation (2020)").check()
    page.get_by_role("button", name="Comparer").click()
    page.wait_for_load_state()
    assert "2 communes comparées" in page.locator("h2").all_inner_texts()
    assert page.locator("figure.chart svg[role=img]").count() == 2
    assert page.locator("figure.chart table caption").count() == 2
    assert _fits(page)
    _axe_clean(open_as, page.url)
    page.emulate_media(media="print")  # printable: the form goes, the charts and their tables stay
    assert not page.locator("form.obs-compare-form").is_visible()
    assert page.locator("figure.chart svg").first.is_visible()
    assert page.locator("figure.chart table").first.is_visible()


def test_indicator_page_with_evolution_and_bars_is_accessible(demo, open_as):
    from parvis.observatory.models import Indicator

    indicator = Indicator.objects.get(title="Population municipale 2021")
    page = open_as(None, js=False, width=360)
    page.goto(indicator.get_absolute_url() + "?territoire=commune:94028")
    assert page.locator("figure.chart").count() == 2
    assert _fits(page)
    _axe_clean(open_as, page.url)


def test_a_contributeur_saves_a_scenario_from_the_ifn_page(demo, open_as, users):
    page = open_as(users["contributeur"], js=False, width=360)
    page.goto("/observatoire/ifn/?territoire=commune:94028&poverty_rate=3")
    page.get_by_role("link", name="Enregistrer ces poids comme scénario").click()
    _axe_clean(open_as, page.url, users["contributeur"])
    assert page.get_by_label("Taux de pauvreté").input_value() in ("3", "3.0", "3,0")
    page.get_by_label("Nom du scénario").fill("Priorité à la pauvreté")
    page.get_by_role("button", name="Enregistrer le scénario").click()
    page.wait_for_url("**/observatoire/ifn/?scenario=*")
    assert "Scénario « Priorité à la pauvreté » enregistré." in page.locator("main").inner_text()
    _axe_clean(open_as, page.url, users["contributeur"])
