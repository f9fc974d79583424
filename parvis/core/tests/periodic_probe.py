"""A periodic job with a two-second period, imported only by the workers that test_scheduler.py starts."""

import os
from datetime import timedelta
from pathlib import Path

from django.tasks import task

from parvis.core.periodic import periodic

PERIOD = timedelta(seconds=2)


@periodic(every=PERIOD, name="test.probe")
@task()
def record_run() -> None:
    with Path(os.environ["PARVIS_PROBE_FILE"]).open("a") as out:
        out.write(f"{os.getpid()}\n")
