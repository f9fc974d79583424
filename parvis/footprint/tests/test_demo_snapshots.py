"""The sobriety demo shows a real ranking on first run: each GPSEA site is registered with a generated snapshot
that the instance serves itself, its first audit is queued, and the real audit engine measures it. Pages say
the figures come from mock-ups; without Chromium nothing is queued and the reason is said in French."""

import io

import pytest
from django.test import Client

from parvis.footprint import demo
from parvis.footprint.models import Site, SiteAudit
from parvis.footprint.services import run_audit
from parvis.footprint.snapshots import PROFILES

pytestmark = pytest.mark.django_db


@pytest.fixture
def gpsea(referentiel, org):
    return org


@pytest.fixture
def noiseau(gpsea):
    return Site.objects.create(
        name="Noiseau",
        territory_kind="commune",
        territory_code="94053",
        url="https://www.noiseau.fr/",
        ranking_public=True,
        demo_snapshot=True,
    )


def test_every_demo_site_but_the_instance_is_a_snapshot_with_its_first_audit_queued(settings, gpsea):
    out = io.StringIO()
    demo.load(out)
    demo.load(out)  # a second start queues nothing more
    snapshots = Site.objects.filter(demo_snapshot=True)
    assert snapshots.count() == len(demo.SITES) == 17
    assert set(snapshots.values_list("territory_code", flat=True)) == set(PROFILES)
    assert not Site.objects.get(is_instance=True).demo_snapshot
    assert SiteAudit.objects.filter(status="queued").count() == 18
    assert "18 audits en file" in out.getvalue()


def test_without_chromium_no_audit_is_queued_and_the_reason_is_said_in_french(settings, gpsea, client):
    settings.PARVIS_CHROMIUM = "/nonexistent/chromium"
    out = io.StringIO()
    demo.load(out)
    assert not SiteAudit.objects.exists()
    assert "Le navigateur Chromium est absent de ce serveur (/nonexistent/chromium)" in out.getvalue()
    body = client.get("/sobriete/").text
    assert "Le navigateur Chromium est absent de ce serveur" in body
    assert "ne sont pas les sites réels des collectivités" in body


def test_an_audit_without_chromium_fails_with_a_french_message(settings, noiseau, client):
    settings.PARVIS_CHROMIUM = "/nonexistent/chromium"
    audit = run_audit(SiteAudit.objects.create(site=noiseau).pk)
    assert (audit.status, audit.error_code) == ("failed", "no_browser")
    body = client.get(f"/sobriete/sites/{noiseau.pk}/").text
    assert "Le dernier audit a échoué." in body and "Installez-le (paquet Debian « chromium »" in body


@pytest.mark.parametrize("role", [None, "citoyen", "gestionnaire"])
def test_a_snapshot_is_public_and_says_it_is_a_mock_up(noiseau, users, role):
    client = Client()
    if role:
        client.force_login(users[role])
    home = client.get("/sobriete/maquettes/94053/")
    assert home.status_code == 200 and home["X-Robots-Tag"] == "noindex, nofollow"
    text = home.text
    assert "Maquette de démonstration générée par Parvis : ce n'est pas le site de Noiseau." in text
    assert text.count("<article>") == PROFILES["94053"].news
    statement = client.get("/sobriete/maquettes/94053/accessibilite/").text
    assert "Accessibilité : totalement conforme." in statement and "schéma pluriannuel" in statement
    assert client.get("/sobriete/maquettes/94053/actualites/").status_code == 200


def test_snapshot_files_have_their_profile_weight_and_never_change(noiseau, client):
    profile = PROFILES["94053"]
    photo = client.get("/sobriete/maquettes/94053/photo-1.png")
    assert photo["Content-Type"] == "image/png" and photo.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert abs(len(photo.content) - profile.image_kb * 1000) < 2000
    assert client.get("/sobriete/maquettes/94053/photo-1.png").content == photo.content
    css = client.get("/sobriete/maquettes/94053/style.css")
    assert css["Content-Type"].startswith("text/css") and len(css.content) >= profile.css_kb * 1000


def test_no_snapshot_is_served_for_a_site_that_is_not_a_demo_snapshot(gpsea, noiseau, client):
    Site.objects.create(
        name="Santeny", territory_kind="commune", territory_code="94070", url="https://www.santeny.fr/"
    )
    assert client.get("/sobriete/maquettes/94070/").status_code == 404  # real site, no snapshot
    assert client.get("/sobriete/maquettes/99999/").status_code == 404  # no profile
    assert client.get("/sobriete/maquettes/94053/photo-2.png").status_code == 404  # beyond the profile
    assert client.get("/sobriete/maquettes/94053/script-1.js").status_code == 404


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_audit_engine_ranks_the_snapshots_by_what_it_measures(live_server, fast_audits, referentiel, org):
    """Two snapshots audited for real through the live server: the light one ranks first, the heavy one
    without text alternatives carries accessibility violations; the ranking page marks both as mock-ups."""
    fast_audits.PARVIS_PUBLIC_URL = live_server.url + "/"
    demo.load(io.StringIO(), queue_audits=False)
    light, heavy = Site.objects.get(territory_code="94053"), Site.objects.get(territory_code="94028")
    done = {site.territory_code: run_audit(SiteAudit.objects.create(site=site).pk) for site in (light, heavy)}
    assert [audit.status for audit in done.values()] == ["done", "done"], [
        audit.error_message for audit in done.values()
    ]
    assert done["94053"].pages_done == 3  # home, accessibility statement and news, all on the instance
    assert done["94053"].grade == "A" and done["94053"].score > done["94028"].score
    assert done["94028"].violations > 0 and done["94053"].violations == 0
    assert done["94053"].declarative["conformity"] == "totalement"
    assert done["94053"].declarative["multi_year_plan"]
    body = Client().get("/sobriete/").text
    ranked = body.index("Noiseau"), body.index("Créteil")
    assert ranked[0] < ranked[1]
    assert body.count('<span class="badge">maquette</span>') >= 2


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("js", [False, True])
def test_a_snapshot_site_page_fits_a_phone_and_says_it_is_a_mock_up(
    browser_context_factory, referentiel, org, js
):
    """360 px wide, with and without JavaScript: the long snapshot addresses wrap instead of widening the page."""
    from conftest import assert_no_axe_violations

    site = Site.objects.create(
        name="Le Plessis-Trévise",
        territory_kind="commune",
        territory_code="94059",
        url="https://www.leplessistrevise.fr/",
        ranking_public=True,
        demo_snapshot=True,
    )
    audit = SiteAudit.objects.create(
        site=site, status="done", score=44, grade="D", pages_done=1, pages_total=1
    )
    long_url = "http://127.0.0.1:8000/sobriete/maquettes/94059/accessibilite-et-schema-pluriannuel/"
    audit.pages.create(position=0, url=long_url, ok=True, score=44, grade="D", nodes=1083, requests=30)
    audit.worst = [long_url]
    audit.save()
    page = browser_context_factory(viewport={"width": 360, "height": 740}, java_script_enabled=js).new_page()
    page.goto(f"/sobriete/sites/{site.pk}/")
    assert "pas le site réel du Plessis-Trévise" in page.locator("main").inner_text()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    if js:  # axe-core is injected as a script: it cannot run where JavaScript is off
        assert_no_axe_violations(page)
