"""Background work of the platform itself: the queueing helper every app's ``tasks.py`` uses, and the
periodic housekeeping run by ``parvis worker``."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.tasks import task
from django.tasks.backends.immediate import ImmediateBackend

from parvis.core.periodic import periodic

FINISHED_TASKS_KEPT = "30d"


def enqueue_after_commit(job, *args) -> None:
    """Queues `job` once the current transaction is committed, so the worker finds the rows it reads.

    The immediate backend (tests) runs at once: tests wrap each one in a transaction that is never committed.
    """
    if isinstance(job.get_backend(), ImmediateBackend):
        job.enqueue(*args)
    else:
        transaction.on_commit(lambda: job.enqueue(*args))


@periodic(every=timedelta(days=1))
@task()
def prune_finished_tasks() -> str:
    """Deletes the rows of background tasks that succeeded more than 30 days ago (failed ones are kept:
    they hold the reason of each attempt)."""
    report = StringIO()
    call_command("ox_prune", "--older-than", FINISHED_TASKS_KEPT, stdout=report)
    return report.getvalue()[-500:]
