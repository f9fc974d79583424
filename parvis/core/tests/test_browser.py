"""The foundation seen through a real browser: Debian's Chromium driven by Playwright, axe-core injected."""

from urllib.parse import urljoin, urlparse

import pytest

from conftest import assert_no_axe_violations, screenshot
from parvis.accounts.models import LoginFailure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SKIPPED_PREFIXES = (
    "/api/",
    "/static/",
    "/compte/deconnexion/",
    "/compte/mes-donnees/",
    "/healthz",
    "/readyz",
)
MAX_PAGES = 80


def _log_in(page, email):
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/compte/")


def _internal_links(page, base_url) -> set[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    found = set()
    for href in hrefs:
        url = urlparse(urljoin(page.url, href))
        if url.netloc == urlparse(base_url).netloc and not url.path.startswith(SKIPPED_PREFIXES):
            found.add(url.path + (f"?{url.query}" if url.query else ""))
    return found


def _crawl_and_check(page, start="/"):
    seen, queue = set(), [start]
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        probe = page.request.get(path)  # same cookies; downloads and JSON are checked without navigating
        assert probe.status < 500, f"{path} answered {probe.status}"
        if "text/html" not in (probe.headers.get("content-type") or ""):
            continue
        response = page.goto(path)
        assert response.status < 500, f"{path} answered {response.status}"
        assert_no_axe_violations(page)
        queue.extend(sorted(_internal_links(page, page.base_url) - seen))
    return seen


def test_home_page_renders_without_axe_violations(browser_page):
    browser_page.goto("/")
    assert browser_page.locator("h1").first.is_visible()
    assert browser_page.locator("html").get_attribute("lang") == "fr"
    assert_no_axe_violations(browser_page)
    screenshot(browser_page, "accueil")


def test_skip_link_is_the_first_focusable_element_and_leads_to_the_content(browser_page):
    browser_page.goto("/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent")
    assert focused == "Aller au contenu"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("location.hash") == "#contenu"


def test_every_page_reachable_anonymously_has_zero_axe_violations(browser_page, users):
    visited = _crawl_and_check(browser_page)
    assert {"/", "/accessibilite/", "/plan-du-site/", "/compte/connexion/"} <= visited


@pytest.mark.parametrize(
    ("role", "sees", "does_not_see"),
    [
        ("admin", "Administration de l'instance", "Grand Paris Sud Est Avenir"),
        ("gestionnaire", "Grand Paris Sud Est Avenir", "Journal des actions sensibles de l'instance"),
        ("contributeur", "Contributeur", "Journal des actions sensibles de l'instance"),
        ("partenaire", "Médiathèques partenaires", "Grand Paris Sud Est Avenir"),
        ("citoyen", "Vous n'êtes membre d'aucune organisation", "Journal des actions sensibles"),
    ],
)
def test_each_role_logs_in_and_sees_what_it_may(browser_page, users, role, sees, does_not_see):
    _log_in(browser_page, users[role].email)
    body = browser_page.locator("main").inner_text()
    assert sees in body
    assert does_not_see not in body
    assert_no_axe_violations(browser_page)
    _crawl_and_check(browser_page, "/compte/")


def test_the_gestionnaire_organisation_pages_have_zero_axe_violations(browser_page, users):
    _log_in(browser_page, users["gestionnaire"].email)
    for path in ("/compte/organisations/gpsea/", "/compte/organisations/gpsea/journal/"):
        browser_page.goto(path)
        assert_no_axe_violations(browser_page)


def test_the_site_works_without_javascript(browser_context_factory, users):
    page = browser_context_factory(java_script_enabled=False).new_page()
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(users["citoyen"].email)
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/compte/")
    assert "Mon compte" in page.locator("h1").inner_text()


def test_a_tenth_wrong_password_shows_the_delay_message_in_the_browser(browser_page, users):
    # Nine failures already recorded from this address: the growing delay (16 s) cannot expire while the
    # browser types, whatever the machine's speed (the wait after five failures is only one second).
    email = users["citoyen"].email
    LoginFailure.objects.bulk_create(LoginFailure(email=email, ip_address="127.0.0.1") for _ in range(9))
    browser_page.goto("/compte/connexion/")
    browser_page.get_by_label("Adresse électronique").fill(email)
    browser_page.get_by_label("Mot de passe").fill("mauvais")
    with browser_page.expect_navigation():
        browser_page.get_by_role("button", name="Se connecter").click()
    assert "Trop de tentatives de connexion échouées" in browser_page.locator("[role=alert]").inner_text()
    assert_no_axe_violations(browser_page)
