"""Public search in a real browser, JavaScript disabled then enabled: need + commune -> ordered results,
axe-core without violation, page weight under 100 KB, screenshots for the docs."""

import io

import pytest

from conftest import assert_no_axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def loaded(transactional_db):
    from parvis.inclusion import demo
    from parvis.territory.services.imports import import_files

    import_files()
    demo.load(io.StringIO())


def _transferred(page) -> int:
    """Bytes transferred for the current page and everything it loaded (Resource Timing API)."""
    return page.evaluate(
        "() => performance.getEntries().filter(e => 'transferSize' in e)"
        ".reduce((sum, e) => sum + Math.max(e.transferSize, e.encodedBodySize || 0), 0)"
    )


def _search(page, need_label: str, place: str):
    page.goto("/aide/")
    page.get_by_label("Votre besoin").select_option(label=need_label)
    page.get_by_label("Où ? Commune, code postal ou adresse").fill(place)
    page.get_by_role("button", name="Chercher").click()
    page.wait_for_load_state("load")


def _distances(page) -> list[float]:
    texts = page.locator(".incl-distance").all_inner_texts()
    return [float(t.split("à ")[1].split(" km")[0].replace(",", ".")) for t in texts]


def _ranks(page) -> list[tuple[bool, float]]:
    """(stale, distance) of each result card, in page order: fresh places first, each group by distance."""
    cards = page.locator(".incl-results .incl-place")
    return [(cards.nth(i).locator(".badge-warning").count() > 0, d) for i, d in enumerate(_distances(page))]


def _weight_of(request, url: str, html: str) -> int:
    """Bytes of the HTML page plus the stylesheet and scripts it references."""
    import re

    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    return len(html.encode()) + sum(len(request.get(asset).body()) for asset in assets)


def test_search_without_javascript(browser_context_factory, loaded):
    context = browser_context_factory(java_script_enabled=False)
    page = context.new_page()
    _search(page, "Faire mes démarches (CAF, impôts, retraite, santé, titre de séjour…)", "Créteil")
    ranks = _ranks(page)
    assert len(ranks) >= 3 and ranks == sorted(ranks)
    heading = page.locator("#resultats").inner_text()
    assert "5 km" in heading and "de Créteil" in heading
    assert page.locator("#id_rayon").input_value() == "5"
    weight = _weight_of(context.request, page.url, page.content())
    assert 5_000 < weight < 100_000, weight
    screenshot(page, "inclusion-recherche-sans-javascript")


def test_results_page_has_no_axe_violation(browser_page, loaded):
    page = browser_page
    page.goto("/aide/?besoin=demarches&lieu=Cr%C3%A9teil&rayon=5")
    assert _distances(page)
    assert_no_axe_violations(page)
    assert _transferred(page) < 100_000


def test_search_with_javascript_and_referral_sheet(browser_page, loaded):
    page = browser_page
    _search(page, "Avoir un ordinateur ou une connexion internet", "94000")
    assert page.get_by_role("button", name="Utiliser ma position").is_visible()
    ranks = _ranks(page)
    assert ranks and ranks == sorted(ranks)
    assert_no_axe_violations(page)
    screenshot(page, "inclusion-recherche")
    page.locator("input[name=lieux]").first.check()
    page.get_by_role("button", name="Préparer une fiche d'orientation avec les lieux cochés").click()
    page.wait_for_load_state("load")
    assert "Comment venir" in page.locator("#fiche-texte").input_value()
    assert_no_axe_violations(page)
    screenshot(page, "inclusion-fiche-orientation")


def test_place_page_is_accessible(browser_page, loaded):
    from parvis.inclusion.models import Place

    page = browser_page
    page.goto(Place.objects.get(identifier="france-services-3237").get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == "France services de Sucy-en-Brie"
    assert_no_axe_violations(page)
    screenshot(page, "inclusion-lieu")


def test_gap_analysis_page_with_map_is_accessible(browser_context_factory, live_server, loaded, users):
    from django.conf import settings
    from django.test import Client

    from parvis.inclusion import gaps

    gaps.compute()
    client = Client()
    client.force_login(users["gestionnaire"])
    context = browser_context_factory()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto("/aide/gestion/carences/?service=Aide+aux+d%C3%A9marches+administratives")
    assert page.locator("figure.map svg").count() == 1
    assert page.locator("table.table tbody tr").count() == 16
    assert_no_axe_violations(page)
    screenshot(page, "inclusion-carences")
