from datetime import timedelta

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
