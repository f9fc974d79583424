"""The /sobriete/ pages in a real browser: ranking, site page, recommendations; axe finds nothing."""

import pytest
from django.urls import reverse

from parvis.footprint import auditing
from parvis.footprint.models import PageAudit, SiteAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def history(audited):
    site = audited(score=38)
    audit = SiteAudit.objects.create(site=site, status=SiteAudit.Status.DONE, pages_total=1, pages_done=1)
    page = PageAudit.objects.get(audit__site=site)
    PageAudit.objects.create(
        audit=audit,
        url=site.url,
        ok=True,
        **{
            f: getattr(page, f)
            for f in (
                "nodes",
                "requests",
                "size_kb",
                "grade",
                "ges",
                "water",
                "violations",
                "violations_count",
                "findings",
                "weight_by_type",
                "declarative",
                "recommendations",
                "provenance",
            )
        }
        | {"score": 52, "grade": "D"},
    )
    auditing.summarise(audit)
    audit.save()
    audited(score=81, url="https://www.ville-sucy.fr/", name="Sucy-en-Brie", population=26_000)
    return site


def test_ranking_page_is_accessible(browser_page, axe, history):
    browser_page.goto(reverse("footprint:index"))
    assert browser_page.get_by_role("table").first.is_visible()
    axe.assert_clean(browser_page)
    assert axe.violations(browser_page, tags=("RGAAv4",)) == []
    axe.screenshot(browser_page, "footprint-classement")


def test_site_page_with_history_charts_is_accessible_and_its_points_are_focusable(browser_page, axe, history):
    browser_page.goto(reverse("footprint:site", args=[history.pk]))
    point = browser_page.get_by_role("link", name="Score EcoIndex").first
    point.focus()
    assert browser_page.evaluate("document.activeElement.getAttribute('aria-label')").startswith(
        "Score EcoIndex"
    )
    axe.assert_clean(browser_page)
    assert axe.violations(browser_page, tags=("RGAAv4",)) == []
    axe.screenshot(browser_page, "footprint-site")


def test_recommendations_page_is_accessible(browser_page, axe, history):
    page = PageAudit.objects.filter(audit__site=history).first()
    browser_page.goto(reverse("footprint:page", args=[page.pk]))
    assert browser_page.get_by_text("+9 points estimés").is_visible()
    axe.assert_clean(browser_page)
    assert axe.violations(browser_page, tags=("RGAAv4",)) == []
    axe.screenshot(browser_page, "footprint-recommandations")
