"""Round-trip truth: every export of a demo version with a schema passes that schema again.

Each demo dataset with a schema is exported in every format through the download code the
pages and the API use, then validated by Parvis and by Frictionless 5 (0 errors for both).
Frictionless reads CSV, JSON and XLSX files directly; GeoJSON as the list of its features'
properties; Parquet as the typed rows pyarrow reads (Frictionless has no Parquet reader here).
"""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from django.http import QueryDict
from frictionless import Resource
from frictionless import Schema as FlSchema
from frictionless import validate as fl_validate

from parvis.catalog import demo, downloads
from parvis.catalog.lib.validate import validate_table
from parvis.catalog.models import ResourceVersion


@pytest.fixture
def demo_versions(db):
    from parvis.accounts import demo as accounts_demo

    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    versions = list(
        ResourceVersion.objects.filter(is_current=True).exclude(schema_source__in=["", "inferred"])
    )
    assert len(versions) >= 3
    return versions


def exported(version, fmt: str) -> bytes | None:
    response = downloads.export_response(version, QueryDict(), fmt, "export")
    if response.status_code == 400 and fmt == "geojson":
        return None  # not geographic data
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content)


def frictionless_errors(path, schema: dict, fmt: str) -> list[str]:
    fl_schema = FlSchema.from_descriptor({k: v for k, v in schema.items() if k != "custom_checks"})
    if fmt == "geojson":
        rows = [feature["properties"] for feature in json.loads(path.read_text(encoding="utf-8"))["features"]]
        report = fl_validate(
            Resource(data=[list(rows[0]), *[list(r.values()) for r in rows]], schema=fl_schema)
        )
    elif fmt == "parquet":
        rows = pq.read_table(path).to_pylist()
        report = fl_validate(
            Resource(data=[list(rows[0]), *[list(r.values()) for r in rows]], schema=fl_schema)
        )
    else:
        report = fl_validate(
            Resource(path.name, basepath=str(path.parent), schema=fl_schema), limit_errors=100
        )
    return [error.message for task in report.tasks for error in task.errors]


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx", "geojson", "parquet"])
def test_every_demo_export_with_a_schema_passes_it_with_parvis_and_frictionless(demo_versions, fmt, tmp_path):
    checked = 0
    for version in demo_versions:
        content = exported(version, fmt)
        if content is None:
            continue
        path = tmp_path / f"{version.resource.dataset.slug}.{fmt}"
        path.write_bytes(content)
        parvis = validate_table(path, version.schema)
        assert [e.message for e in parvis.errors] == [], (version.resource.dataset.slug, fmt)
        assert frictionless_errors(path, version.schema, fmt) == [], (version.resource.dataset.slug, fmt)
        checked += 1
    assert checked >= (1 if fmt == "geojson" else 3)


def test_a_boolean_with_french_true_values_is_exported_as_the_schema_writes_it(make_dataset):
    schema = {
        "fields": [
            {"name": "nom", "type": "string"},
            {"name": "ouvert", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]},
            {"name": "surface", "type": "number", "decimalChar": ","},
            {"name": "maj", "type": "date", "format": "%d/%m/%Y"},
        ]
    }
    _dataset, version = make_dataset(
        csv='nom,ouvert,surface,maj\nCréteil,oui,"11,44",31/01/2024\n', schema=schema
    )
    assert version.valid
    rows = list(csv.reader(io.StringIO(exported(version, "csv").decode("utf-8-sig"))))
    assert rows == [["nom", "ouvert", "surface", "maj"], ["Créteil", "oui", "11,44", "31/01/2024"]]
    assert json.loads(exported(version, "json")) == [
        {"nom": "Créteil", "ouvert": "oui", "surface": "11,44", "maj": "31/01/2024"}
    ]
