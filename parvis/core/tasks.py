"""Periodic housekeeping of the platform itself (run by ``parvis worker``)."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.tasks import task

from parvis.core.periodic import periodic

FINISHED_TASKS_KEPT = "30d"


@periodic(every=timedelta(days=1))
@task()
def prune_finished_tasks() -> str:
    """Deletes the rows of background tasks that succeeded more than 30 days ago (failed ones are kept:
    they hold the reason of each attempt)."""
    report = StringIO()
    call_command("ox_prune", "--older-than", FINISHED_TASKS_KEPT, stdout=report)
    return report.getvalue()[-500:]
