"""The bulk casts of ``fastcast.py`` agree, value by value, with the exact readers.

Every value is cast twice: by ``cast_column`` (fast path first) and by the Frictionless-like
reader of ``readers.py`` alone. Any disagreement would be a wrong verdict at full speed.
"""

from __future__ import annotations

import math

import polars as pl
import pytest

from parvis.catalog.lib.cast import cast_column, to_polars_value
from parvis.catalog.lib.fastcast import fast_cast
from parvis.catalog.lib.readers import reader_for
from parvis.catalog.lib.tableschema import load_schema

VALUES = [
    "",
    " ",
    "0",
    "7",
    " 7 ",
    "-3",
    "+5",
    "1_000",
    "1.5",
    "1,5",
    "12,50",
    "1 234,5",
    "1.234,5",
    "1e3",
    "NaN",
    "-Infinity",
    "١٢",
    "\x1c12",
    "1_0.5",
    "douze",
    "2024",
    "0000",
    "2024-01",
    "2024-13",
    "2024-1",
    "2024-01-31",
    "2024-02-30",
    "0000-01-01",
    "31/12/2024",
    "01/02/2024 10:30",
    "1/2/2024",
    "2024-01-01T10:00:00",
    "2024-01-01T10:00:00Z",
    "2024-01-01T10:00:00+02:00",
    "2024-01-01T10:00:00+25:00",
    "2024-01-01T24:00:00",
    "2024-01-01 10:00:00",
    "2024-01-01T10:00:60",
    "10:00:00",
    "24:00:00",
    "10:00",
    "9h30",
    "P1D",
    "P",
    "PT",
    "P1DT2H",
    "P1.5Y",
    "PT36H",
    "3 jours",
    "2.35,48.85",
    "2.3500,48.85",
    " 2.35 , 48.85 ",
    "200,95",
    "180,90",
    "0.0000001,1.5",
    "0.05,-0.5",
    "agent@mairie.fr",
    "Agent.Dupont@Mairie-Paris.FR",
    "agent@mairie",
    "a@b@c.fr",
    "agent@mairie_x.fr",
    "agent@-mairie.fr",
    "élu@mairie.fr",
    "agent@mairie.fr\n",
    '"quoted"@mairie.fr',
    "https://www.mairie.fr",
    "www.mairie.fr",
    "mailto:x@y.fr",
    "12345678-1234-1234-1234-1234567890ab",
    "{12345678-1234-1234-1234-1234567890ab}",
    "1234567812341234123412345678900",
    "oui",
    "non",
    "true",
]
FIELDS = [
    {"name": "f", "type": "integer"},
    {"name": "f", "type": "number"},
    {"name": "f", "type": "number", "decimalChar": ",", "groupChar": " "},
    {"name": "f", "type": "number", "decimalChar": ",", "groupChar": "."},
    {"name": "f", "type": "number", "groupChar": ","},
    {"name": "f", "type": "date"},
    {"name": "f", "type": "date", "format": "%d/%m/%Y"},
    {"name": "f", "type": "datetime"},
    {"name": "f", "type": "datetime", "format": "%d/%m/%Y %H:%M"},
    {"name": "f", "type": "time"},
    {"name": "f", "type": "year"},
    {"name": "f", "type": "yearmonth"},
    {"name": "f", "type": "duration"},
    {"name": "f", "type": "geopoint"},
    {"name": "f", "type": "string", "format": "email"},
    {"name": "f", "type": "string", "format": "uri"},
    {"name": "f", "type": "string", "format": "uuid"},
]


@pytest.mark.parametrize("descriptor", FIELDS, ids=lambda d: "-".join(str(v) for v in d.values()))
def test_the_bulk_cast_gives_the_exact_readers_verdict_and_value(descriptor):
    field = load_schema({"fields": [descriptor]}).fields[0]
    raw = pl.Series("f", VALUES, dtype=pl.String)
    cast = cast_column(raw, field, [""])
    reader = reader_for(field)
    for index, value in enumerate(VALUES):
        if value == "":
            continue
        expected = to_polars_value(field, reader(value))
        got = cast.typed[index]
        assert cast.invalid[index] == (expected is None), (value, got, expected)
        if isinstance(expected, float) and math.isnan(expected):
            assert math.isnan(got), value
        elif expected is not None:
            assert got == pytest.approx(expected) if isinstance(expected, float) else got == expected, value


@pytest.mark.parametrize("descriptor", FIELDS, ids=lambda d: "-".join(str(v) for v in d.values()))
def test_the_bulk_cast_decides_the_common_shapes_itself(descriptor):
    field = load_schema({"fields": [descriptor]}).fields[0]
    typed, _sure_bad = fast_cast(pl.Series("f", VALUES, dtype=pl.String), field)
    assert typed is not None and typed.is_not_null().sum() >= 1
