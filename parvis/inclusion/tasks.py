"""Background tasks: parse a large import, refresh duplicates and gap indicators after an import, remind
owners of stale places."""

from datetime import timedelta

from django.tasks import task

from parvis.core.periodic import periodic
from parvis.core.tasks import enqueue_after_commit
from parvis.inclusion import gaps, services
from parvis.inclusion.services.imports import finish_import


@task()
def refresh_after_import():

    return {"doublons": services.detect_duplicates(), "indicateurs": gaps.compute()}


@periodic(every=timedelta(days=1))
@task()
def remind_stale_places():

    return services.send_stale_reminders()


@task()
def run_import(batch_id: int) -> dict:
    batch = finish_import(batch_id)
    if not batch.error and (batch.created or batch.updated):
        refresh_after_import.enqueue()
    return {"créés": batch.created, "mis à jour": batch.updated, "rejetés": batch.rejected}


def enqueue_import(sender, *, batch, **kwargs) -> None:
    """Receiver of ``import_file_stored``: parse once the upload's transaction is committed."""
    enqueue_after_commit(run_import, batch.pk)
