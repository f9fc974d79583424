"""Two worker processes on one database, both scheduling the same periodic job: each period runs once."""

import time

import pytest

from parvis.core.tests.periodic_probe import PERIOD
from parvis.core.tests.processes import Instance, wait_for

TICKS = """
from django_ox.models import OxScheduleTick, OxTask
print(json.dumps({
    "ticks": OxScheduleTick.objects.filter(schedule_name="test.probe").count(),
    "tasks": OxTask.objects.filter(task_path="parvis.core.tests.periodic_probe.record_run").count(),
    "jobs": sorted(OxScheduleTick.objects.values_list("schedule_name", flat=True).distinct()),
}))
"""


@pytest.fixture
def instance(tmp_path):
    inst = Instance(tmp_path, "scheduler", PARVIS_PROBE_FILE=str(tmp_path / "runs.txt"))
    migrated = inst.parvis("migrate", "--no-input", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    yield inst
    inst.close()


def test_two_schedulers_run_a_periodic_job_once_per_period(instance, tmp_path):
    runs = tmp_path / "runs.txt"
    started = time.monotonic()
    workers = [instance.start_worker("parvis.core.tests.periodic_probe") for _ in range(2)]
    wait_for(lambda: runs.exists() and len(runs.read_text().split()) >= 4, timeout=120)
    for worker in workers:
        instance.stop(worker)
    elapsed = time.monotonic() - started
    executed = len(runs.read_text().split())
    seen = instance.python(TICKS)
    # One tick row per period (the first one only anchors the schedule) and one task per fired tick.
    assert seen["tasks"] == executed == seen["ticks"] - 1
    # Both schedulers running on their own would have enqueued about twice as many.
    assert executed <= elapsed / PERIOD.total_seconds() + 1
    # The jobs that apps declare are scheduled by the same workers.
    assert {
        "parvis.inclusion.tasks.remind_stale_places",
        "parvis.catalog.tasks.fail_abandoned_imports",
    } <= set(seen["jobs"])
