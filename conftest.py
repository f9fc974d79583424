"""Shared fixtures: organisations, one user per role, clients, and the real-browser helpers."""

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
ROLES = ("admin", "gestionnaire", "contributeur", "partenaire", "citoyen")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    if os.environ.get("PARVIS_SKIP_BROWSER"):
        skip = pytest.mark.skip(reason="tests navigateur : passe SQLite seulement")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and layout fragments live in caches: each test starts with none."""
    from django.core.cache import caches

    for backend in caches.all():
        backend.clear()
    yield


@pytest.fixture
def org(db):
    from parvis.accounts.models import Organisation
    from parvis.accounts.roles import OrganisationKind

    return Organisation.objects.create(
        name="Grand Paris Sud Est Avenir",
        slug="gpsea",
        kind=OrganisationKind.COLLECTIVITE,
        territory_code="ept:200058006",
    )


@pytest.fixture
def partner_org(db):
    from parvis.accounts.models import Organisation
    from parvis.accounts.roles import OrganisationKind

    return Organisation.objects.create(
        name="Médiathèques partenaires", slug="mediatheques", kind=OrganisationKind.PARTENAIRE
    )


@pytest.fixture
def other_org(db):
    from parvis.accounts.models import Organisation
    from parvis.accounts.roles import OrganisationKind

    return Organisation.objects.create(
        name="Creuse Grand Sud", slug="creuse-grand-sud", kind=OrganisationKind.COLLECTIVITE
    )


@pytest.fixture
def users(db, org, partner_org):
    """One user per role: admin (instance), gestionnaire and contributeur of `org`, partenaire of
    `partner_org`, and a citizen without membership. Every password is 'motdepasse-de-test'."""
    from parvis.accounts.models import Membership, User
    from parvis.accounts.roles import Role

    made = {}
    for role in ROLES:
        made[role] = User.objects.create_user(
            email=f"{role}@test.parvis.local",
            password="motdepasse-de-test",
            email_verified=True,
            postcode="94000",
        )
    made["admin"].is_superuser = made["admin"].is_staff = True
    made["admin"].save()
    Membership.objects.create(user=made["gestionnaire"], organisation=org, role=Role.GESTIONNAIRE)
    Membership.objects.create(user=made["contributeur"], organisation=org, role=Role.CONTRIBUTEUR)
    Membership.objects.create(user=made["partenaire"], organisation=partner_org, role=Role.PARTENAIRE)
    return made


@pytest.fixture
def client_as(users, client):
    """`client_as("gestionnaire")` is a test client logged in with that role; `client_as("anonyme")` is not."""
    from django.test import Client

    def make(role: str):
        if role == "anonyme":
            return Client()
        logged = Client()
        logged.force_login(users[role])
        return logged

    return make


# --- Real browser (Playwright driving Debian's Chromium) -------------------------------------------


@pytest.fixture(scope="session")
def _playwright_browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} est absent : lancez `make test`, qui l'installe (apt-get install chromium).")
    # Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(_playwright_browser, live_server):
    """A fresh page (own cookies) with `page.base_url` set to the live server."""
    context = _playwright_browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 800}
    )
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def browser_context_factory(_playwright_browser, live_server):
    """Makes extra contexts, e.g. with JavaScript disabled: `browser_context_factory(java_script_enabled=False)`."""
    contexts = []

    def make(**options):
        options.setdefault("base_url", live_server.url)
        options.setdefault("locale", "fr-FR")
        context = _playwright_browser.new_context(**options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def axe_violations(page, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")) -> list[dict]:
    """Runs axe-core in the page; returns the violations as {id, impact, help, nodes} dicts."""
    if not AXE.exists():
        pytest.fail("axe-core est absent : lancez `make test` (npm ci installe node_modules/axe-core).")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, so the page's strict CSP does not block it.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags)
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


def assert_no_axe_violations(page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {json.dumps(violations, ensure_ascii=False, indent=1)}"


def screenshot(page, name: str, full_page: bool = True) -> Path | None:
    """Writes docs/screenshots/NAME.png only when asked (`make screenshots`), so a test run leaves the
    tracked pictures alone."""
    if not os.environ.get("PARVIS_SCREENSHOTS"):
        return None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


@pytest.fixture
def axe():
    """The axe helpers as a fixture, for tests that prefer not to import conftest."""

    class Axe:
        violations = staticmethod(axe_violations)
        assert_clean = staticmethod(assert_no_axe_violations)
        screenshot = staticmethod(screenshot)

    return Axe
