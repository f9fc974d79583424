"""The referral sheet in a real browser: true on paper (no « ouvert maintenant », the weekly hours, the
date and who issued it) and, printed by Chromium, five places on one A4 page; usable at 360 px."""

import io
import re

import pytest

from conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def five_places(transactional_db):
    from parvis.inclusion import demo
    from parvis.inclusion.models import Place

    demo.load(io.StringIO())
    # The places with the longest cards (most services, hours, phone), so the page count is a worst case.
    places = sorted(
        Place.objects.filter(status="published"),
        key=lambda p: -(len(", ".join(p.services)) + len(p.horaires) + len(p.nom)),
    )
    return [p.pk for p in places[:5]]


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_five_places_print_on_one_a4_page_with_date_and_issuer(browser_context_factory, five_places):
    context = browser_context_factory(java_script_enabled=False)
    page = context.new_page()
    query = "&".join(f"lieux={pk}" for pk in five_places)
    page.goto(f"/aide/fiche/?{query}&par=CCAS+de+Cr%C3%A9teil")
    page.emulate_media(media="print")
    sheet = page.locator(".incl-referral").inner_text()
    assert page.locator(".incl-place").count() == 5
    assert re.search(r"Remise le \d{1,2}(er)?\s\w+ 20\d\d par CCAS de Créteil", sheet)
    assert "maintenant" not in sheet.lower() and "Fermé" not in sheet
    assert "Horaires" in sheet or "Du lundi" in sheet or "Lundi" in sheet
    assert "Comment venir ou joindre ce lieu : \n" not in sheet
    pdf = page.pdf(format="A4", print_background=False)
    assert _pdf_pages(pdf) == 1


def test_the_sheet_is_usable_and_accessible_on_a_phone(browser_context_factory, five_places):
    context = browser_context_factory(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"/aide/fiche/?lieux={five_places[0]}&lieux={five_places[1]}")
    assert "Remise le" in page.locator(".incl-issued").inner_text()
    page.get_by_label("Remise par (structure ou service, facultatif)").fill("Maison France Services")
    page.get_by_role("button", name="Mettre à jour la fiche").click()
    page.wait_for_load_state("load")
    assert "par Maison France Services" in page.locator(".incl-issued").inner_text()
    assert "par Maison France Services" in page.locator("#fiche-texte").input_value()
    box = page.locator("#format-a4").bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_no_axe_violations(page)
