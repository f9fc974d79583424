"""Vectorised casting of raw string columns to Table Schema types.

Cells in the common shape of their type or format (``123``, ``4,5``, ``2024-01-31``,
``agent@mairie.fr``... see ``fastcast.py``) are cast by polars in bulk; every other
distinct value goes through the exact Frictionless-like reader of ``readers.py`` once, and
the result is joined back. Both paths give the same verdicts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from parvis.catalog.lib.fastcast import fast_cast
from parvis.catalog.lib.items import item_checker
from parvis.catalog.lib.readers import reader_for
from parvis.catalog.lib.tableschema import Field, Schema
from parvis.core.lib import lazy

if TYPE_CHECKING:
    import polars as pl
    from polars._typing import PolarsDataType
else:
    pl = lazy.module("polars")


@cache
def _dtypes() -> dict[str, PolarsDataType]:
    """Polars type of each Table Schema type (a function: importing this module must not load polars)."""
    return {
        "integer": pl.Int64,  # Int128 when a value does not fit (see cast_column)
        "number": pl.Float64,
        "boolean": pl.Boolean,
        "date": pl.Date,
        "datetime": pl.Datetime("us"),
        "time": pl.Time,
        "year": pl.Int32,
    }


JSON_TYPES = ("geopoint", "geojson", "object", "array")
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


@dataclass
class Cast:
    missing: pl.Series  # bool: null (missing cell) or one of the missing values
    invalid: pl.Series  # bool: present but not a valid value of the type
    typed: pl.Series  # typed value, null when missing or invalid
    lengths: pl.Series | None = None  # element count (array/object), for min/maxLength
    item_failures: pl.Series | None = None  # arrayItem constraints failed, comma-separated


def missing_values_for(field: Field | None, schema: Schema) -> list[str]:
    """The missing values of a column: the field's own, else the schema's (``[""]`` without field)."""
    if field is None:
        return [""]
    return field.missing_values if field.missing_values is not None else schema.missing_values


def dtype_for(field: Field | None) -> PolarsDataType:
    return _dtypes().get(field.type, pl.String) if field else pl.String


def to_polars_value(field: Field, value: Any) -> Any:
    """Convert a reader's Python value to what the typed polars column holds."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        try:
            return float(value)
        except ValueError:
            return float("nan")
    if field.type in ("geojson", "object", "array"):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return value


def cast_value(field: Field, value: Any) -> Any:
    """Cast a constraint value (``enum`` item, ``minimum``...) as the cells are cast."""
    if isinstance(value, str):
        return to_polars_value(field, reader_for(field)(value))
    if field.type in ("integer", "year") and isinstance(value, int) and not isinstance(value, bool):
        return value
    if field.type == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if field.type == "boolean" and isinstance(value, bool):
        return value
    if field.type in JSON_TYPES and isinstance(value, list | dict):
        if field.type == "geopoint":
            return reader_for(field)(json.dumps(value)) if field.format != "default" else None
        return to_polars_value(field, value)
    return None


def cast_column(raw: pl.Series, field: Field | None, missing_values: list[str]) -> Cast:
    missing = raw.is_null() | raw.is_in(missing_values)
    if field is None or (field.type in ("string", "any") and field.format in ("default", "")):
        typed = pl.select(pl.when(~missing).then(raw)).to_series() if missing.any() else raw
        return Cast(missing, pl.repeat(False, len(raw), eager=True), typed)
    if field.type == "boolean":
        true, false = raw.is_in(field.true_values), raw.is_in(field.false_values)
        typed = pl.select(
            pl.when(missing).then(None).when(true).then(True).when(false).then(False)
        ).to_series()
        return Cast(missing, ~missing & typed.is_null(), typed)
    dtype = dtype_for(field)
    fast, sure_bad = fast_cast(raw, field)
    need = ~missing if fast is None else ~missing & fast.is_null()
    invalid = pl.repeat(False, len(raw), eager=True)
    if sure_bad is not None:
        invalid = ~missing & sure_bad
        need = need & ~sure_bad
    typed = pl.Series(raw.name, [None] * len(raw), dtype=dtype) if fast is None else fast.cast(dtype)
    lengths = pl.Series([None] * len(raw), dtype=pl.Int64) if field.type in ("array", "object") else None
    checker = item_checker(field) if field.type == "array" else None
    items = pl.Series([None] * len(raw), dtype=pl.String) if checker else None
    index = need.arg_true()
    if index.is_empty():
        return Cast(missing, invalid, typed.alias(raw.name), lengths, items)
    # Exact reader on each distinct value needing it, then scattered back in place.
    subset = raw.gather(index)
    distinct = subset.unique()
    reader = reader_for(field)
    values = [reader(v) for v in distinct.to_list()]
    failures: list[str | None] = [None] * len(values)
    if checker:
        for position, value in enumerate(values):
            if value is not None:
                typed_ok, failed = checker(value)
                failures[position] = ",".join(failed) or None
                values[position] = value if typed_ok else None

    def spread(mapped: list[Any], kind: PolarsDataType) -> pl.Series:
        return subset.replace_strict(
            distinct, pl.Series(mapped, dtype=kind, strict=False), default=None, return_dtype=kind
        )

    converted = [to_polars_value(field, v) for v in values]
    if dtype == pl.Int64 and any(v is not None and not _INT64_MIN <= v <= _INT64_MAX for v in converted):
        dtype, typed = pl.Int128, typed.cast(pl.Int128)
    typed = typed.scatter(index, spread(converted, dtype))
    invalid = invalid.scatter(index, ~spread([v is not None for v in values], pl.Boolean))
    if lengths is not None:
        lengths = lengths.scatter(
            index, spread([len(v) if isinstance(v, list | dict) else None for v in values], pl.Int64)
        )
    if items is not None:
        items = items.scatter(index, spread(failures, pl.String))
    return Cast(missing, invalid, typed.alias(raw.name), lengths, items)
