"""Loading Table Schemas and the bundled catalogue of schema.data.gouv.fr."""

from __future__ import annotations

import json

import pytest

from parvis.catalog.lib.errors import SchemaError
from parvis.catalog.lib.schema_catalog import get_schema, list_schemas
from parvis.catalog.lib.tableschema import load_schema

DESCRIPTOR = {
    "fields": [
        {"name": "code", "type": "string", "constraints": {"required": True, "pattern": "[0-9]{5}"}},
        {"name": "population", "type": "integer", "constraints": {"minimum": 0}},
    ],
    "primaryKey": "code",
    "missingValues": ["", "NA"],
}


def test_schema_loads_from_a_dict_a_path_and_json_text(tmp_path):
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(DESCRIPTOR), encoding="utf-8")
    for source in (DESCRIPTOR, path, str(path), json.dumps(DESCRIPTOR), json.dumps(DESCRIPTOR).encode()):
        schema = load_schema(source)
        assert schema.field_names == ["code", "population"]
        assert schema.primary_key == ["code"]
        assert schema.missing_values == ["", "NA"]
        assert schema.get_field("code").required


def test_html_page_is_refused_with_a_french_hint():
    with pytest.raises(SchemaError) as caught:
        load_schema("<!DOCTYPE html><html><body>Schéma</body></html>")
    assert "page HTML" in caught.value.message_fr


@pytest.mark.parametrize(
    ("descriptor", "words"),
    [
        ({"type": "object", "properties": {"a": {}}}, "JSON Schema"),
        ({"fields": [{"type": "string"}]}, "pas de nom"),
        ({"fields": [{"name": "a", "type": "texte"}]}, "type « texte » inconnu"),
        (
            {"fields": [{"name": "a", "type": "integer", "constraints": {"pattern": "x"}}]},
            "ne s'applique pas",
        ),
        ({"fields": [{"name": "a", "constraints": {"pattern": "(["}}]}, "motif"),
        ({"fields": [{"name": "a"}, {"name": "a"}]}, "plusieurs champs"),
        ({"fields": [{"name": "a"}], "primaryKey": ["b"]}, "clé primaire"),
        ({"fields": [{"name": "a"}], "primaryKey": 3}, "primaryKey"),
        ({"fields": [{"name": "a", "type": "boolean", "trueValues": "oui"}]}, "trueValues"),
        ({"fields": [{"name": "a", "constraints": {"required": "oui"}}]}, "required"),
        ({"fields": [{"name": "a", "constraints": {"maxLength": "10"}}]}, "maxLength"),
        ({"fields": [{"name": "a", "type": ["string"]}]}, "inconnu"),
    ],
)
def test_descriptors_that_are_not_table_schemas_are_refused_in_french(descriptor, words):
    with pytest.raises(SchemaError) as caught:
        load_schema(descriptor)
    assert words in caught.value.message_fr


def test_invalid_json_points_at_the_position():
    with pytest.raises(SchemaError) as caught:
        load_schema('{"fields": [}')
    assert "ligne 1" in caught.value.message_fr


def test_catalogue_lists_every_bundled_schema_with_id_title_version_and_path():
    schemas = list_schemas()
    assert len(schemas) == 55
    subventions = next(s for s in schemas if s["id"] == "scdl/subventions")
    assert subventions["title"] == "Subventions"
    assert subventions["version"]
    assert subventions["path"].endswith("scdl/subventions/schema.json")


def test_every_bundled_schema_loads():
    for entry in list_schemas():
        assert get_schema(entry["id"]).fields


def test_unknown_catalogue_id_is_a_schema_error():
    with pytest.raises(SchemaError) as caught:
        get_schema("scdl/inexistant")
    assert caught.value.code == "schema-not-found"
