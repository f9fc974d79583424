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
