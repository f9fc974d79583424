"""The one place Parvis opens a DuckDB connection: every connection gets a memory limit and bounded threads;
the time limit is applied per query by ``engine`` and per piece of work by :func:`session`. No Django here,
so ``lib/`` code and scripts can use it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb


@dataclass(frozen=True)
class Limits:
    timeout: float = 5.0
    memory_limit: str = "1GB"
    threads: int = 2
    temp_directory: str | None = None


def configure(con: duckdb.DuckDBPyConnection, limits: Limits) -> None:
    con.execute(f"SET threads = {int(limits.threads)}")
    con.execute("SET memory_limit = ?", [limits.memory_limit])
    con.execute("SET parquet_metadata_cache = true")
    if limits.temp_directory:
        con.execute("SET temp_directory = ?", [limits.temp_directory])


def new_connection(limits: Limits, database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the limits applied: the thread's shared one in ``engine``, private ones for
    long streams, one-off statistics, diffs, error pages and the building of a store file."""
    import duckdb  # here, not at module level: a process that never queries does not pay for DuckDB

    con = duckdb.connect(database)
    configure(con, limits)
    return con


@contextmanager
def session(limits: Limits, database: str = ":memory:") -> Iterator[duckdb.DuckDBPyConnection]:
    """A private connection for one bounded piece of work (a version diff, column statistics, a page of
    the error report): memory and threads limited, and interrupted once ``limits.timeout`` seconds have
    passed (the work then raises ``duckdb.InterruptException``). Closed on exit."""
    con = new_connection(limits, database)
    timer = threading.Timer(limits.timeout, con.interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield con
    finally:
        timer.cancel()
        con.close()
