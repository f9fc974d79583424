"""Exports in the standard (valid against its schema) and in data·inclusion v1; round trips."""

import json

import pytest

from parvis.inclusion import exports
from parvis.inclusion.models import Place
from parvis.inclusion.services.imports import import_file
from parvis.inclusion.tests.helpers import SCHEMA, import_samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported_csv(tmp_path):
    import_samples()
    path = tmp_path / "lieux.csv"
    path.write_text(exports.to_csv(exports.records()), encoding="utf-8")
    return path


def test_export_of_the_real_places_is_valid_for_the_catalogue_validator(exported_csv):
    from parvis.catalog.lib.validate import validate_table

    report = validate_table(str(exported_csv), str(SCHEMA))
    assert report.row_count == 1435
    assert report.errors == []


def test_export_of_the_real_places_is_valid_for_frictionless(exported_csv):
    from frictionless import Resource, Schema

    schema = Schema.from_descriptor(json.loads(SCHEMA.read_text(encoding="utf-8")))
    report = Resource(path=exported_csv.name, basepath=str(exported_csv.parent), schema=schema).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_csv_export_then_reimport_round_trips_identically(exported_csv):
    first = exported_csv.read_bytes()
    Place.objects.all().delete()
    batch = import_file(data=first, filename="lieux.csv", archive=False)
    assert (batch.created, batch.rejected) == (1435, 0)
    assert exports.to_csv(exports.records()).encode("utf-8") == first


def test_json_and_geojson_exports_reimport_to_the_same_records():
    import_samples()
    before = exports.records()
    payload = exports.to_json(before)
    Place.objects.all().delete()
    import_file(data=payload.encode(), filename="lieux.json", archive=False)
    assert exports.records() == before
    geo = exports.to_geojson(before)
    assert len(geo["features"]) == sum(1 for r in before if r["latitude"] is not None)


def test_datainclusion_export_reimports_with_the_same_services():
    import_samples()
    before = {r["id"]: r for r in exports.records()}
    payload = exports.to_datainclusion(list(before.values()))
    data = json.loads(payload)
    assert len(data["structures"]) == 1435
    assert all(s["thematiques"][0].startswith("numerique--") for s in data["services"])
    Place.objects.all().delete()
    batch = import_file(data=payload.encode(), filename="di.json", archive=False)
    assert batch.kind == "datainclusion" and batch.created == 1435
    after = {r["id"]: r for r in exports.records()}
    assert {k: sorted(v["services"]) for k, v in after.items()} == {
        k: sorted(v["services"]) for k, v in before.items()
    }


def test_public_export_urls_download_the_files(client):
    import_samples()
    response = client.get("/aide/export/lieux.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert client.get("/aide/export/data-inclusion.json").status_code == 200
    assert client.get("/aide/export/lieux.geojson").status_code == 200
    assert client.get("/aide/export/lieux.exe").status_code == 404
