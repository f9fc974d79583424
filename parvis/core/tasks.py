"""Queueing helpers shared by every app's ``tasks.py``."""

from django.db import transaction
from django.tasks.backends.immediate import ImmediateBackend


def enqueue_after_commit(job, *args) -> None:
    """Queues `job` once the current transaction is committed, so the worker finds the rows it reads.

    The immediate backend (tests) runs at once: tests wrap each one in a transaction that is never committed.
    """
    if isinstance(job.get_backend(), ImmediateBackend):
        job.enqueue(*args)
    else:
        transaction.on_commit(lambda: job.enqueue(*args))
