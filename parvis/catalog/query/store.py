"""Query stores: a read-only DuckDB database file next to each version's Parquet file.

The Parquet file stays the canonical, immutable artefact (downloads, exports, diffs). The store
holds the same rows in DuckDB's native format, where ``rowid`` is the row's position in the file
and where fetching rows by ``rowid`` does not scan the whole file: pages are found on the sort and
filter columns only, then their full rows fetched by ``rowid``. Stores are derived data: built at
import, rebuilt on demand when missing, replaced atomically.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from parvis.catalog.query.connect import Limits, new_connection
from parvis.core.lib import lazy

if TYPE_CHECKING:
    import duckdb
else:
    duckdb = lazy.module("duckdb")

TABLE = "t"


def store_path(parquet_path: str) -> str:
    return str(Path(parquet_path).with_suffix(".duckdb"))


def build(parquet_path: str, *, threads: int = 2) -> str:
    """Write the store of ``parquet_path`` (atomically) and return its path."""
    dest = store_path(parquet_path)
    fd, tmp = tempfile.mkstemp(prefix=".store.", suffix=".duckdb", dir=str(Path(dest).parent))
    os.close(fd)
    os.unlink(tmp)  # DuckDB creates the file itself
    try:
        # A bounded buffer: DuckDB writes the table out as it goes instead of holding it (import memory).
        con = new_connection(Limits(threads=threads, memory_limit="128MB"), database=tmp)
        try:
            con.execute("SET preserve_insertion_order = true")
            source = "'" + parquet_path.replace("'", "''") + "'"  # our own path, not user input
            con.execute(f"CREATE TABLE {TABLE} AS SELECT * FROM read_parquet({source})")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        Path(tmp + ".wal").unlink(missing_ok=True)
        raise
    return dest


def ensure(parquet_path: str) -> str:
    dest = store_path(parquet_path)
    if not os.path.exists(dest):
        build(parquet_path)
    return dest


def alias(parquet_path: str) -> str:
    digest = hashlib.sha1(store_path(parquet_path).encode(), usedforsecurity=False).hexdigest()[:16]
    return f"s_{digest}"


def attach(con: duckdb.DuckDBPyConnection, parquet_path: str, attached: set[str]) -> str:
    """Attach the store read-only on ``con`` (once) and return the qualified table name."""
    name = alias(parquet_path)
    if name not in attached:
        path = "'" + ensure(parquet_path).replace("'", "''") + "'"
        con.execute(f"ATTACH IF NOT EXISTS {path} AS {name} (READ_ONLY)")
        attached.add(name)
    return f"{name}.{TABLE}"
