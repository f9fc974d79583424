"""Background tasks of the participation app (Django tasks, run by ``parvis worker``)."""

from django.db import transaction
from django.tasks import task
from django.tasks.backends.immediate import ImmediateBackend


@task()
def run_synthesis(process_id: int, actor_id: int | None) -> int:
    from django.contrib.auth import get_user_model

    from parvis.participation import synthesis
    from parvis.participation.models import Process

    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    return synthesis.run(process=Process.objects.get(pk=process_id), actor=actor).version


def enqueue_synthesis(process, actor) -> None:
    """Queue a synthesis once the current transaction is committed (at once with the immediate test backend)."""

    def enqueue() -> None:
        run_synthesis.enqueue(process.pk, getattr(actor, "pk", None))

    if isinstance(run_synthesis.get_backend(), ImmediateBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)
