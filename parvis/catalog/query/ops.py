"""High-level read operations on one Parquet file: a page of rows, facets, aggregates, exports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa

from . import cursor as cursors
from . import engine, sql
from .spec import QuerySpec

FACET_LIMIT = 30


@dataclass
class Page:
    table: pa.Table
    total: int
    next_cursor: str | None
    offset: int


def rows(path: str, spec: QuerySpec, limits: engine.Limits, *, with_total: bool = True) -> Page:
    schema = engine.schema_of(path)
    result = engine.run(*sql.page(spec, schema, path), limits)
    has_more = result.num_rows > spec.size
    result = result.slice(0, spec.size)
    next_cursor = None
    if has_more and result.num_rows:
        last = result.num_rows - 1
        keys = [result.column(f"__k{i}")[last].as_py() for i in range(len(spec.sort))]
        next_cursor = cursors.encode(spec.sort, keys, result.column("__rowid")[last].as_py())
    data_cols = [n for n in result.column_names if n != "__rowid" and not n.startswith("__k")]
    total = engine.run(*sql.count(spec, schema, path), limits).column(0)[0].as_py() if with_total else -1
    return Page(result.select(data_cols), total, next_cursor, 0 if spec.cursor else spec.offset)


def count(path: str, spec: QuerySpec, limits: engine.Limits) -> int:
    schema = engine.schema_of(path)
    return engine.run(*sql.count(spec, schema, path), limits).column(0)[0].as_py()


def facets(
    path: str, spec: QuerySpec, limits: engine.Limits, limit: int = FACET_LIMIT
) -> dict[str, list[tuple]]:
    """For each facet column, its most frequent values as (value, count), most frequent first."""
    columns = list(dict.fromkeys(spec.facets))
    if not columns:
        return {}
    schema = engine.schema_of(path)
    table = engine.run(*sql.facets(spec, schema, path, columns), limits)
    out: dict[str, list[tuple]] = {c: [] for c in columns}
    n = len(columns)
    sets = table.column("__set").to_pylist()
    counts = table.column("__n").to_pylist()
    values = {c: table.column(c).to_pylist() for c in columns}
    for i, grouping in enumerate(sets):
        # GROUPING(a, b, c) has bit (n-1-k) set when column k is NOT grouped in this row.
        k = 0 if n == 1 else next(j for j in range(n) if not grouping >> (n - 1 - j) & 1)
        out[columns[k]].append((values[columns[k]][i], counts[i]))
    for c in columns:
        out[c].sort(key=lambda item: (-item[1], item[0] is None, str(item[0])))
        del out[c][limit:]
    return out


def aggregate(path: str, spec: QuerySpec, limits: engine.Limits) -> pa.Table:
    schema = engine.schema_of(path)
    return engine.run(*sql.aggregate(spec, schema, path), limits)


def export_batches(
    path: str, spec: QuerySpec, limits: engine.Limits, *, limit: int | None = None
) -> Iterator[pa.RecordBatch]:
    schema = engine.schema_of(path)
    return engine.stream(*sql.export(spec, schema, path, limit=limit), limits)
