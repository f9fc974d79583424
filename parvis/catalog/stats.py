"""Per-column statistics of a Parquet file (nulls, distinct values, min, max) with DuckDB."""

from __future__ import annotations

from typing import TYPE_CHECKING

from parvis.catalog.lib.rawtable import unreserved
from parvis.catalog.query import type_label
from parvis.catalog.query.connect import Limits, new_connection
from parvis.catalog.query.engine import schema_of
from parvis.core.lib import lazy

if TYPE_CHECKING:
    import pyarrow as pa
else:
    pa = lazy.module("pyarrow")


def column_stats(path: str, schema: dict | None = None) -> list[dict]:
    """One dict per column: name, type (Table Schema type when known), label, nulls, distinct, min, max."""
    arrow = schema_of(path)
    declared = {
        unreserved(str(f.get("name"))): f.get("type", "string") for f in (schema or {}).get("fields", [])
    }
    con = new_connection(Limits())
    try:
        rows = con.execute("SUMMARIZE SELECT * FROM read_parquet(?)", [path]).fetchall()
        names = [d[0] for d in con.description]
    finally:
        con.close()
    by_name = {row[names.index("column_name")]: dict(zip(names, row, strict=True)) for row in rows}
    out = []
    for field in arrow:
        info = by_name.get(field.name, {})
        count = int(info.get("count") or 0)
        null_pct = float(info.get("null_percentage") or 0)
        out.append(
            {
                "name": field.name,
                "type": declared.get(field.name) or _table_schema_type(field.type),
                "label": type_label(field.type),
                "nulls": round(count * null_pct / 100),
                "distinct": int(info.get("approx_unique") or 0),
                "min": _short(info.get("min")),
                "max": _short(info.get("max")),
            }
        )
    return out


def _table_schema_type(typ) -> str:

    for test, name in (
        (pa.types.is_boolean, "boolean"),
        (pa.types.is_integer, "integer"),
        (pa.types.is_floating, "number"),
        (pa.types.is_decimal, "number"),
        (pa.types.is_timestamp, "datetime"),
        (pa.types.is_date, "date"),
        (pa.types.is_time, "time"),
    ):
        if test(typ):
            return name
    return "string"


def _short(value) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"
