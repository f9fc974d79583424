"""Fixtures of the footprint tests: the local page corpus, fast audit settings, sites, results."""

import pytest

from parvis.footprint.tests.corpus import Corpus
from parvis.territory.testing import referentiel  # noqa: F401  (fixture)


@pytest.fixture(scope="session")
def corpus():
    with Corpus() as served:
        yield served


@pytest.fixture
def fast_audits(settings):
    """Short waits, private addresses allowed (the corpus is on 127.0.0.1). The timeout stays
    generous so that a loaded CI machine does not turn a slow page into a failure."""
    settings.PARVIS_FOOTPRINT_WAIT = 0.1
    settings.PARVIS_FOOTPRINT_TIMEOUT = 15
    settings.PARVIS_FOOTPRINT_DELAY = 0
    settings.PARVIS_FOOTPRINT_ALLOW_PRIVATE = True
    settings.PARVIS_FOOTPRINT_MAX_PAGES = 10
    return settings


@pytest.fixture
def make_site(db, org):
    from parvis.footprint.models import Site

    def make(
        url="https://www.ville-creteil.fr/",
        *,
        name="Créteil",
        population=92_000,
        kind="commune",
        code="94028",
        public=True,
        organisation=org,
    ):
        return Site.objects.create(
            organisation=organisation,
            name=name,
            territory_kind=kind,
            territory_code=code,
            population=population,
            url=url,
            ranking_public=public,
        )

    return make


RESULT = {
    "nodes": 1500,
    "requests": 90,
    "size_kb": 2500.0,
    "score": 38,
    "grade": "E",
    "ges": 2.24,
    "water": 3.36,
    "violations": [
        {
            "rule": "image-alt",
            "impact": "critical",
            "help": "Les images doivent avoir un texte alternatif",
            "criteria": ["1.1.1"],
            "count": 2,
            "nodes": [{"target": "img.logo"}],
        }
    ],
    "violations_count": 2,
    "findings": [],
    "weight_by_type": {"image": {"count": 40, "bytes": 2_000_000}, "html": {"count": 1, "bytes": 30_000}},
    "declarative": {"statement_url": "", "conformity": "", "multi_year_plan": False},
    "recommendations": [
        {
            "code": "image_format",
            "theme": "sobriete",
            "points": 9,
            "gain_bytes": 1_200_000,
            "gain_requests": 0,
            "examples": ["https://www.ville-creteil.fr/photo.jpg"],
            "count": 1,
            "references": ["RGESN 5.1"],
        },
        {
            "code": "axe",
            "theme": "accessibilite",
            "points": 0,
            "gain_bytes": 0,
            "gain_requests": 0,
            "examples": ["img.logo"],
            "count": 2,
            "references": ["RGAA 1.1.1"],
            "rule": "image-alt",
            "impact": "critical",
            "help": "Les images doivent avoir un texte alternatif",
        },
        {
            "code": "statement",
            "theme": "accessibilite",
            "points": 0,
            "gain_bytes": 0,
            "gain_requests": 0,
            "examples": [],
            "count": 0,
            "references": ["Loi 2005-102 art. 47"],
        },
    ],
    "provenance": {
        "browser": "Chromium 156",
        "viewport": {"width": 1280, "height": 720},
        "user_agent": "ParvisBot/1.0",
    },
}


@pytest.fixture
def audited(make_site):
    """A factory: a site with a finished audit of one page (stored result, no browser)."""
    from parvis.footprint import auditing
    from parvis.footprint.lib.ecoindex import grade
    from parvis.footprint.models import PageAudit, SiteAudit

    def make(score=38, **site_options):
        site = make_site(**site_options)
        audit = SiteAudit.objects.create(site=site, status=SiteAudit.Status.DONE, pages_total=1, pages_done=1)
        PageAudit.objects.create(
            audit=audit, url=site.url, ok=True, **(RESULT | {"score": score, "grade": grade(score)})
        )
        auditing.summarise(audit)
        audit.save()
        return site

    return make


@pytest.fixture
def run_now(users, django_capture_on_commit_callbacks):
    """Request an audit and run its background task right away (immediate backend)."""
    from parvis.footprint import services

    def run(site):
        with django_capture_on_commit_callbacks(execute=True):
            audit = services.request_audit(actor=users["admin"], site=site)
        audit.refresh_from_db()
        return audit

    return run
