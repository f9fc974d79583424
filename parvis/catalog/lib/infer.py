"""Infer an editable Table Schema from a table whose every cell is text."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from parvis.catalog.lib.cast import cast_column
from parvis.catalog.lib.ingest import IngestResult, read_table
from parvis.catalog.lib.tableschema import Field
from parvis.core.lib import lazy, to_polars

if TYPE_CHECKING:
    import polars as pl
    import pyarrow as pa
else:
    pl = lazy.module("polars")
    pa = lazy.module("pyarrow")

# Candidate types, most specific first. A column takes the first type every non-empty
# value satisfies; "string" always fits.
CANDIDATES = (
    ("boolean", "default"),
    ("integer", "default"),
    ("number", "default"),
    ("date", "default"),
    ("datetime", "default"),
    ("string", "default"),
)
_LEADING_ZERO = r"^[+-]?0[0-9]"
_SAMPLE_ROWS = 200_000


def _boolean_field() -> Field:
    return Field(
        name="x",
        type="boolean",
        true_values=["true", "True", "TRUE"],
        false_values=["false", "False", "FALSE"],
    )


def infer_type(values: pl.Series) -> tuple[str, str]:
    """Best (type, format) for a text column (empty strings count as missing)."""
    present = values.filter(values.is_not_null() & (values != ""))
    if present.is_empty():
        return "string", "default"
    distinct = present.unique()
    if distinct.str.contains(_LEADING_ZERO).any():
        return "string", "default"  # codes such as 01234 (postal codes) keep their zeros
    for kind, fmt in CANDIDATES[:-1]:
        field = _boolean_field() if kind == "boolean" else Field(name="x", type=kind, format=fmt)
        if not cast_column(distinct, field, [""]).invalid.any():
            return kind, fmt
    return "string", "default"


def infer_schema(
    source: IngestResult | str | os.PathLike[str], *, sample_rows: int = _SAMPLE_ROWS
) -> dict[str, Any]:
    """Return a Table Schema descriptor (dict) describing ``source``'s columns."""
    ingest = source if isinstance(source, IngestResult) else read_table(source)
    data = (
        to_polars.dataframe(ingest.table.slice(0, sample_rows))
        if ingest.table.num_columns
        else pl.DataFrame()
    )
    fields: list[dict[str, Any]] = []
    for name in data.columns:
        column = data.get_column(name)
        kind, fmt = infer_type(column)
        descriptor: dict[str, Any] = {"name": name, "type": kind}
        if fmt != "default":
            descriptor["format"] = fmt
        if kind == "boolean":
            descriptor["trueValues"] = ["true", "True", "TRUE"]
            descriptor["falseValues"] = ["false", "False", "FALSE"]
        example = column.filter(column.is_not_null() & (column != "")).head(1).to_list()
        if example:
            descriptor["example"] = example[0]
        fields.append(descriptor)
    return {"fields": fields, "missingValues": [""]}


def infer_schema_streamed(
    source: str | os.PathLike[str], *, sample_rows: int = _SAMPLE_ROWS, **read_options: Any
) -> dict[str, Any]:
    """``infer_schema`` on the first ``sample_rows`` rows of a file, read as a stream (not whole)."""
    from parvis.catalog.lib.rawtable import IngestResult as Sample
    from parvis.catalog.lib.rawtable import unique_names
    from parvis.catalog.lib.stream import Restart, open_stream

    stream = open_stream(source, **read_options)
    while True:
        try:
            parts: list[pa.Table] = []
            rows = 0
            for chunk in stream:
                parts.append(chunk.table)
                rows += chunk.row_count
                if rows >= sample_rows:
                    break
            break
        except Restart as restart:
            stream.mode, stream.encoding = restart.mode, restart.encoding or stream.encoding
    if stream.whole is not None:
        return infer_schema(stream.whole, sample_rows=sample_rows)
    names = unique_names(stream.header)
    empty = pa.table([pa.array([], pa.string()) for _name in names], names=names)
    table = pa.concat_tables(parts).slice(0, sample_rows) if parts else empty
    return infer_schema(Sample(table=table, format=stream.format, header=stream.header))
