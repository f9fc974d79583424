"""`parvis cleanup`: temporary files and unreferenced objects go (after a grace period), rows missing a file
are listed, and nothing a row points at is ever removed."""

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from parvis.core import storage_cleanup

COMMUNES = "code;nom\n94028;Créteil\n94002;Alfortville\n"


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    settings.PARVIS_DATA_DIR = tmp_path / "data"
    settings.PARVIS_DATA_DIR.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@pytest.fixture
def version(org, tmp_path):
    from parvis.catalog import services

    source = tmp_path / "communes.csv"
    source.write_text(COMMUNES)
    _dataset, version = services.create_dataset_from_file(
        organisation=org, title="Communes", path=str(source)
    )
    return version


def _age(path: Path, hours: float = 2) -> None:
    old = time.time() - hours * 3600
    os.utime(path, (old, old))


def test_an_old_interrupted_upload_and_an_orphan_object_are_removed_and_referenced_files_kept(
    version, settings
):
    tmp = Path(settings.PARVIS_DATA_DIR) / "tmp"
    interrupted = tmp / "tmpab12.upload.csv"
    interrupted.write_bytes(b"x" * 1000)
    _age(interrupted)
    in_flight = tmp / "tmpcd34.upload.csv"
    in_flight.write_bytes(b"y")
    orphan = default_storage.save("catalog/sources/99/orphelin.csv", ContentFile(b"z"))
    _age(Path(default_storage.path(orphan)))

    dry = storage_cleanup.run(grace=timedelta(hours=1), dry_run=True)
    assert dry.temporary == [str(interrupted)] and dry.objects == [orphan] and dry.missing == []
    assert interrupted.exists() and default_storage.exists(orphan)

    storage_cleanup.run(grace=timedelta(hours=1), dry_run=False)
    assert not interrupted.exists() and not default_storage.exists(orphan)
    assert in_flight.exists()  # younger than the grace period: perhaps still being received
    for name in (version.parquet_path, version.job.stored_file):
        assert default_storage.exists(name)


def test_a_row_whose_file_is_missing_is_listed_and_nothing_is_deleted_for_it(version):
    default_storage.delete(version.parquet_path)
    report = storage_cleanup.run(grace=timedelta(0), dry_run=False)
    assert [name for name, _row in report.missing] == [version.parquet_path]
    assert "version 1" in report.missing[0][1]
    assert default_storage.exists(version.job.stored_file)
