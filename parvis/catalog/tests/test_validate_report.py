"""The validation report, typed tables for storage and schema inference."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pyarrow as pa

from parvis.catalog.lib.infer import infer_schema
from parvis.catalog.lib.ingest import read_table
from parvis.catalog.lib.tableschema import load_schema
from parvis.catalog.lib.validate import typed_table, validate_table

SCHEMA = {
    "fields": [
        {
            "name": "code",
            "type": "string",
            "constraints": {"required": True, "unique": True, "pattern": "[0-9]{5}"},
        },
        {"name": "nom", "type": "string", "constraints": {"required": True}},
        {"name": "population", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "date_maj", "type": "date"},
        {"name": "statut", "type": "string", "constraints": {"enum": ["commune", "commune nouvelle"]}},
    ]
}


def csv_file(tmp_path, text, name="communes.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_gives_a_valid_report(tmp_path):
    path = csv_file(tmp_path, "code,nom,population,date_maj,statut\n94028,Créteil,92265,2024-01-01,commune\n")
    report = validate_table(read_table(path), SCHEMA)
    assert report.valid
    assert report.errors == []
    assert report.summary == {}
    assert report.row_count == 1


def test_each_error_names_its_row_field_value_and_explains_in_french(tmp_path):
    path = csv_file(
        tmp_path,
        "code,nom,population,date_maj,statut\n"
        "94028,Créteil,beaucoup,2024-01-01,commune\n"
        "9402,Sucy,-3,01/02/2024,ville\n"
        "94028,,1,2024-01-01,commune\n",
    )
    report = validate_table(path, SCHEMA)
    found = {(e.type, e.row, e.field, e.value) for e in report.errors}
    assert found == {
        ("type-error", 2, "population", "beaucoup"),
        ("constraint-error", 3, "code", "9402"),
        ("constraint-error", 3, "population", "-3"),
        ("type-error", 3, "date_maj", "01/02/2024"),
        ("constraint-error", 3, "statut", "ville"),
        ("constraint-error", 4, "nom", ""),
        ("unique-error", 4, "code", "94028"),
    }
    by_key = {(e.type, e.row, e.field): e.message for e in report.errors}
    assert by_key[("type-error", 2, "population")] == (
        "Ligne 2, colonne « population » : « beaucoup » n'est pas une valeur valide de type nombre entier."
    )
    assert "déjà présente ligne 2" in by_key[("unique-error", 4, "code")]
    assert "valeurs autorisées" in by_key[("constraint-error", 3, "statut")]
    assert "obligatoire" in by_key[("constraint-error", 4, "nom")]
    assert report.summary == {"type-error": 2, "constraint-error": 4, "unique-error": 1}


def test_errors_are_sorted_by_row_then_column(tmp_path):
    path = csv_file(tmp_path, "code,nom,population,date_maj,statut\n1,a,x,y,z\n2,b,x,y,z\n")
    rows = [(e.row, e.field) for e in validate_table(path, SCHEMA).errors]
    assert rows == sorted(
        rows,
        key=lambda r: (r[0], SCHEMA["fields"].index(next(f for f in SCHEMA["fields"] if f["name"] == r[1]))),
    )


def test_there_is_no_cap_on_the_number_of_errors(tmp_path):
    body = "".join(f"{i:05d},n,x,,\n" for i in range(3000))
    report = validate_table(csv_file(tmp_path, "code,nom,population,date_maj,statut\n" + body), SCHEMA)
    assert report.summary == {"type-error": 3000}
    assert len(report.errors) == 3000


def test_report_csv_download_has_french_headers_and_neutralised_formulas(tmp_path):
    path = csv_file(tmp_path, "code,nom,population,date_maj,statut\n=1+1,Créteil,1,,\n")
    report = validate_table(path, SCHEMA)
    buffer = io.BytesIO()
    report.to_csv(buffer)
    rows = list(csv.reader(io.StringIO(buffer.getvalue().decode("utf-8"))))
    assert rows[0] == ["ligne", "colonne", "type", "valeur", "message"]
    assert rows[1][:4] == ["2", "code", "constraint-error", "'=1+1"]
    text = io.StringIO()
    report.to_csv(text)
    assert text.getvalue() == buffer.getvalue().decode("utf-8")


def test_report_as_dict_matches_the_command_line_contract(tmp_path):
    path = csv_file(tmp_path, "code,nom,population,date_maj,statut\n94028,Créteil,x,,\n")
    assert validate_table(path, SCHEMA).to_dict() == {
        "valid": False,
        "errors": [
            {
                "type": "type-error",
                "row": 2,
                "field": "population",
                "message": "Ligne 2, colonne « population » : « x » n'est pas une valeur valide "
                "de type nombre entier.",
            }
        ],
    }


def test_mixed_encoding_becomes_an_encoding_error_in_the_report(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        ("code,nom,population,date_maj,statut\n" + "94028,Créteil,1,,\n" * 5).encode() + b"1,\xe9,1,,\n"
    )
    report = validate_table(path, SCHEMA)
    assert not report.valid
    assert [(e.type, e.row) for e in report.errors] == [("encoding-error", 7)]


def test_typed_table_casts_columns_to_the_schema_types(tmp_path):
    path = csv_file(
        tmp_path,
        "code,nom,population,date_maj,statut\n94028,Créteil,92265,2024-01-31,commune\n"
        "94071,Sucy,?,,commune\n",
    )
    table = typed_table(read_table(path), SCHEMA)
    assert table.schema.types == [pa.string(), pa.string(), pa.int64(), pa.date32(), pa.string()]
    assert table.column("population").to_pylist() == [92265, None]
    assert table.column("date_maj").to_pylist() == [dt.date(2024, 1, 31), None]


def test_typed_table_orders_columns_like_the_schema_and_fills_absent_fields(tmp_path):
    path = csv_file(tmp_path, "nom,code,remarque\nCréteil,94028,chef-lieu\n")
    table = typed_table(path, SCHEMA)
    assert table.column_names == ["code", "nom", "population", "date_maj", "statut", "remarque"]
    assert table.column("population").to_pylist() == [None]


def test_inferred_schema_keeps_codes_with_leading_zeros_as_text(tmp_path):
    path = csv_file(
        tmp_path,
        "code_postal,population,surface,ouvert,date_maj,nom\n"
        "01000,100,1.5,true,2024-01-01,Bourg\n94000,2000,12,false,2024-02-01,Créteil\n",
    )
    schema = infer_schema(read_table(path))
    types = {f["name"]: f["type"] for f in schema["fields"]}
    assert types == {
        "code_postal": "string",
        "population": "integer",
        "surface": "number",
        "ouvert": "boolean",
        "date_maj": "date",
        "nom": "string",
    }
    assert validate_table(path, load_schema(schema)).valid


def test_messages_go_through_the_installed_translator(tmp_path):
    from parvis import translation as i18n

    catalogue = {
        "Ligne {row}, colonne « {field} » : {value} n'est pas une valeur valide de type {type}.": "Row {row}, column “{field}”: {value} is not a valid {type}.",
        "nombre entier": "integer",
    }
    path = csv_file(tmp_path, "code,nom,population,date_maj,statut\n94028,Créteil,x,,\n")
    i18n.set_translator(lambda message: catalogue.get(message, message))
    try:
        report = validate_table(path, SCHEMA)
    finally:
        i18n.set_translator(None)
    assert report.errors[0].message == "Row 2, column “population”: « x » is not a valid integer."
