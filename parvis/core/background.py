"""What the apps may ask about their background tasks, whatever the task backend."""

from __future__ import annotations

from django.tasks import default_task_backend
from django.tasks.base import TaskResultStatus
from django.tasks.exceptions import TaskResultDoesNotExist


def abandoned(task_id: str) -> bool:
    """True when the task `task_id` will never finish its work: the queue gave up on it (every attempt's
    worker died, or it raised) or no longer knows it (queued before the task backend changed)."""
    if not task_id or not default_task_backend.supports_get_result:
        return False
    try:
        return default_task_backend.get_result(task_id).status == TaskResultStatus.FAILED
    except TaskResultDoesNotExist:
        return True


def abandoned_calls(task) -> list[list]:
    """The positional arguments of each call of `task` that the queue gave up on, for tasks whose rows carry
    no task id to ask `abandoned` about."""
    from django_ox.models import OxTask

    gave_up = [OxTask.Status.LOST, OxTask.Status.FAILED]
    return list(
        OxTask.objects.filter(task_path=task.module_path, status__in=gave_up).values_list("args", flat=True)
    )
