"""Python ``csv`` reading in chunks: the exact reader of ragged CSV files.

Short rows are padded with null (missing cells), cells beyond the header are kept apart
(extra cells), exactly as Frictionless reports them. Used by ``ingest_csv`` (whole file)
and ``stream`` (validation chunk by chunk).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from parvis.catalog.lib.errors import IngestError
from parvis.catalog.lib.rawtable import unique_names
from parvis.core.lib import lazy
from parvis.translation import _

if TYPE_CHECKING:
    import pyarrow as pa
else:
    pa = lazy.module("pyarrow")

CHUNK_ROWS = 100_000


@dataclass
class Chunk:
    table: pa.Table  # one string column per header label, names from unique_names
    first_row: int  # Frictionless number of the chunk's first row (header = 1)
    extra_cells: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return int(self.table.num_rows)


def bad_byte_line(path: Path, encoding: str) -> int | None:
    """Line of the first byte that ``encoding`` cannot decode."""
    data = path.read_bytes()
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        return data.count(b"\n", 0, exc.start) + 1
    return None


def exact_chunks(path: Path, enc: str, delim: str, header: list[str] | None = None) -> Iterator[Chunk]:
    """Python ``csv`` reader in chunks, keeping ragged rows: short rows padded with null."""
    names = unique_names(header) if header else None
    with open(path, encoding=enc, errors="strict", newline="") as handle:
        reader = csv.reader(handle, delimiter=delim)
        try:
            labels = next(reader, None)
            if labels is None:
                return
            names = names or unique_names([labels[0].removeprefix("\ufeff"), *labels[1:]])
            width, row_number = len(labels), 2
            while rows := list(islice(reader, CHUNK_ROWS)):
                extra: list[tuple[int, int, str]] = []
                cells: list[Sequence[str | None]] = list(rows)
                for index, row in enumerate(rows):
                    if len(row) != width:
                        extra.extend(
                            (row_number + index, pos, cell)
                            for pos, cell in enumerate(row[width:], start=width + 1)
                        )
                        cells[index] = [*row[:width], *[None] * (width - len(row))]
                columns = [pa.array(values, pa.string()) for values in zip(*cells, strict=True)]
                yield Chunk(pa.table(columns, names=names), row_number, extra)
                row_number += len(rows)
        except UnicodeDecodeError as exc:
            raise IngestError(
                "encoding-error",
                _(
                    "Le fichier n'est pas lisible avec l'encodage {encoding} : octet invalide vers la ligne {line}. "
                    "Indiquez le bon encodage ou réenregistrez le fichier en « CSV UTF-8 »."
                ).format(encoding=enc, line=bad_byte_line(path, enc)),
            ) from exc
        except csv.Error as exc:
            raise IngestError(
                "format-error",
                _("CSV illisible : {error} (ligne {line}).").format(error=exc, line=reader.line_num),
                row=reader.line_num,
            ) from exc
