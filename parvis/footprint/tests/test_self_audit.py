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
