"""The instance's own site follows PARVIS_PUBLIC_URL, may be audited as its own origin (and only it), and
grades are shown on their A–G scale; a failed audit says so in French."""

import io

import pytest

from parvis.footprint import demo
from parvis.footprint.auditing import is_own_origin
from parvis.footprint.models import Site, SiteAudit

pytestmark = pytest.mark.django_db


@pytest.fixture
def gpsea(referentiel, org):
    return org


def test_the_instance_site_is_registered_at_the_public_url(settings, gpsea):
    settings.PARVIS_PUBLIC_URL = "http://127.0.0.1:8111/"
    demo.load(io.StringIO())
    assert Site.objects.get(is_instance=True).url == "http://127.0.0.1:8111/"


def test_another_public_url_updates_the_instance_site_instead_of_adding_one(settings, gpsea):
    settings.PARVIS_PUBLIC_URL = "http://127.0.0.1:8111/"
    demo.load(io.StringIO())
    settings.PARVIS_PUBLIC_URL = "https://parvis.example.org/"
    demo.load(io.StringIO())
    assert list(Site.objects.filter(is_instance=True).values_list("url", flat=True)) == [
        "https://parvis.example.org/"
    ]


def test_only_the_instances_own_origin_counts_as_its_own(settings):
    settings.PARVIS_PUBLIC_URL = "http://127.0.0.1:8111/"
    assert is_own_origin("http://127.0.0.1:8111/aide/")
    assert not is_own_origin("http://127.0.0.1:8000/")
    assert not is_own_origin("http://192.168.1.10:8111/")
    assert not is_own_origin("https://127.0.0.1:8111/")


@pytest.fixture
def site(gpsea):
    return Site.objects.create(
        name="Créteil",
        territory_kind="commune",
        territory_code="94028",
        url="https://creteil.example/",
        ranking_public=True,
    )


def test_a_grade_is_shown_on_its_a_to_g_scale(client, site):
    SiteAudit.objects.create(site=site, status="done", score=55, grade="C", pages_done=3, pages_total=3)
    body = client.get(f"/sobriete/sites/{site.pk}/").text
    assert 'aria-label="note C sur une échelle de A (la plus sobre) à G (la plus lourde)"' in body
    assert body.count('class="grade-step') >= 7 and "grade-c grade-current" in body


def test_a_failed_audit_is_said_in_french(client, site):
    SiteAudit.objects.create(
        site=site, status="failed", error_code="private_address", error_params={"url": site.url}
    )
    body = client.get(f"/sobriete/sites/{site.pk}/").text
    assert "Le dernier audit a échoué." in body and "Audit échec" not in body
