"""A whole site audit in the background task: discovery, politeness, median, worst pages, history."""

import pytest

from parvis.footprint.models import SiteAudit

pytestmark = pytest.mark.browser


def test_a_site_audit_covers_home_plus_n_pages_respecting_robots_and_sitemap(
    fast_audits, corpus, make_site, run_now
):
    fast_audits.PARVIS_FOOTPRINT_MAX_PAGES = 4
    audit = run_now(make_site(corpus.url("/")))
    urls = list(audit.pages.values_list("url", flat=True))
    assert audit.status == SiteAudit.Status.DONE
    assert (audit.pages_total, audit.pages_done) == (5, 5)
    # home, then the accessibility statement it links to, then the sitemap order
    assert urls == [corpus.url(p) for p in ("/", "/accessibilite", "/page-3", "/page-1", "/page-2")]
    assert not any("/prive/" in url for url in urls)


def test_the_site_score_is_the_median_of_its_pages_with_worst_pages_listed(
    fast_audits, corpus, make_site, run_now
):
    fast_audits.PARVIS_FOOTPRINT_MAX_PAGES = 2
    audit = run_now(make_site(corpus.url("/")))
    scores = sorted(audit.pages.values_list("score", flat=True))
    assert audit.score == scores[1] and audit.grade == "A"
    assert audit.worst[0] == audit.pages.order_by("score", "url").first().url
    assert audit.declarative == {
        "statement_url": corpus.url("/accessibilite"),
        "conformity": "partiellement",
        "multi_year_plan": True,
    }


def test_an_unreachable_home_fails_the_audit_with_a_french_message(fast_audits, corpus, make_site, run_now):
    audit = run_now(make_site(corpus.url("/missing")))
    assert audit.status == SiteAudit.Status.FAILED
    assert "erreur HTTP 404" in audit.error_message
    assert audit.pages.get().error_code == "http_status"


def test_every_audit_is_kept_in_the_history(fast_audits, corpus, make_site, run_now, client):
    fast_audits.PARVIS_FOOTPRINT_MAX_PAGES = 0
    site = make_site(corpus.url("/light"))
    run_now(site)
    run_now(site)
    assert site.audits.filter(status="done").count() == 2
    html = client.get(f"/sobriete/sites/{site.pk}/").content.decode()
    assert html.count('<circle class="point"') == 3 * 2


def test_a_home_page_forbidden_by_robots_txt_is_not_visited(fast_audits, corpus, make_site, run_now):
    audit = run_now(make_site(corpus.url("/prive/")))
    assert audit.status == SiteAudit.Status.FAILED
    assert "robots.txt du site interdit" in audit.error_message
    assert audit.pages.count() == 0


def test_the_home_page_campaign_audits_many_sites_and_isolates_failures(
    fast_audits, corpus, make_site, users
):
    from io import StringIO

    from django.core.management import call_command

    good = make_site(corpus.url("/light"), name="Légère")
    make_site(corpus.url("/missing"), name="Introuvable")
    make_site(corpus.url("/prive/"), name="Interdite")
    out = StringIO()
    call_command("footprint", "audit-homes", "--concurrency", "2", stdout=out)
    lines = out.getvalue().splitlines()
    assert "Légère — 97 (A)" in lines
    assert any(line.startswith("Introuvable — ") and "erreur HTTP 404" in line for line in lines)
    assert any(line.startswith("Interdite — ") and "robots.txt" in line for line in lines)
    assert good.audits.get().pages.get().score == 97
