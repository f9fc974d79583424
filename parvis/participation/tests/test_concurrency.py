"""Fairness under concurrent requests: 50 threads, each with its own database connection (PostgreSQL)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from parvis.participation import services
from parvis.participation.models import Ballot, Meeting, Registration, Support
from parvis.participation.services import ParticipationError

ATTEMPTS = 50
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrence réelle : passe PostgreSQL"),
]


def run_concurrently(action, count=ATTEMPTS) -> list[str]:
    """Runs ``action(i)`` in ``count`` threads released together; returns "ok" or the error per attempt."""
    barrier = threading.Barrier(count)
    outcomes = [""] * count

    def worker(i):
        try:
            barrier.wait()
            action(i)
            outcomes[i] = "ok"
        except ParticipationError as exc:
            outcomes[i] = str(exc)
        except Exception as exc:  # an unexpected error must fail the test, with its type
            outcomes[i] = f"{type(exc).__name__}: {exc}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_fifty_concurrent_supports_by_one_person_give_exactly_one(proposal, users):
    outcomes = run_concurrently(lambda i: services.support(proposal=proposal, user=users["gestionnaire"]))
    assert outcomes.count("ok") == 1
    assert outcomes.count("Vous soutenez déjà cette proposition.") == ATTEMPTS - 1
    proposal.refresh_from_db()
    assert Support.objects.filter(proposal=proposal).count() == 1 == proposal.supports_count


def test_fifty_concurrent_budget_votes_keep_one_ballot_within_the_ceiling(process, users):
    projects = list(process.budget_projects.order_by("cost").values_list("pk", "cost"))
    choices = [[pk for pk, _ in projects[: 1 + i % len(projects)]] for i in range(ATTEMPTS)]
    outcomes = run_concurrently(
        lambda i: services.vote_budget(process=process, user=users["citoyen"], project_ids=choices[i])
    )
    assert outcomes.count("ok") == 1
    assert all(o == "ok" or "déjà voté" in o or "plafond" in o for o in outcomes), outcomes
    ballot = Ballot.objects.get(process=process)
    assert ballot.total <= process.budget_ceiling
    assert sum(p.cost for p in ballot.projects.all()) == ballot.total


def test_fifty_people_registering_at_once_never_exceed_the_capacity(process, make_citizen):
    meeting = Meeting.objects.create(
        process=process,
        title="Atelier",
        starts_at=timezone.now() + timedelta(days=1),
        place="Créteil",
        capacity=10,
    )
    people = [make_citizen(i) for i in range(ATTEMPTS)]
    outcomes = run_concurrently(lambda i: services.register(meeting=meeting, user=people[i]))
    assert outcomes.count("ok") == 10
    assert Registration.objects.filter(meeting=meeting).count() == 10
