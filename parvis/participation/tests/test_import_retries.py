"""The background part of a Grand Débat import under an at-least-once task queue: run again after its
worker died, it never duplicates contributions; given up by the queue, its report says so in French."""

import pytest
from django.core.files.storage import default_storage

from parvis.participation.models import Contribution, ImportReport
from parvis.participation.services import opendata
from parvis.participation.tests.test_opendata import HEADER, _pending

pytestmark = pytest.mark.django_db
ROW = "a1,1,,2019-01-22,,,false,,x,C,94000,ok\n"


def test_running_a_finished_import_again_adds_nothing(process, users):
    report, path = _pending(process, users, (HEADER + ROW).encode())
    opendata.finish_grand_debat_import(report.pk, path)
    again = opendata.finish_grand_debat_import(report.pk, path)
    assert again.status == ImportReport.Status.DONE
    assert Contribution.objects.filter(process=process).count() == 1


def test_an_import_the_queue_gave_up_on_is_failed_with_a_reason_and_its_file_deleted(
    process, users, settings
):
    from django_ox.models import OxTask

    from parvis.participation.tasks import fail_abandoned_imports, run_import

    report, path = _pending(process, users, (HEADER + ROW).encode())
    settings.TASKS = {"default": {"BACKEND": "django_ox.backend.OxBackend", "QUEUES": ["default"]}}
    queued = run_import.enqueue(report.pk, path)
    OxTask.objects.filter(pk=queued.id).update(status=OxTask.Status.LOST)  # every attempt's worker died
    assert fail_abandoned_imports.call() == 1
    report.refresh_from_db()
    assert report.status == ImportReport.Status.FAILED and "interrompu à chaque essai" in report.failure
    assert not default_storage.exists(path)
    assert not Contribution.objects.exists()


def test_an_import_waiting_for_its_retry_is_left_pending(process, users, settings):
    from parvis.participation.tasks import fail_abandoned_imports, run_import

    report, path = _pending(process, users, (HEADER + ROW).encode())
    settings.TASKS = {"default": {"BACKEND": "django_ox.backend.OxBackend", "QUEUES": ["default"]}}
    run_import.enqueue(report.pk, path)
    assert fail_abandoned_imports.call() == 0
    report.refresh_from_db()
    assert report.status == ImportReport.Status.PENDING
