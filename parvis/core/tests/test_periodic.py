from datetime import UTC, timedelta

import pytest
from django.tasks import task

from parvis.core import periodic


@task()
def _sample_job() -> int:
    return 1


def test_a_declared_job_is_listed_with_its_period():
    periodic.periodic(every=timedelta(hours=1), name="test.sample")(_sample_job)
    jobs = {job.name: job for job in periodic.registered_jobs()}
    assert jobs["test.sample"].every == timedelta(hours=1)
    assert jobs["test.sample"].task is _sample_job


def test_a_period_must_be_positive():
    with pytest.raises(ValueError):
        periodic.periodic(every=timedelta(0))


@pytest.mark.django_db
def test_finished_tasks_are_pruned_after_30_days_and_failed_ones_kept():
    from datetime import datetime

    from django_ox.models import OxTask

    from parvis.core.tasks import prune_finished_tasks

    old = datetime(2020, 1, 1, tzinfo=UTC)
    for status in (OxTask.Status.SUCCESSFUL, OxTask.Status.FAILED):
        OxTask.objects.create(
            task_path="parvis.core.tasks.prune_finished_tasks",
            backend_name="default",
            status=status,
            enqueued_at=old,
            finished_at=old,
        )
    prune_finished_tasks.call()
    assert list(OxTask.objects.values_list("status", flat=True)) == [OxTask.Status.FAILED]


def test_the_platform_jobs_are_registered_with_their_period():
    from parvis.core.scheduler import import_task_modules

    import_task_modules()
    jobs = {job.name: job.every for job in periodic.registered_jobs()}
    assert jobs["parvis.core.tasks.prune_finished_tasks"] == timedelta(days=1)
    assert jobs["parvis.inclusion.tasks.remind_stale_places"] == timedelta(days=1)
    assert jobs["parvis.catalog.tasks.fail_abandoned_imports"] == timedelta(minutes=2)
