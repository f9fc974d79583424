"""Run DuckDB queries over Parquet files with a time limit, a memory limit and bounded threads.

One DuckDB connection per thread (in-memory database, settings applied once); a timer calls
``interrupt()`` when a query runs past ``timeout`` seconds, which becomes :class:`QueryTimeout`.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from parvis.catalog.query import store
from parvis.catalog.query.connect import Limits, new_connection, session
from parvis.catalog.query.errors import QueryError, QueryResourceError, QueryTimeout
from parvis.core.lib import lazy

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq
else:
    duckdb = lazy.module("duckdb")
    pa = lazy.module("pyarrow")
    pq = lazy.module("pyarrow.parquet")

_local = threading.local()


def connection(limits: Limits) -> duckdb.DuckDBPyConnection:
    """The calling thread's connection, (re)configured when the limits change."""
    con = getattr(_local, "con", None)
    if con is None or getattr(_local, "limits", None) != limits:
        if con is not None:
            con.close()
        con = new_connection(limits)
        _local.con, _local.limits, _local.attached = con, limits, set()
    return con


def source(parquet_path: str, limits: Limits) -> str:
    """The table name of the version's query store, attached on this thread's connection."""
    con = connection(limits)
    try:
        return store.attach(con, parquet_path, _local.attached)
    except (duckdb.Error, OSError) as exc:
        raise QueryResourceError(
            _("Le fichier de données de cette version est illisible ou absent.")
        ) from exc


def _translate(exc: duckdb.Error, limits: Limits) -> QueryError:
    if isinstance(exc, duckdb.InterruptException):
        return QueryTimeout(limits.timeout)
    if isinstance(exc, duckdb.OutOfMemoryException):
        return QueryResourceError(
            _(
                "La requête demande plus de mémoire que la limite autorisée. Ajoutez des filtres ou moins de colonnes."
            )
        )
    if isinstance(exc, duckdb.IOException):
        return QueryResourceError(_("Le fichier de données de cette version est illisible ou absent."))
    return QueryError(
        _("Requête impossible à exécuter sur ces données : {detail}").format(detail=str(exc)[:200])
    )


@contextmanager
def bounded(limits: Limits) -> Iterator[duckdb.DuckDBPyConnection]:
    """A private connection for a piece of work of several queries (version diff, statistics, error
    report pages) within the memory, thread and time limits; DuckDB errors become QueryError."""
    try:
        with session(limits) as con:
            yield con
    except duckdb.Error as exc:
        raise _translate(exc, limits) from exc


def run(sql: str, params: list, limits: Limits) -> pa.Table:
    """Execute and fetch the whole (small) result as an Arrow table, within the time limit."""
    con = connection(limits)
    timer = threading.Timer(limits.timeout, con.interrupt)
    timer.start()
    try:
        return con.sql(sql, params=params).to_arrow_table()
    except duckdb.Error as exc:
        raise _translate(exc, limits) from exc
    finally:
        timer.cancel()


def stream(sql: str, params: list, limits: Limits, batch_size: int = 65_536) -> Iterator[pa.RecordBatch]:
    """Yield record batches of a large result on a private connection (exports).

    The time limit applies to the start of the query (planning, first batch), not to the
    whole download, which is paced by the client.
    """
    con = new_connection(limits)
    timer = threading.Timer(limits.timeout, con.interrupt)
    timer.start()
    try:
        try:
            reader = con.sql(sql, params=params).to_arrow_reader(batch_size)
        finally:
            timer.cancel()
        yield from reader
    except duckdb.Error as exc:
        raise _translate(exc, limits) from exc
    finally:
        con.close()


@functools.lru_cache(maxsize=256)
def _schema_cached(path: str, size: int, mtime_ns: int) -> pa.Schema:
    return pq.read_schema(path)


def file_identity(path: str) -> tuple[str, int, int]:
    """What makes a cached answer about a file true: its path (stored names embed the content's hash), size
    and modification time (a file replaced at the same path is a new file)."""
    stat = os.stat(path)
    return path, stat.st_size, stat.st_mtime_ns


def schema_of(path: str) -> pa.Schema:
    """Arrow schema of a Parquet file (cached by the file's identity)."""

    try:
        return _schema_cached(*file_identity(path))
    except (OSError, pa.ArrowInvalid):
        raise QueryResourceError(
            _("Le fichier de données de cette version est illisible ou absent.")
        ) from None
