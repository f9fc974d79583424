"""Demo snapshots of the GPSEA websites: which mock site stands for which collectivité, and where the instance
serves it. The profiles are invented (see docs/data-sources.md): they give the demo a ranking measured by the
real audit engine, and every page showing their figures says they come from a mock-up, not the real site."""

from urllib.parse import urljoin

from django.conf import settings
from django.urls import reverse

from parvis.footprint.lib.snapshot import Profile

# Code INSEE / SIREN → profile, from light to heavy. Invented figures in the range of collectivités' sites.
PROFILES = {
    "94053": Profile(8, 1, 25, 0, 0, 6, statement="totalement", multiyear_plan=True),
    "94070": Profile(15, 2, 35, 1, 15, 10, statement="partiellement", multiyear_plan=True),
    "94056": Profile(40, 5, 70, 2, 40, 25, statement="partiellement"),
    "94060": Profile(50, 6, 80, 3, 50, 30, missing_alt=True, statement="non"),
    "94055": Profile(60, 8, 60, 3, 60, 30, statement="partiellement", multiyear_plan=True),
    "94048": Profile(80, 10, 90, 4, 80, 40, unlabelled_search=True),
    "94004": Profile(100, 12, 100, 5, 90, 50, statement="non"),
    "94047": Profile(110, 12, 120, 6, 100, 60, missing_alt=True, statement="partiellement"),
    "94075": Profile(120, 14, 110, 6, 110, 60, statement="partiellement"),
    "94019": Profile(150, 16, 120, 8, 120, 80, missing_alt=True, unlabelled_search=True),
    "94059": Profile(170, 18, 120, 9, 130, 90, statement="non"),
    "94071": Profile(190, 18, 120, 10, 140, 100, statement="partiellement", multiyear_plan=True),
    "94011": Profile(200, 20, 120, 10, 150, 110, missing_alt=True, statement="non"),
    "94044": Profile(250, 22, 130, 12, 160, 120, unlabelled_search=True, statement="non"),
    "94002": Profile(280, 24, 130, 14, 170, 130, statement="partiellement"),
    "94028": Profile(320, 26, 140, 16, 180, 140, missing_alt=True, statement="partiellement"),
    "200058006": Profile(420, 30, 140, 20, 200, 160, missing_alt=True, unlabelled_search=True),
}


def profile(code: str) -> Profile | None:
    return PROFILES.get(code)


def snapshot_url(code: str) -> str:
    """Absolute address of a snapshot's home page on this instance (follows PARVIS_PUBLIC_URL)."""
    return urljoin(settings.PARVIS_PUBLIC_URL, reverse("footprint:snapshot", args=[code]))
