"""High-level read operations on one Parquet file: a page of rows, facets, aggregates, exports."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from parvis.catalog.query import cursor as cursors
from parvis.catalog.query import engine, sql
from parvis.catalog.query.errors import QueryError
from parvis.catalog.query.spec import QuerySpec
from parvis.core.lib import lazy

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.compute as pc
else:
    pa = lazy.module("pyarrow")
    pc = lazy.module("pyarrow.compute")


@dataclass
class Page:
    table: pa.Table
    total: int
    next_cursor: str | None
    offset: int
    rowids: list[int] = field(default_factory=list)  # each row's position in the file, in page order


def rows(path: str, spec: QuerySpec, limits: engine.Limits, *, with_total: bool = True) -> Page:
    """One page: row ids found on the sort/filter columns, then the full rows fetched by id."""
    schema = engine.schema_of(path)
    if any(name.casefold() == sql.ROWID for name in schema.names):  # stored before such columns were renamed
        raise QueryError(
            _(
                "Cette version a une colonne nommée « {name} », que le moteur de requêtes confond avec le numéro "
                "des lignes : réimportez le fichier, la colonne sera renommée « {name}_2 »."
            ).format(name=next(n for n in schema.names if n.casefold() == sql.ROWID))
        )
    src = engine.source(path, limits)
    keys = engine.run(*sql.page_keys(spec, schema, src), limits)
    has_more = keys.num_rows > spec.size
    keys = keys.slice(0, spec.size)
    ids = keys.column(0).to_pylist()  # the row ids come first in both phases
    full = engine.run(*sql.page_rows(spec, schema, src, ids), limits)
    order = pc.index_in(pa.array(ids, pa.int64()), value_set=full.column(0).cast(pa.int64()))
    table = full.take(order).remove_column(0)
    next_cursor = None
    if has_more and ids:
        last = len(ids) - 1
        values = [keys.column(1 + i)[last].as_py() for i in range(len(spec.sort))]
        next_cursor = cursors.encode(spec.sort, values, ids[last])
    total = count(path, spec, limits) if with_total else -1
    return Page(table, total, next_cursor, 0 if spec.cursor else spec.offset, ids)


def row_at(path: str, rowid: int, limits: engine.Limits) -> pa.Table:
    """The row at position ``rowid`` in the file (a table of one row, or none past the end)."""
    schema = engine.schema_of(path)
    src = engine.source(path, limits)
    return engine.run(*sql.page_rows(QuerySpec(), schema, src, [int(rowid)]), limits).drop_columns(
        ["__rowid"]
    )


_COUNTS: OrderedDict[tuple, int] = OrderedDict()
_COUNTS_LOCK = threading.Lock()


def count(path: str, spec: QuerySpec, limits: engine.Limits) -> int:
    """Matching rows; memoised per process, keyed by the file's identity (stored names embed the content's
    hash; size and modification time catch a file replaced in place, e.g. by a restore)."""
    schema = engine.schema_of(path)
    clause, params = sql.where(spec, schema)
    key = (engine.file_identity(path), clause, repr(params))
    with _COUNTS_LOCK:
        if key in _COUNTS:
            _COUNTS.move_to_end(key)
            return _COUNTS[key]
    value = engine.run(*sql.count(spec, schema, engine.source(path, limits)), limits).column(0)[0].as_py()
    with _COUNTS_LOCK:
        _COUNTS[key] = value
        while len(_COUNTS) > 4096:
            _COUNTS.popitem(last=False)
    return value


@dataclass
class Facet:
    """The most frequent values of a column as (value, count), most frequent first; ``distinct`` values in
    all, ``truncated`` when some were left out."""

    values: list[tuple]
    distinct: int

    @property
    def truncated(self) -> bool:
        return len(self.values) < self.distinct


def facets(path: str, spec: QuerySpec, limits: engine.Limits) -> dict[str, Facet]:
    """For each facet column, its ``spec.facet_size`` most frequent values and its number of distinct values."""
    columns = list(dict.fromkeys(spec.facets))
    if not columns:
        return {}
    schema = engine.schema_of(path)
    table = engine.run(*sql.facets(spec, schema, engine.source(path, limits), columns), limits)
    out = {c: Facet([], 0) for c in columns}
    n = len(columns)
    sets = table.column("__set").to_pylist()
    counts = table.column("__n").to_pylist()
    distinct = table.column("__distinct").to_pylist()
    values = {c: table.column(c).to_pylist() for c in columns}
    for i, grouping in enumerate(sets):
        # GROUPING(a, b, c) has bit (n-1-k) set when column k is NOT grouped in this row.
        k = 0 if n == 1 else next(j for j in range(n) if not grouping >> (n - 1 - j) & 1)
        facet = out[columns[k]]
        facet.values.append((values[columns[k]][i], counts[i]))
        facet.distinct = distinct[i]
    return out


def aggregate(path: str, spec: QuerySpec, limits: engine.Limits) -> pa.Table:
    schema = engine.schema_of(path)
    return engine.run(*sql.aggregate(spec, schema, engine.source(path, limits)), limits)


def export_batches(
    path: str, spec: QuerySpec, limits: engine.Limits, *, limit: int | None = None
) -> Iterator[pa.RecordBatch]:
    schema = engine.schema_of(path)
    return engine.stream(*sql.export(spec, schema, path, limit=limit), limits)
