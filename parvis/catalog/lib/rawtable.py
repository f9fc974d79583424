"""The all-string table every reader returns (:class:`IngestResult`) and the helpers the readers share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from parvis.catalog.lib.errors import IngestError
from parvis.core.lib import lazy
from parvis.translation import _, number

if TYPE_CHECKING:
    import pyarrow as pa
else:
    pa = lazy.module("pyarrow")

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class IngestResult:
    """A table read from a file, every cell a string as written in the file.

    ``table`` has one string column per header label (names made unique and non-blank;
    the raw labels are in ``header``). A null cell means the row was too short (missing
    cell); an empty cell is ``""``. Cells beyond the header are in ``extra_cells`` as
    ``(row_number, field_number, value)``. Row numbers follow Frictionless: the header
    is row 1, so data row ``i`` (0-based) is row ``i + 2``. A typed source (Parquet) also
    keeps its typed columns in ``typed``; its null cells are empty cells (``""``).
    """

    table: pa.Table
    format: str
    header: list[str]
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    extra_cells: list[tuple[int, int, str]] = field(default_factory=list)
    path: str | None = None
    typed: pa.Table | None = None  # the typed columns of a typed source (Parquet), same order

    @property
    def row_count(self) -> int:
        return int(self.table.num_rows)

    @property
    def column_names(self) -> list[str]:
        return list(self.table.column_names)


# DuckDB's pseudo-columns: a column of that name would shadow the row position the query API pages on.
RESERVED_NAMES = frozenset({"rowid"})


def unreserved(label: str) -> str:
    """The label a reserved column name is imported under (``rowid`` → ``rowid_2``)."""
    return f"{label.strip()}_2" if label.strip().casefold() in RESERVED_NAMES else label


def unique_names(labels: list[str]) -> list[str]:
    """Column names usable by Parquet/DuckDB: control characters become spaces, blanks become
    ``champ_N``, duplicates get ``_2`` (DuckDB compares names without case, so ``Nom`` and ``nom`` are
    duplicates), and a reserved name such as ``rowid`` becomes ``rowid_2``."""
    seen: set[str] = set(RESERVED_NAMES)
    names = []
    for index, label in enumerate(labels, start=1):
        base = _CONTROL.sub(" ", label).strip() or f"champ_{index}"
        name, suffix = base, 2
        while name.casefold() in seen:
            name = f"{base}_{suffix}"
            suffix += 1
        seen.add(name.casefold())
        names.append(name)
    return names


def check_column_count(count: int, max_columns: int) -> None:
    if count > max_columns:
        raise IngestError(
            "too-many-columns",
            _(
                "Le fichier compte {count} colonnes ; la limite est de {limit}. "
                "Vérifiez le séparateur ou découpez le fichier."
            ).format(count=number(count), limit=number(max_columns)),
        )


def strings_table(columns: list[list[str | None]] | list[pa.Array], labels: list[str]) -> pa.Table:
    names = unique_names(labels)
    arrays = [
        col if isinstance(col, pa.Array | pa.ChunkedArray) else pa.array(col, pa.string()) for col in columns
    ]
    return pa.table(arrays, names=names) if arrays else pa.table({})
