"""Cast a table to its schema's types, for Parquet storage of a version."""

from __future__ import annotations

from parvis.catalog.lib.cast import cast_column, dtype_for, missing_values_for
from parvis.catalog.lib.header import match_header
from parvis.catalog.lib.infer import infer_schema
from parvis.catalog.lib.ingest import IngestResult, read_table
from parvis.catalog.lib.tableschema import load_schema
from parvis.core.lib import lazy

pl = lazy.module("polars")
pa = lazy.module("pyarrow")


def typed_table(source, schema=None, **read_options):
    """Cast a table to its schema's types (pyarrow Table, for Parquet storage).

    Columns follow the schema's field order and carry the field names; a field absent from
    the file is an all-null column; columns the schema does not know are appended as text.
    Invalid or missing cells become null. Without a schema, one is inferred.
    """
    ingest = source if isinstance(source, IngestResult) else read_table(source, **read_options)
    schema = load_schema(schema if schema is not None else infer_schema(ingest))
    match = match_header(ingest.header, schema)
    data = pl.from_arrow(ingest.table) if ingest.table.num_columns else pl.DataFrame()
    by_field, extras = {}, {}
    for i, field in enumerate(match.fields):
        if field is None or field.name in by_field:
            extras[data.columns[i]] = data.to_series(i)
        else:
            by_field[field.name] = cast_column(
                data.to_series(i), field, missing_values_for(field, schema)
            ).typed
    columns = {
        f.name: by_field.get(f.name, pl.Series(f.name, [None] * ingest.row_count, dtype=dtype_for(f)))
        for f in schema.fields
    }
    for name, series in extras.items():
        columns[name if name not in columns else f"{name}_fichier"] = series
    for name, series in columns.items():
        if series.dtype == pl.Int128:
            fits = series.is_null().all() or (series.drop_nulls().abs().max() < 2**63)
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
