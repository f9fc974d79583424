"""The demo loads a full GPSEA consultation, once."""

import io

import pytest

from parvis.participation import demo
from parvis.participation.models import Contribution, Process

pytestmark = pytest.mark.django_db


def test_demo_loads_every_component_and_is_idempotent(users):
    out = io.StringIO()
    demo.load(out)
    process = Process.objects.get(slug=demo.SLUG)
    assert process.questions.count() == 3 and process.proposals.count() == len(demo.PROPOSALS)
    assert process.meetings.count() == 2 and process.budget_projects.count() == len(demo.BUDGET)
    assert Contribution.objects.filter(process=process, channel="papier").exists()
    assert all(b.total <= process.budget_ceiling for b in process.ballots.all())
    assert 3 <= process.syntheses.get().themes.count() <= 40
    imported = Process.objects.get(slug=demo.IMPORTED_SLUG)
    assert imported.contributions.count() == 200 and imported.syntheses.exists()
    demo.load(out)
    assert Process.objects.filter(slug=demo.SLUG).count() == 1 and process.syntheses.count() == 1
    assert "déjà chargée" in out.getvalue()
