"""The scheduler of ``parvis worker``: hands the jobs declared with ``parvis.core.periodic`` to django-ox.

django-ox asks this source for its schedules (``TASKS["default"]["OPTIONS"]["SCHEDULE_SOURCE"]``). Every
worker of every node runs the same dispatch loop; a tick is recorded under a unique (job name, tick time)
constraint in the same transaction as the task it enqueues, so each period's run is enqueued exactly once
however many workers race for it (see docs/decisions/0005-background-tasks.md). Ticks are counted from a
fixed epoch, so every node derives the same periods without a leader; a new job first fires at its next
tick, and after an outage only the latest missed tick fires.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django_ox.schedules import schedules_from_options

from parvis.core.periodic import registered_jobs


def import_task_modules() -> None:
    """Imports the ``tasks`` module of every Parvis app, which is where jobs declare their period."""
    for app in settings.PARVIS_APPS:
        module = f"parvis.{app}.tasks"
        if find_spec(module) is not None:
            import_module(module)


class PeriodicJobs:
    """A django-ox schedule source: one interval schedule per registered periodic job."""

    def __init__(self, options: dict, backend_alias: str) -> None:
        import_task_modules()
        declared = {job.name: {"task": job.task.module_path, "every": job.every} for job in registered_jobs()}
        self._schedules = schedules_from_options({"SCHEDULES": declared}, backend_alias)

    def schedules(self) -> list:
        return self._schedules
