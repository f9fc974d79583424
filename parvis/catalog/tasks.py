"""Background tasks of the catalogue (Django tasks, run by ``parvis worker``)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.tasks import task
from django.tasks.backends.immediate import ImmediateBackend

from parvis.catalog.models import ImportJob
from parvis.catalog.services import expire_stale_imports
from parvis.catalog.services.imports import execute
from parvis.core.periodic import periodic


@task()
def run_import(job_id: int) -> str:
    job = ImportJob.objects.select_related("version__resource__dataset").get(pk=job_id)
    return execute(job).status


@periodic(every=timedelta(minutes=2))
@task()
def fail_abandoned_imports() -> int:
    """Marks failed, with a French reason, the imports whose task the queue gave up on, so their page says
    so even if nobody opens it."""
    return expire_stale_imports()


def enqueue_import(sender, *, job, **kwargs) -> None:
    """Receiver of ``import_requested``: queue the import once the job row is committed (at once with the
    immediate test backend)."""

    def enqueue() -> None:
        result = run_import.enqueue(job.pk)
        type(job).objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])

    if isinstance(run_import.get_backend(), ImmediateBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)
