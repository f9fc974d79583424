"""Background tasks of the participation app (Django tasks, run by ``parvis worker``)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.tasks import task
from django.tasks.backends.immediate import ImmediateBackend

from parvis.participation.models import Process
from parvis.participation.services import opendata, synthesis


@task()
def run_synthesis(process_id: int, actor_id: int | None, n_themes: int | None = None) -> int:
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    return synthesis.run(process=Process.objects.get(pk=process_id), actor=actor, n_themes=n_themes).version


@task()
def run_import(report_id: int, path: str) -> str:
    return opendata.finish_grand_debat_import(report_id, path).status


def _enqueue_after_commit(job, *args) -> None:
    """Queue once the current transaction is committed (at once with the immediate test backend)."""
    if isinstance(job.get_backend(), ImmediateBackend):
        job.enqueue(*args)
    else:
        transaction.on_commit(lambda: job.enqueue(*args))


def enqueue_synthesis(process, actor, n_themes: int | None = None) -> None:
    _enqueue_after_commit(run_synthesis, process.pk, getattr(actor, "pk", None), n_themes)


def enqueue_import(sender, *, report, path: str, **kwargs) -> None:
    """Receiver of ``grand_debat_file_stored``."""
    _enqueue_after_commit(run_import, report.pk, path)
