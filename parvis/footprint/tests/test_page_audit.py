"""Audits of the local corpus in the real browser: measures, grades, violations, French errors."""

import pytest

from parvis.footprint import auditing
from parvis.footprint.lib.errors import AuditError
from parvis.footprint.messages import error_message

pytestmark = pytest.mark.browser


@pytest.fixture
def browser(fast_audits):
    return auditing.runner()


@pytest.fixture
def impatient_browser(fast_audits):
    """A 2-second timeout, for the pages that never finish loading."""
    fast_audits.PARVIS_FOOTPRINT_TIMEOUT = 2
    return auditing.runner()


def test_a_light_page_is_grade_a_with_exact_measures(browser, corpus):
    measure = browser.audit(corpus.url("/light"))
    assert (measure.nodes, measure.requests) == (16, 2)
    assert measure.ecoindex.grade == "A" and measure.ecoindex.score > 90
    assert measure.violations == []


def test_five_runs_give_identical_dom_requests_and_size(browser, corpus):
    runs = {
        (m.nodes, m.requests, m.size_kb) for m in (browser.audit(corpus.url("/practices")) for _ in range(5))
    }
    assert len(runs) == 1


def test_a_heavy_page_with_big_images_scores_low_and_gets_image_advice(browser, corpus):
    measure = browser.audit(corpus.url("/heavy"))
    assert measure.size_kb > 5000 and measure.ecoindex.grade in "EFG"
    codes = [item["code"] for item in auditing.page_result(measure)["recommendations"]]
    assert {"weight", "image_oversize", "dom"} <= set(codes)


def test_many_requests_are_counted_from_the_har(browser, corpus):
    measure = browser.audit(corpus.url("/many"))
    assert measure.requests == 62
    assert "requests" in [item["code"] for item in auditing.page_result(measure)["recommendations"]]


def test_accessibility_faults_are_reported_by_rule_impact_and_rgaa_criterion(browser, corpus):
    result = auditing.page_result(browser.audit(corpus.url("/faults")))
    by_rule = {row["rule"]: row for row in result["violations"]}
    assert {"image-alt", "label", "html-has-lang", "document-title", "color-contrast"} <= set(by_rule)
    assert by_rule["image-alt"]["criteria"] == ["1.1.1"] and by_rule["image-alt"]["impact"] == "critical"
    assert by_rule["label"]["help"].startswith("Chaque élément de formulaire")  # French locale
    assert result["declarative"] == {"statement_url": "", "conformity": "", "multi_year_plan": False}


def test_a_third_party_tracker_and_web_font_are_flagged(browser, corpus):
    result = auditing.page_result(browser.audit(corpus.url("/tracker")))
    findings = {f["code"]: f for f in result["findings"]}
    assert findings["trackers"]["items"] == ["localhost"]
    assert "web_fonts" in findings


def test_uncompressed_uncached_script_and_oversized_image_are_flagged(browser, corpus):
    result = auditing.page_result(browser.audit(corpus.url("/practices")))
    findings = {f["code"]: f for f in result["findings"]}
    assert findings["compression"]["items"] == [corpus.url("/static/app.js")]
    assert corpus.url("/static/app.js") in findings["cache"]["items"]
    assert findings["image_oversize"]["items"] == [corpus.url("/img/big-0.png")]
    assert result["weight_by_type"]["image"]["count"] == 1


def test_every_measure_records_its_provenance(browser, corpus):
    provenance = browser.audit(corpus.url("/light")).provenance
    assert provenance["viewport"] == {"width": 1280, "height": 720}
    assert provenance["user_agent"].startswith("ParvisBot/1.0")
    assert provenance["axe_core"] >= "4.14" and provenance["browser"].startswith("Chromium")
    assert provenance["wait_before_scroll_s"] == 0.1 and provenance["timeout_s"] == 15


@pytest.mark.parametrize(
    ("path", "code", "words"),
    [
        ("/loop", "redirect_loop", "redirige en boucle"),
        ("/never", "timeout", "n'a pas fini de se charger"),
        ("/hang", "timeout", "n'a pas fini de se charger"),
        ("/missing", "http_status", "erreur HTTP 404"),
        ("/document.pdf", "not_html", "« application/pdf »"),
        ("/huge", "too_heavy", "50,0 Mo, au-delà de la limite de 20,0 Mo"),
    ],
)
def test_bad_pages_fail_with_a_clear_french_message(impatient_browser, corpus, path, code, words):
    with pytest.raises(AuditError) as error:
        impatient_browser.audit(corpus.url(path))
    assert error.value.code == code
    assert words in error_message(error.value.code, error.value.params)


def test_a_tls_error_is_explained(browser, corpus):
    with pytest.raises(AuditError) as error:
        browser.audit(corpus.tls_url("/light"))
    assert "connexion sécurisée" in error_message(error.value.code, error.value.params)


def test_a_failed_page_does_not_affect_the_next_audit(impatient_browser, corpus):
    with pytest.raises(AuditError):
        impatient_browser.audit(corpus.url("/never"))
    assert impatient_browser.audit(corpus.url("/light")).ecoindex.grade == "A"


def test_in_production_the_browser_itself_refuses_private_addresses(corpus, settings):
    """Beyond the pre-flight check, every request the page makes goes through the SSRF guard."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from parvis.footprint.lib.browser import Browser

    config = auditing.config(allow_private_override=False)

    async def render_without_preflight():
        async with Browser(config) as browser:
            context = await browser._browser.new_context()
            try:
                await browser._render(context, corpus.url("/light"))
            finally:
                await context.close()

    with pytest.raises(AuditError) as error, ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, render_without_preflight()).result()
    assert error.value.code == "private_address"
    assert "réseau privé ou local" in error_message(error.value.code, error.value.params)
