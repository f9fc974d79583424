"""Cast a table to its schema's types, for Parquet storage of a version.

``typed_columns`` builds the typed Arrow table of one chunk from the casts validation has
already made; :class:`ParquetSink` writes those chunks one after the other, so an import
reads, validates and stores a file in one streamed pass.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from typing import cast as cast_to

from parvis.catalog.lib.cast import Cast, cast_column, dtype_for, missing_values_for
from parvis.catalog.lib.header import HeaderMatch, match_header
from parvis.catalog.lib.infer import infer_schema
from parvis.catalog.lib.ingest import IngestResult, read_table
from parvis.catalog.lib.rawtable import unreserved
from parvis.catalog.lib.schema_text import field_text
from parvis.catalog.lib.tableschema import Schema, SchemaSource, load_schema
from parvis.core.lib import lazy, to_polars

if TYPE_CHECKING:
    import polars as pl
    import pyarrow as pa
    import pyarrow.parquet as pq
else:
    pl = lazy.module("polars")
    pa = lazy.module("pyarrow")
    pq = lazy.module("pyarrow.parquet")


def typed_columns(
    data: pl.DataFrame, casts: Sequence[Cast | None], match: HeaderMatch, schema: Schema
) -> pa.Table:
    """The typed table of one chunk: the schema's fields in order, then the unknown columns as text.

    A field absent from the file is an all-null column; invalid or missing cells are null.
    """
    by_field: dict[str, pl.Series] = {}
    extras: dict[str, pl.Series] = {}
    for i, (field, cast) in enumerate(zip(match.fields, casts, strict=True)):
        if field is None or cast is None or field.name in by_field:
            extras[data.columns[i]] = data.to_series(i)
        else:
            # A geopoint has no Parquet type: stored as its schema writes it ([lon, lat]...).
            typed = cast.typed
            by_field[field.name] = (
                field_text(typed, field).alias(typed.name) if field.type == "geopoint" else typed
            )
    # A field named like a DuckDB pseudo-column (``rowid``) is stored under the name a header of that name
    # gets (``rowid_2``): the query API pages on the pseudo-column, which a real column would shadow.
    columns = {
        unreserved(f.name): by_field.get(f.name, pl.Series(f.name, [None] * data.height, dtype=dtype_for(f)))
        for f in schema.fields
    }
    for name, series in extras.items():
        columns[name if name not in columns else f"{name}_fichier"] = series
    for name, series in columns.items():
        if series.dtype == pl.Int128:
            fits = series.is_null().all() or cast_to(int, series.drop_nulls().abs().max()) < 2**63
            columns[name] = series.cast(pl.Int64 if fits else pl.Decimal(38, 0))
    table = pl.DataFrame({k: v.alias(k) for k, v in columns.items()}).to_arrow()
    fields = [
        pa.field(
            f.name,
            pa.string() if pa.types.is_large_string(f.type) or pa.types.is_string_view(f.type) else f.type,
        )
        for f in table.schema
    ]
    return table.cast(pa.schema(fields))


def typed_table(
    source: IngestResult | str | os.PathLike[str], schema: SchemaSource | None = None, **read_options: Any
) -> pa.Table:
    """Cast a whole table to its schema's types (pyarrow Table). Without a schema, one is inferred."""
    ingest = source if isinstance(source, IngestResult) else read_table(source, **read_options)
    schema = load_schema(schema if schema is not None else infer_schema(ingest))
    match = match_header(ingest.header, schema)
    data = to_polars.dataframe(ingest.table) if ingest.table.num_columns else pl.DataFrame()
    casts = [
        cast_column(data.to_series(i), field, missing_values_for(field, schema)) if field else None
        for i, field in enumerate(match.fields)
    ]
    return typed_columns(data, casts, match, schema)


class ParquetSink:
    """Typed chunks written to ``dest`` as one Parquet file, renamed into place when complete."""

    def __init__(self, dest: str | os.PathLike[str]) -> None:
        self.dest = Path(dest)
        self._writer: pq.ParquetWriter | None = None
        self._tmp: str | None = None

    def start(self) -> None:
        """(Re)start from nothing: a streamed read may begin again (see ``stream.Restart``)."""
        self.abort()
        self.dest.parent.mkdir(parents=True, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{self.dest.name}.", suffix=".tmp", dir=self.dest.parent)
        os.close(fd)

    def write(self, table: pa.Table) -> None:
        if self._writer is None:
            self._writer = pq.ParquetWriter(self._started(), table.schema, compression="zstd")
        elif table.schema != self._writer.schema:
            table = table.cast(self._writer.schema)
        self._writer.write_table(table)

    def close(self, empty_schema: pa.Schema | None = None) -> Path:
        if self._writer is None:
            pq.write_table(pa.table([], schema=empty_schema or pa.schema([])), self._started())
        else:
            self._writer.close()
        os.replace(self._started(), self.dest)
        self._writer = self._tmp = None
        return self.dest

    def _started(self) -> str:
        if self._tmp is None:
            raise RuntimeError("ParquetSink.start() was not called")
        return self._tmp

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.close()
        if self._tmp:
            Path(self._tmp).unlink(missing_ok=True)
        self._writer = self._tmp = None
