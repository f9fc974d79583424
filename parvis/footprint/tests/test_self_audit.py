"""Parvis as the example: every public page of the demo scores EcoIndex A (> 80) with no axe violation."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(referentiel, fast_audits):
    from parvis.accounts import demo as accounts_demo
    from parvis.footprint import demo as footprint_demo

    accounts_demo.load(StringIO())
    footprint_demo.load(StringIO(), queue_audits=False)


def test_every_public_page_of_the_demo_is_grade_a_without_axe_violation(live_server, demo):
    """`parvis footprint self-audit URL --json` on the live server; pages come from the URL resolver."""
    out = StringIO()
    try:
        call_command("footprint", "self-audit", live_server.url, "--json", stdout=out)
    except CommandError:
        pass  # the rows below say which pages fail
    rows = json.loads(out.getvalue())
    assert live_server.url + "/sobriete/" in [row["url"] for row in rows]
    assert len(rows) >= 5
    failing = [row for row in rows if "error" in row or row["score"] <= 80 or row["violations"]]
    assert failing == []


@pytest.fixture
def full_demo(settings, tmp_path, referentiel, fast_audits):
    """Every module's demo, as `parvis demo` loads it, without queueing the sobriety audits (the test runs the
    audits it needs itself)."""
    from parvis.core.management.commands.demo import demo_modules

    settings.PARVIS_DATA_DIR = tmp_path
    for app, module in demo_modules():
        if app == "footprint":
            module.load(StringIO(), queue_audits=False)
        else:
            module.load(StringIO())


def test_every_page_reached_from_the_public_pages_is_grade_a_without_axe_violation(live_server, full_demo):
    """The crawl reaches pages with parameters (a help place, a dataset and its resource, a process, its
    results and synthesis, a meeting, a proposal, a territory, an indicator…), one page per route."""
    out = StringIO()
    try:
        call_command(
            "footprint",
            "self-audit",
            live_server.url,
            "--json",
            "--crawl",
            "--seed",
            "/aide/?lieu=Cr%C3%A9teil",
            stdout=out,
        )
    except CommandError:
        pass  # the rows below say which pages fail
    rows = json.loads(out.getvalue())
    paths = [row["url"].removeprefix(live_server.url) for row in rows]
    for reached in ("/aide/lieux/", "/participation/", "/donnees/", "/territoires/", "/observatoire/"):
        assert any(path.startswith(reached) and path.count("/") > 3 for path in paths), reached
    failing = [row for row in rows if "error" in row or row["score"] <= 80 or row["violations"]]
    assert failing == []
