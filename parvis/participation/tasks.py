"""Background tasks of the participation app (Django tasks, run by ``parvis worker``)."""

import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.tasks import task

from parvis.core.background import abandoned_calls
from parvis.core.periodic import periodic
from parvis.core.tasks import enqueue_after_commit
from parvis.participation import selectors
from parvis.participation.models import Process
from parvis.participation.services import opendata, synthesis


@task()
def run_synthesis(
    process_id: int,
    actor_id: int | None,
    n_themes: int | None = None,
    request_id: str | None = None,
    question_id: int | None = None,
) -> int:
    """Idempotent: a retry of the same request (same ``request_id``) returns the version already stored."""
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    process = Process.objects.get(pk=process_id)
    question = selectors.open_question(process, question_id)
    key = uuid.UUID(request_id) if request_id else None
    return synthesis.run(
        process=process, actor=actor, n_themes=n_themes, request_id=key, question=question
    ).version


@task()
def run_import(report_id: int, path: str) -> str:
    return opendata.finish_grand_debat_import(report_id, path).status


@periodic(every=timedelta(minutes=2))
@task()
def fail_abandoned_imports() -> int:
    """Marks failed, with a French reason, the Grand Débat imports whose task the queue gave up on (its
    worker died on every attempt), instead of leaving them « en cours »."""
    return opendata.fail_abandoned_imports(
        [tuple(args) for args in abandoned_calls(run_import) if len(args) == 2]
    )


def enqueue_synthesis(process, actor, n_themes: int | None = None, question=None) -> str:
    """Queues a synthesis; returns the request id its version will carry (retries reuse it)."""
    request_id = str(uuid.uuid4())
    enqueue_after_commit(
        run_synthesis,
        process.pk,
        getattr(actor, "pk", None),
        n_themes,
        request_id,
        getattr(question, "pk", None),
    )
    return request_id


def enqueue_import(sender, *, report, path: str, **kwargs) -> None:
    """Receiver of ``grand_debat_file_stored``."""
    enqueue_after_commit(run_import, report.pk, path)
