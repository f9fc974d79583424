"""Periodic jobs: each app declares which of its background tasks must run every period.

Apps decorate a Django task in their ``tasks.py``::

    @periodic(every=timedelta(days=1))
    @task()
    def send_place_reminders() -> int: ...

The registry only describes what to run; the scheduler of ``parvis worker`` reads it and enqueues each job
once per period across every node. Declaring a job here is code, the same in every process, so this
module-level dictionary holds no state that could make two nodes answer differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.tasks import Task


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: Task[..., Any]
    every: timedelta


_JOBS: dict[str, PeriodicJob] = {}


def periodic(*, every: timedelta, name: str | None = None):
    """Registers the decorated Django task to run every `every`; returns the task unchanged."""
    if every <= timedelta(0):
        raise ValueError("a periodic job needs a positive period")

    def register(task):
        job_name = name or task.module_path
        _JOBS[job_name] = PeriodicJob(name=job_name, task=task, every=every)
        return task

    return register


def registered_jobs() -> list[PeriodicJob]:
    """The declared jobs, by name (importing every app's ``tasks`` module first is the caller's job)."""
    return [_JOBS[name] for name in sorted(_JOBS)]
