"""Conformance: Parvis' validator against Frictionless 5 itself (a test dependency).

Each published example of schema.data.gouv.fr (``tests/data/examples/<case>``) and invalid
variants generated from it must get the same verdict and the same multiset of
(type, row, field) errors from both. The deliberate differences documented in
``docs/validation.md`` (columns matched by name) are tested on their own.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from frictionless import Dialect
from frictionless import Schema as FlSchema
from frictionless import validate as fl_validate
from frictionless.formats import CsvControl

from parvis.catalog.lib.ingest_csv import detect_delimiter
from parvis.catalog.lib.schema_catalog import list_schemas
from parvis.catalog.lib.validate import validate_table

EXAMPLES = Path(__file__).parent / "data" / "examples"
CASES = sorted(p.name for p in EXAMPLES.iterdir() if (p / "schema.json").exists())
TRICKY = [
    "",
    " ",
    "NA",
    "0",
    "1",
    "-1",
    "+5",
    " 7 ",
    "1_000",
    "1.5",
    "1,5",
    "1e3",
    "NaN",
    "inf",
    "0020",
    "2020",
    "2020-01-01",
    "2020-1-1",
    "2020-02-30",
    "31/12/2020",
    "2020-01-01T10:00:00Z",
    "2020-01-01 10:00:00",
    "2020-01-01 10:00",
    "10:00:00",
    "10:00",
    "true",
    "True",
    "yes",
    "oui",
    "x@y.fr",
    "x@y",
    "http://a.fr",
    "a.fr",
    "[1, 2]",
    '{"a": 1}',
    "2.3,48.8",
    "200,1",
    "é",
    "2020-13",
    "2020-12",
    "P1D",
    "deux",
    "-0",
    "00",
    "1.0",
    "12345678901234567890",
]


def frictionless_errors(path: Path, schema: dict, delimiter: str | None = None) -> tuple[bool, Counter]:
    """Frictionless' errors; the delimiter is given when known (its sniffing may guess wrong)."""
    options: dict[str, Any] = (
        {"dialect": Dialect(header_rows=[1], controls=[CsvControl(delimiter=delimiter)])} if delimiter else {}
    )
    report = fl_validate(
        path.name,
        basepath=str(path.parent),
        schema=FlSchema.from_descriptor(schema),
        limit_errors=10**9,
        **options,
    )
    found: Counter[tuple[Any, ...]] = Counter()
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            if row is None and getattr(error, "row_numbers", None):
                row = error.row_numbers[0]
            found[(error.type, row, getattr(error, "field_name", None) or None)] += 1
    return report.valid, found


def parvis_errors(path: Path, schema: dict) -> tuple[bool, Counter]:
    # Frictionless ignores Validata's custom checks (tested against Validata in test_lib_custom_checks).
    report = validate_table(path, {k: v for k, v in schema.items() if k != "custom_checks"})
    return report.valid, Counter((e.type, e.row, e.field) for e in report.errors)


def assert_same(path: Path, schema: dict, delimiter: str) -> None:
    expected = frictionless_errors(path, schema, delimiter)
    assert parvis_errors(path, schema) == expected


def load_case(case: str) -> tuple[dict, str, list[list[str]]]:
    schema = json.loads((EXAMPLES / case / "schema.json").read_text(encoding="utf-8"))
    text = (EXAMPLES / case / "exemple-valide.csv").read_text(encoding="utf-8-sig")
    delimiter = detect_delimiter(text)
    return schema, delimiter, list(csv.reader(io.StringIO(text), delimiter=delimiter))


def write(tmp_path: Path, name: str, rows: list[list[str]], delimiter: str) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path = tmp_path / f"{name}.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", CASES)
def test_published_valid_example_is_valid_for_both(case):
    schema = json.loads((EXAMPLES / case / "schema.json").read_text(encoding="utf-8"))
    path = EXAMPLES / case / "exemple-valide.csv"
    assert parvis_errors(path, schema) == frictionless_errors(path, schema) == (True, Counter())


@pytest.mark.parametrize("case", CASES)
def test_tricky_values_in_every_column_give_the_same_errors(case, tmp_path):
    schema, delimiter, rows = load_case(case)
    header, first = rows[0], rows[1]
    generated = [header]
    for shift in range(len(TRICKY)):
        row = list(first)
        for column in range(len(header)):
            row[column] = TRICKY[(shift + column) % len(TRICKY)]
        generated.append(row)
    assert_same(write(tmp_path, case, generated, delimiter), schema, delimiter)


