"""Fixtures of the participation tests: a GPSEA process with a questionnaire, proposals and a budget."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def process(org):
    from parvis.participation.models import BudgetProject, Process, Question

    today = timezone.localdate()
    p = Process.objects.create(
        organisation=org,
        title="Mobilités de demain",
        slug="mobilites",
        territory_kind="epci",
        territory_code="200058006",
        territory_label="Grand Paris Sud Est Avenir",
        postcodes="94000, 94370, 94440",
        starts_on=today - timedelta(days=10),
        ends_on=today + timedelta(days=20),
        support_threshold=3,
        budget_ceiling=100_000,
    )
    Question.objects.create(process=p, position=1, kind="ouverte", text="Que faudrait-il améliorer ?")
    Question.objects.create(
        process=p, position=2, kind="fermee", text="Utilisez-vous le vélo ?", choices=["Oui", "Non"]
    )
    for title, cost in (("Pistes cyclables", 60_000), ("Jardin partagé", 30_000), ("Abris vélos", 20_000)):
        BudgetProject.objects.create(process=p, title=title, cost=cost)
    return p


@pytest.fixture
def questions(process):
    return {q.kind: q for q in process.questions.all()}


@pytest.fixture
def proposal(process, users):
    from parvis.participation.models import Proposal

    return Proposal.objects.create(
        process=process,
        author=users["citoyen"],
        title="Une piste cyclable rue de Paris",
        body="Relier la gare au centre par une piste cyclable protégée.",
    )


@pytest.fixture
def make_citizen(db):
    from parvis.accounts.models import User

    def make(n: int, **extra):
        fields = {"email_verified": True, "postcode": "94000", **extra}
        return User.objects.create_user(
            email=f"habitant{n}@test.parvis.local", password="motdepasse-de-test", **fields
        )

    return make
