"""An accepted import writes a typed Parquet version, with stats, and makes it current."""

from pathlib import Path

import pyarrow.parquet as pq
from django.conf import settings

from parvis.catalog import selectors, services
from parvis.catalog.models import VersionStatus

SCHEMA = {
    "fields": [
        {"name": "code_insee", "type": "string", "constraints": {"required": True, "pattern": "[0-9]{5}"}},
        {"name": "nom", "type": "string"},
        {"name": "population", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "surface_km2", "type": "number"},
    ],
    "primaryKey": "code_insee",
}


def test_a_file_import_creates_a_ready_current_version_typed_by_its_schema(make_dataset):
    dataset, version = make_dataset(schema=SCHEMA)
    assert version.status == VersionStatus.READY and version.is_current and version.valid
    assert version.row_count == 5
    table = pq.read_table(Path(settings.PARVIS_DATA_DIR) / version.parquet_path)
    assert str(table.schema.field("population").type) == "int64"
    assert table.column("nom").to_pylist()[0] == "Créteil"


def test_column_statistics_give_nulls_distinct_min_and_max(make_dataset):
    _ds, version = make_dataset(schema=SCHEMA)
    stats = {c["name"]: c for c in version.columns}
    assert stats["population"]["type"] == "integer"
    assert stats["population"]["min"] == "4650" and stats["population"]["max"] == "92265"
    assert stats["nom"]["nulls"] == 0


def test_an_invalid_file_becomes_a_ready_version_that_does_not_replace_the_current_one(
    make_dataset, users, write
):
    dataset, first = make_dataset(schema=SCHEMA)
    resource = dataset.resources.get()
    bad = write("bad.csv", "code_insee,nom,population,surface_km2\n9402X,Créteil,-3,abc\n")
    second = services.start_import(
        resource=resource, actor=users["gestionnaire"], path=str(bad), run_now=True
    )
    assert second.status == VersionStatus.READY and second.valid is False and not second.is_current
    assert second.report_summary["by_type"] == {"type-error": 1, "constraint-error": 2}
    assert selectors.current_version(resource) == first


def test_an_invalid_file_can_be_published_with_its_errors_when_the_agent_asks(make_dataset, users, write):
    dataset, first = make_dataset(schema=SCHEMA)
    resource = dataset.resources.get()
    bad = write("bad.csv", "code_insee,nom,population,surface_km2\n9402X,Créteil,-3,abc\n")
    second = services.start_import(
        resource=resource,
        actor=users["gestionnaire"],
        path=str(bad),
        options={"publish_invalid": True},
        run_now=True,
    )
    assert second.is_current and selectors.current_version(resource) == second


def test_rollback_makes_an_older_version_current_again(make_dataset, users, write):
    dataset, first = make_dataset()
    resource = dataset.resources.get()
    newer = write("v2.csv", "code_insee,nom,population,surface_km2\n94028,Créteil,1,1\n")
    second = services.start_import(
        resource=resource, actor=users["gestionnaire"], path=str(newer), run_now=True
    )
    assert selectors.current_version(resource) == second
    services.make_current(version=first, actor=users["gestionnaire"])
    assert selectors.current_version(resource) == first


def test_read_rows_returns_an_arrow_table_filtered_and_sorted(make_dataset):
    _ds, version = make_dataset(schema=SCHEMA)
    table = selectors.read_rows(
        version, columns=["nom"], filters=[("population", "gt", 20000)], sort=["-population"]
    )
    assert table.column("nom").to_pylist() == ["Créteil", "Alfortville", "Sucy-en-Brie"]


def test_inferred_schema_keeps_codes_as_text_with_leading_zeros(make_dataset):
    _ds, version = make_dataset(title="Ain", csv="code_insee,population\n01001,800\n01002,250\n")
    assert selectors.read_rows(version).column("code_insee").to_pylist() == ["01001", "01002"]
    assert {c["name"]: c["type"] for c in version.columns} == {
        "code_insee": "string",
        "population": "integer",
    }


def _stuck_import(make_dataset, settings):
    """A version left processing by a worker that died, its task in a real django-ox queue."""
    from parvis.catalog.models import ImportJob, ResourceVersion
    from parvis.catalog.tasks import run_import

    settings.TASKS = {"default": {"BACKEND": "django_ox.backend.OxBackend", "QUEUES": ["default"]}}
    dataset, first = make_dataset()
    resource = dataset.resources.get()
    stuck = ResourceVersion.objects.create(
        resource=resource, number=2, status=VersionStatus.PROCESSING, progress=40
    )
    job = ImportJob.objects.create(version=stuck, source=ImportJob.Source.UPLOAD)
    job.task_id = str(run_import.enqueue(job.pk).id)
    job.save(update_fields=["task_id"])
    return dataset, resource, first, job


def test_an_import_whose_task_was_given_up_is_marked_failed_and_the_current_version_stays(
    make_dataset, client, settings
):
    from django_ox.models import OxTask

    dataset, resource, first, job = _stuck_import(make_dataset, settings)
    OxTask.objects.filter(pk=job.task_id).update(status=OxTask.Status.LOST)  # every attempt's worker died
    body = client.get(f"/api/catalog/datasets/{dataset.slug}/resources/{resource.slug}/versions/2").json()
    assert body["status"] == "failed" and "travailleur" in body["failure"]
    assert selectors.current_version(resource) == first


def test_an_import_waiting_for_its_retry_stays_in_progress(make_dataset, client, settings):
    dataset, resource, first, job = _stuck_import(make_dataset, settings)
    body = client.get(f"/api/catalog/datasets/{dataset.slug}/resources/{resource.slug}/versions/2").json()
    assert body["status"] == "processing"
    assert selectors.current_version(resource) == first


def test_running_a_finished_import_again_changes_nothing(make_dataset):
    from parvis.catalog.services.imports import execute

    dataset, version = make_dataset()
    before = (version.status, version.parquet_path, version.finished_at, version.row_count)
    execute(version.job)
    version.refresh_from_db()
    assert (version.status, version.parquet_path, version.finished_at, version.row_count) == before
    assert dataset.resources.get().versions.count() == 1