@pytest.mark.parametrize("case", CASES)
def test_structural_damage_gives_the_same_errors(case, tmp_path):
    schema, delimiter, rows = load_case(case)
    header, first = rows[0], rows[1]
    generated = [
        header,
        first,
        first,  # repeated row: unique and primary-key errors
        first[:-2],  # short row: missing cells
        [*first, "en trop", ""],  # long row: extra cells
        [""] * len(header),  # blank row
        [],  # empty line
        rows[-1],
    ]
    assert_same(write(tmp_path, case, generated, delimiter), schema, delimiter)


@pytest.mark.parametrize(
    "damage",
    ["duplicate", "blank", "renamed", "extra-at-end", "upper-case"],
)
@pytest.mark.parametrize("case", CASES[:6])
def test_damaged_headers_give_the_same_errors(case, damage, tmp_path):
    schema, delimiter, rows = load_case(case)
    header = list(rows[0])
    body = [list(r) for r in rows[1:]]
    if damage == "duplicate":
        header[1] = header[0]
    elif damage == "blank":
        header[1] = ""
    elif damage == "renamed":
        header[0] = header[0] + "_x"
    elif damage == "extra-at-end":
        header.append("colonne_libre")
        body = [[*r, "valeur"] for r in body]
    else:
        header = [h.upper() for h in header]
    assert_same(write(tmp_path, f"{case}-{damage}", [header, *body], delimiter), schema, delimiter)


def test_a_missing_column_is_reported_once_by_name_where_frictionless_cascades(tmp_path):
    schema, delimiter, rows = load_case("arbre")
    dropped = 2
    name = rows[0][dropped]
    path = write(tmp_path, "arbre-sans-colonne", [r[:dropped] + r[dropped + 1 :] for r in rows], delimiter)
    valid, errors = parvis_errors(path, schema)
    fl_valid, fl_found = frictionless_errors(path, schema, delimiter)
    assert valid is fl_valid is False
    assert errors == Counter({("missing-label", 1, name): 1})
    assert sum(fl_found.values()) > 1  # Frictionless: missing-label on the last field + shifts


def test_swapped_columns_are_flagged_but_their_values_checked_by_name(tmp_path):
    schema, delimiter, rows = load_case("arbre")
    swapped = [[r[1], r[0], *r[2:]] for r in rows]
    path = write(tmp_path, "arbre-inverse", swapped, delimiter)
    valid, errors = parvis_errors(path, schema)
    fl_valid, fl_found = frictionless_errors(path, schema, delimiter)
    assert valid is fl_valid is False
    labels = {k: v for k, v in fl_found.items() if k[0] == "incorrect-label"}
    assert errors == Counter(labels)  # same header errors, no cascade of cell errors


EVERY_TYPE = {
    "missingValues": ["", "NA", "n/a"],
    "primaryKey": ["code", "annee"],
    "fields": [
        {"name": "code", "type": "string", "constraints": {"pattern": "(?!00)[0-9]{2}[0-9AB]{3}"}},
        {"name": "annee", "type": "year", "constraints": {"minimum": 2000}},
        {"name": "mois", "type": "yearmonth"},
        {"name": "quand", "type": "datetime"},
        {"name": "heure", "type": "time"},
        {"name": "jour", "type": "date", "format": "%d/%m/%Y", "constraints": {"minimum": "01/01/2000"}},
        {"name": "duree", "type": "duration"},
        {"name": "point", "type": "geopoint", "constraints": {"enum": ["2.3,48.8", "2.45,48.79"]}},
        {"name": "point_liste", "type": "geopoint", "format": "array"},
        {"name": "objet", "type": "object", "constraints": {"maxLength": 1}},
        {"name": "liste", "type": "array", "arrayItem": {"type": "integer", "constraints": {"maximum": 10}}},
        {"name": "forme", "type": "geojson"},
        {"name": "courriel", "type": "string", "format": "email"},
        {"name": "uid", "type": "string", "format": "uuid"},
        {
            "name": "montant",
            "type": "number",
            "decimalChar": ",",
            "groupChar": " ",
            "constraints": {"minimum": 0},
        },
        {"name": "entier", "type": "integer", "bareNumber": False, "constraints": {"enum": [1, 2, 3]}},
        {"name": "oui_non", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]},
        {"name": "libre", "type": "any", "constraints": {"required": True}},
        {"name": "texte", "type": "string", "constraints": {"minLength": 2, "maxLength": 4}},
    ],
}
MORE_TRICKY = [
    "94028",
    "00123",
    "2A004",
    "2024-05",
    "2024-5",
    "2024-05-01T10:00:00",
    "2031-01-01T00:00:00+02:00",
    "23:59:59",
    "24:00:00",
    "01/02/2003",
    "1999-12-31",
    "31/12/1999",
    "P1Y2M",
    "PT",
    "P1DT2H",
    "2.45,48.79",
    "[2.3, 48.8]",
    "[200, 1]",
    '{"a": 1}',
    '{"a": 1, "b": 2}',
    "[1, 12]",
    '["x"]',
    "[]",
    '{"type": "Point", "coordinates": [2.3, 48.8]}',
    '{"type": "Point"}',
    "a.b@c.fr",
    "a@b@c.fr",
    "6f1c2a4e-8b1d-4c57-9a3e-2f0d7b5c9e11",
    "6f1c2a4e",
    "1 234,5",
    "1.5",
    "0,0",
    "€ 2",
    "3 euros",
    "oui",
    "non",
    "Oui",
    "n/a",
    "NA",
    "abcde",
    "x",
]


