"""Translate a :class:`QuerySpec` into parameterised DuckDB SQL over one version.

Reads go to the version's query store (``src``, see :mod:`.store`) where ``rowid`` is the row's
position in the file; it breaks ties in every sort so keyset cursors are stable. Exports read the
Parquet file itself. Identifiers are validated against the file schema by :mod:`.spec` and quoted
here; every value is a bound parameter.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from parvis.catalog.query import cursor as cursors
from parvis.catalog.query.spec import QuerySpec
from parvis.core.lib import lazy

if TYPE_CHECKING:
    import pyarrow as pa
else:
    pa = lazy.module("pyarrow")

ROWID = "rowid"
PARQUET = "read_parquet(?)"
_CMP = {"eq": "=", "ne": "!=", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="}


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def fold(word: str) -> str:
    """What DuckDB's ``strip_accents(lower(…))`` makes of a word: « Élève » → « eleve »."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def where(spec: QuerySpec, schema: pa.Schema) -> tuple[str, list]:
    """The WHERE clause (or "") and its parameters for filters and full-text search."""
    clauses, params = [], []
    for f in spec.filters:
        col = ident(f.column)
        if f.op in _CMP:
            clauses.append(f"{col} {_CMP[f.op]} ?")
            params.append(f.value)
        elif f.op == "in":
            assert isinstance(f.value, tuple)  # the spec keeps the values of "in" as a tuple
            if not f.value:
                clauses.append("FALSE")
                continue
            clauses.append(f"{col} IN ({', '.join('?' * len(f.value))})")
            params.extend(f.value)
        elif f.op == "like":
            clauses.append(f"CAST({col} AS VARCHAR) ILIKE ?")
            params.append(f.value)
        elif f.op == "isnull":
            clauses.append(f"{col} IS NULL")
        elif f.op == "notnull":
            clauses.append(f"{col} IS NOT NULL")
    if spec.q:
        texts = [
            ident(fl.name)
            for fl in schema
            if pa.types.is_string(fl.type) or pa.types.is_large_string(fl.type)
        ]
        haystack = f"strip_accents(lower(concat_ws(' ', {', '.join(texts)})))" if texts else "''"
        for word in spec.q.split()[:10]:
            clauses.append(f"{haystack} LIKE ? ESCAPE '\\'")
            params.append(f"%{_like_escape(fold(word))}%")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _keyset(sort: list[tuple[str, bool]], values: list, rowid: int) -> tuple[str, list]:
    """Rows strictly after (values, rowid) in ``ORDER BY sort NULLS LAST, rowid``."""
    ors, params = [], []
    prefix: list[str] = []
    prefix_params: list = []
    for (col, desc), value in zip(sort, values, strict=True):
        c = ident(col)
        if value is not None:
            ors.append(" AND ".join([*prefix, f"({c} {'<' if desc else '>'} ? OR {c} IS NULL)"]))
            params.extend([*prefix_params, value])
            prefix.append(f"{c} = ?")
            prefix_params.append(value)
        else:
            prefix.append(f"{c} IS NULL")
    ors.append(" AND ".join([*prefix, f"{ROWID} > ?"]))
    params.extend([*prefix_params, rowid])
    return "(" + " OR ".join(f"({o})" for o in ors) + ")", params


def order_by(sort: list[tuple[str, bool]]) -> str:
    keys = [f"{ident(col)} {'DESC' if desc else 'ASC'} NULLS LAST" for col, desc in sort]
    return " ORDER BY " + ", ".join([*keys, ROWID])


def select_list(spec: QuerySpec, schema: pa.Schema) -> str:
    return ", ".join(ident(c) for c in (spec.columns or schema.names))


def page_keys(spec: QuerySpec, schema: pa.Schema, src: str) -> tuple[str, list]:
    """Phase 1 of a page: the row ids, then the sort keys, of ``size + 1`` rows (narrow columns only)."""
    clause, params = where(spec, schema)
    if spec.cursor:
        values, rowid = cursors.decode(spec.cursor, spec.sort, schema)
        keyset, kparams = _keyset(spec.sort, values, rowid)
        clause = (clause + " AND " if clause else " WHERE ") + keyset
        params += kparams
    # No aliases: ORDER BY would take an alias for the data column of that name (``__rowid``); the row id and
    # the sort keys are read by position.
    keys = "".join(f", {ident(c)}" for c, _d in spec.sort)
    sql = f"SELECT {ROWID}{keys} FROM {src}{clause}{order_by(spec.sort)} LIMIT ? OFFSET ?"
    return sql, [*params, spec.size + 1, 0 if spec.cursor else spec.offset]


