"""Write typed values back the way their Table Schema writes them.

A version is stored typed (Parquet): booleans, floats, dates. Exported or shown as they
are, they would break the very schema they passed (``true`` where the schema wants
``oui``, ``2.3000000000000003``, ``2024-01-31`` where it wants ``31/01/2024``). Here each
column with a field becomes the text the schema expects: the first ``trueValues`` /
``falseValues``, numbers in their shortest exact form (with the schema's ``decimalChar``),
dates and times in the field's ``format``, geopoints in theirs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parvis.catalog.lib.tableschema import Field, Schema
from parvis.core.lib import lazy, to_polars

if TYPE_CHECKING:
    import polars as pl
    import pyarrow as pa
else:
    pl = lazy.module("polars")
    pa = lazy.module("pyarrow")

_DEFAULT_FORMATS = {"date": "%Y-%m-%d", "datetime": "%Y-%m-%dT%H:%M:%S", "time": "%H:%M:%S"}


def _temporal_format(field: Field) -> str:
    if field.format in ("default", "any", ""):
        return _DEFAULT_FORMATS[field.type]
    return field.format.removeprefix("fmt:")


def _number_text(column: pl.Series, field: Field) -> pl.Series:
    """Shortest text that reads back to the same float; integral values without ``.0``."""
    values = column.cast(pl.Float64)
    integral = values.is_finite() & (values == values.round(0)) & (values.abs() < 1e15)
    text = pl.select(
        pl.when(integral)
        .then(values.cast(pl.Int64, strict=False).cast(pl.String))
        .otherwise(values.cast(pl.String))
    ).to_series()
    if field.decimal_char != ".":
        text = text.str.replace(".", field.decimal_char, literal=True)
    return text


def _geopoint_text(column: pl.Series, field: Field) -> pl.Series:
    """``lon,lat`` (the cast value) in the field's format; values already so written are kept."""
    text = column.cast(pl.String)
    parts = text.str.split_exact(",", 1)
    lon, lat = parts.struct.field("field_0"), parts.struct.field("field_1")
    if field.format == "array":
        written = pl.concat_str([pl.lit("["), lon, pl.lit(", "), lat, pl.lit("]")])
    elif field.format == "object":
        written = pl.concat_str([pl.lit('{"lon": '), lon, pl.lit(', "lat": '), lat, pl.lit("}")])
    else:
        return text
    already = text.str.starts_with("[") | text.str.starts_with("{")
    return pl.select(pl.when(already).then(text).otherwise(written)).to_series()


def field_text(column: pl.Series, field: Field, *, keep_numbers: bool = False) -> pl.Series:
    """``column`` (typed) as ``field`` writes it; numbers stay numbers when ``keep_numbers``."""
    kind = field.type
    if kind == "boolean" and column.dtype == pl.Boolean:
        true, false = (field.true_values or ["true"])[0], (field.false_values or ["false"])[0]
        return pl.select(pl.when(column).then(pl.lit(true)).when(~column).then(pl.lit(false))).to_series()
    if kind == "number" and column.dtype.is_numeric():
        if keep_numbers and field.decimal_char == ".":
            return column
        return _number_text(column, field)
    if kind in _DEFAULT_FORMATS and column.dtype.is_temporal():
        return column.dt.strftime(_temporal_format(field))
    if kind == "geopoint":
        return _geopoint_text(column, field)
    if kind in ("integer", "year") and keep_numbers:
        return column
    return column.cast(pl.String) if column.dtype != pl.String else column


def as_schema_writes(batch: pa.RecordBatch, schema: Schema, *, keep_numbers: bool = False) -> pa.RecordBatch:
    """The batch with every column the schema declares written as the schema writes it."""
    frame = to_polars.dataframe(pa.Table.from_batches([batch]))
    columns = []
    for name in frame.columns:
        field = schema.get_field(name)
        column = frame[name]
        columns.append(
            (field_text(column, field, keep_numbers=keep_numbers) if field else column).alias(name)
        )
    table = pl.DataFrame(columns).to_arrow()
    fields = [
        pa.field(f.name, pa.string())
        if pa.types.is_large_string(f.type) or pa.types.is_string_view(f.type)
        else f
        for f in table.schema
    ]
    table = table.cast(pa.schema(fields)).combine_chunks()
    batches = table.to_batches()
    return batches[0] if batches else pa.RecordBatch.from_pylist([], schema=table.schema)


def _typed_from_text(text: str, field: Field) -> pl.Series | None:
    """A statistic's text (``True``, ``2024-01-31``, ``2.5``) back to its typed value."""
    value = pl.Series([text], dtype=pl.String)
    if field.type == "boolean" and text in ("True", "False", "true", "false"):
        return pl.Series([text.lower() == "true"], dtype=pl.Boolean)
    if field.type == "date":
        return value.str.to_date("%Y-%m-%d", strict=False)
    if field.type == "datetime":
        return value.str.to_datetime(strict=False, time_unit="us")
    if field.type == "time":
        return value.str.to_time("%H:%M:%S", strict=False)
    if field.type == "number":
        return value.cast(pl.Float64, strict=False)
    return None


def value_as_schema_writes(text: object, field: Field | None) -> object:
    """One value shown on a page (a minimum, a maximum) as the schema writes it; else unchanged."""
    if text is None or field is None or not isinstance(text, str):
        return text
    typed = _typed_from_text(text, field)
    if typed is None or typed.null_count():
        return text
    return field_text(typed, field)[0]