def test_every_type_format_and_constraint_gives_the_same_errors(tmp_path):
    names = [f["name"] for f in EVERY_TYPE["fields"]]
    values = TRICKY + MORE_TRICKY
    rows = [names]
    for shift in range(len(values)):
        rows.append([values[(shift * 7 + column) % len(values)] for column in range(len(names))])
    rows.append(rows[1])  # repeated key
    assert_same(write(tmp_path, "tous-types", rows, ","), EVERY_TYPE, ",")


@pytest.mark.parametrize("case", ["arbre", "dispositif-aide", "fontaine-eau", "lamednum-mediation-num"])
def test_latin1_copy_of_a_valid_example_gives_the_same_errors(case, tmp_path):
    schema, delimiter, rows = load_case(case)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path = tmp_path / f"{case}-latin1.csv"
    path.write_bytes(buffer.getvalue().encode("latin-1", errors="replace"))
    assert_same(path, schema, delimiter)


EMAILS = [
    "a@b.fr",
    "a.b@c.fr",
    "a@b",
    "a@b.c",
    "A@B.FR",
    "a..b@c.fr",
    ".a@c.fr",
    "a@-b.fr",
    "a@b_c.fr",
    "é@b.fr",
    "a@é.fr",
    "a@xn--bcher-kva.ch",
    "a@b.123",
    "a@[1.2.3.4]",
    '"a b"@c.fr',
    "a+tag@c.fr",
    "a@b.fr.",
    "a@localhost",
    "a@b..fr",
    " x@y.fr",
    "x@y.fr\n",
    "jean.dupont@mairie-94.fr",
    "a@b.c0m",
    "üü@b.fr",
    "a@b__c.fr",
    "x" * 65 + "@b.fr",
]


def test_email_format_follows_the_validators_library_frictionless_uses():
    import validators

    from parvis.catalog.lib.formats import is_email

    assert [is_email(e) for e in EMAILS] == [bool(validators.email(e)) for e in EMAILS]


def _example_rows(schema: dict) -> list[list[str]]:
    """Header plus rows built from the fields' own ``example`` values, shifted to mix them."""
    fields = schema["fields"]
    examples = [str(f.get("example", "")) for f in fields]
    rows = [[f["name"] for f in fields], examples]
    for shift in (1, 3):
        rows.append([examples[(i + shift) % len(examples)] for i in range(len(examples))])
    return rows


@pytest.mark.parametrize("schema_id", [s["id"] for s in list_schemas()])
def test_every_bundled_schema_judges_rows_of_its_own_examples_like_frictionless(schema_id, tmp_path):
    schema = json.loads(Path(get_schema_entry(schema_id)["path"]).read_text(encoding="utf-8"))
    path = write(tmp_path, schema_id.replace("/", "-"), _example_rows(schema), ",")
    assert_same(path, schema, ",")


def get_schema_entry(schema_id: str) -> dict:
    return next(s for s in list_schemas() if s["id"] == schema_id)
