"""The language switch in a real browser with JavaScript off, on a 360 px screen: one click on « English »
gives the same page in English with lang="en" and the choice holds on the next pages; axe-core finds no
violation on the English pages (in a browser with JavaScript, which axe needs)."""

import io

import pytest

from conftest import assert_no_axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def places(transactional_db):
    from parvis.inclusion import demo
    from parvis.territory.services.imports import import_files

    import_files()
    demo.load(io.StringIO())


def test_the_switch_works_without_javascript_at_360_px_and_is_remembered(open_as, places):
    page = open_as(None, js=False, width=360)
    page.goto("/aide/?lieu=94000")
    assert page.locator("html").get_attribute("lang") == "fr"
    switch = page.get_by_role("button", name="English")
    assert switch.get_attribute("lang") == "en"
    assert switch.is_visible()
    switch.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/aide/?lieu=94000")  # back on the same page, search kept
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Find help near me"
    assert page.get_by_role("button", name="Search").is_visible()
    screenshot(page, "i18n-help-finder-en-360")
    no_overflow = "() => document.documentElement.scrollWidth <= window.innerWidth"
    assert page.evaluate(no_overflow)
    page.get_by_role("link", name="Participation").first.click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("button", name="Français").click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", level=1).inner_text() == "Participer aux décisions du territoire"


def test_the_english_place_page_and_referral_sheet_have_no_axe_violation(open_as, places):
    from parvis.inclusion.models import Place

    place = Place.objects.exclude(horaires="").order_by("pk").first()
    page = open_as(None, js=True, width=360)
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("load")
    for path in (
        f"/aide/lieux/{place.pk}/",
        f"/aide/fiche/?lieux={place.pk}",
        "/mentions-legales/",
        "/compte/connexion/",
    ):
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "en", path
        assert_no_axe_violations(page)
