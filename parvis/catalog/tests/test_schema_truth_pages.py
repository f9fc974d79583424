"""Pages and DCAT say what was checked: « Conforme » only against a schema, its badge and its
address, the preview written as the schema writes values, column types in French."""

from __future__ import annotations

import json

import pytest

SCHEMA = {
    "title": "Communes ouvertes",
    "fields": [
        {"name": "code_insee", "type": "string"},
        {"name": "ouvert", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]},
        {"name": "maj", "type": "date", "format": "%d/%m/%Y"},
    ],
}
CSV = "code_insee,ouvert,maj\n94028,oui,31/01/2024\n94002,non,01/02/2024\n"


@pytest.fixture
def with_schema(org, users, write):
    from parvis.catalog import services

    dataset, version = services.create_dataset_from_file(
        organisation=org,
        title="Fontaines",
        path=str(write("fontaines.csv", CSV)),
        schema=SCHEMA,
        schema_source="datagouv/schema-fontaine-eau",
        published=True,
        coverage=["94028", "94", "200058006"],
        actor=users["gestionnaire"],
    )
    return dataset, version


def test_a_version_checked_against_a_schema_is_conforme_with_the_schema_badge(with_schema, client):
    dataset, version = with_schema
    assert version.valid and version.schema_checked
    html = client.get(dataset.get_absolute_url()).content.decode()
    assert "Conforme au schéma" in html
    assert 'class="badge badge-schema"' in html
    assert 'href="https://schema.data.gouv.fr/datagouv/schema-fontaine-eau/"' in html


def test_a_file_without_schema_is_not_called_conforme(make_dataset, client):
    dataset, version = make_dataset()
    assert version.valid and not version.schema_checked
    html = client.get(dataset.get_absolute_url()).content.decode()
    assert "Conforme" not in html
    assert "Sans schéma : aucun contrôle de conformité" in html
    assert "badge-schema" not in html


def test_a_schema_given_without_a_named_source_still_counts_as_checked(make_dataset):
    _dataset, version = make_dataset(csv=CSV, schema=SCHEMA)
    assert version.schema_source == "provided" and version.schema_checked


def test_dcat_names_the_schema_and_the_territories_by_their_uri(with_schema, client):
    dataset, _version = with_schema
    doc = json.loads(client.get(f"/donnees/{dataset.slug}/dcat.jsonld").content)
    node = doc if doc.get("@type") == "dcat:Dataset" else doc["dcat:dataset"]
    distributions = node["dcat:distribution"]
    assert {d["dct:conformsTo"]["@id"] for d in distributions} == {
        "https://schema.data.gouv.fr/datagouv/schema-fontaine-eau/"
    }
    places = {place["@id"] for place in node["dct:spatial"]}
    assert "http://id.insee.fr/geo/commune/94028" in places
    assert "http://id.insee.fr/geo/departement/94" in places
    assert any(uri.endswith("/epci/200058006/") for uri in places)


def test_the_preview_writes_values_as_the_schema_does_and_names_types_in_french(with_schema, client):
    dataset, version = with_schema
    resource = version.resource
    html = client.get(resource.get_absolute_url()).content.decode()
    assert "<td>oui</td>" in html and "<td>31/01/2024</td>" in html
    assert "<td>True</td>" not in html and "2024-01-31" not in html
    assert "<td>booléen</td>" in html and "<td>date</td>" in html