def page_rows(spec: QuerySpec, schema: pa.Schema, src: str, rowids: list[int]) -> tuple[str, list]:
    """Phase 2 of a page: the row id (first, read by position: a data column may be named ``__rowid``), then
    the selected columns of the rows found in phase 1."""
    sql = f"SELECT {ROWID} AS __rowid, {select_list(spec, schema)} FROM {src} WHERE {ROWID} IN (SELECT unnest(?::BIGINT[]))"
    return sql, [rowids]


def count(spec: QuerySpec, schema: pa.Schema, src: str) -> tuple[str, list]:
    clause, params = where(spec, schema)
    return f"SELECT count(*) FROM {src}{clause}", params


def facets(spec: QuerySpec, schema: pa.Schema, src: str, columns: list[str]) -> tuple[str, list]:
    """The ``spec.facet_size`` most frequent values of several columns in one scan (GROUPING SETS; ``__set``
    tells the column), with ``__distinct``, the number of distinct values of that column. Ties are broken
    by the value's text, empty cells last."""
    clause, params = where(spec, schema)
    cols = ", ".join(ident(c) for c in columns)
    sets = ", ".join(f"({ident(c)})" for c in columns)
    n = len(columns)
    grouping = f"GROUPING({cols})" if n > 1 else "0"
    if n == 1:
        value = f"CAST({ident(columns[0])} AS VARCHAR)"
    else:  # in the set of column k, every bit of GROUPING is set but bit (n - 1 - k)
        whens = " ".join(
            f"WHEN {(2**n - 1) ^ (1 << (n - 1 - k))} THEN CAST({ident(c)} AS VARCHAR)"
            for k, c in enumerate(columns)
        )
        value = f"CASE __set {whens} END"
    sql = (
        f"WITH g AS (SELECT {cols}, {grouping} AS __set, count(*) AS __n FROM {src}{clause} "
        f"GROUP BY GROUPING SETS ({sets})), "
        f"r AS (SELECT *, count(*) OVER (PARTITION BY __set) AS __distinct, row_number() OVER "
        f"(PARTITION BY __set ORDER BY __n DESC, {value} IS NULL, {value}) AS __rank FROM g) "
        "SELECT * FROM r WHERE __rank <= ? ORDER BY __set, __rank"
    )
    return sql, [*params, spec.facet_size]


def aggregate(spec: QuerySpec, schema: pa.Schema, src: str) -> tuple[str, list]:
    clause, params = where(spec, schema)
    exprs = []
    for func, col in spec.aggregates or [("count", None)]:
        if col is None:
            exprs.append("count(*) AS count")
        else:
            exprs.append(f"{func}({ident(col)}) AS {ident(func + '_' + col)}")
    if spec.group:
        g = ident(spec.group)
        sql = (
            f"SELECT {g}, {', '.join(exprs)} FROM {src}{clause} GROUP BY {g} ORDER BY {g} NULLS LAST LIMIT ?"
        )
        return sql, [*params, spec.size]
    return f"SELECT {', '.join(exprs)} FROM {src}{clause}", params


def export(spec: QuerySpec, schema: pa.Schema, path: str, *, limit: int | None = None) -> tuple[str, list]:
    """SELECT all matching rows of the Parquet file (no paging) in the requested order, for exports."""
    clause, params = where(spec, schema)
    order = (
        (" ORDER BY " + ", ".join(f"{ident(c)} {'DESC' if d else 'ASC'} NULLS LAST" for c, d in spec.sort))
        if spec.sort
        else ""
    )
    tail = " LIMIT ?" if limit is not None else ""
    return (
        f"SELECT {select_list(spec, schema)} FROM {PARQUET}{clause}{order}{tail}",
        [path, *params, *([limit] if limit is not None else [])],
    )
