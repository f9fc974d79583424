"""Read a table as a stream of chunks, so that memory stays flat whatever the file size.

``open_stream(path)`` sniffs the file and returns a :class:`TableStream`; iterating it yields
:class:`Chunk` objects (all-string pyarrow tables of a few MB, with the extra cells of their
ragged rows). CSV files are streamed by pyarrow; when the fast reader meets something it
cannot represent (ragged rows, newlines inside quotes, a legacy encoding after a UTF-8
beginning) it raises :class:`Restart` with the mode to use, and the consumer starts over.
Spreadsheets, JSON and Parquet are read whole, then cut into chunks.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parvis.catalog.lib.csv_exact import CHUNK_ROWS, Chunk, exact_chunks
from parvis.catalog.lib.ingest import DEFAULT_MAX_COLUMNS, detect_format, read_table
from parvis.catalog.lib.rawtable import IngestResult, unique_names
from parvis.core.lib import lazy

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.csv as pacsv
else:
    pa = lazy.module("pyarrow")
    pacsv = lazy.module("pyarrow.csv")

BLOCK_BYTES = 8 << 20
MODES = ("arrow", "arrow-multiline", "exact")


class Restart(Exception):
    """The stream must be read again from the start, in ``mode`` (and ``encoding``)."""

    def __init__(self, mode: str, encoding: str | None = None) -> None:
        super().__init__(mode)
        self.mode = mode
        self.encoding = encoding


@dataclass
class TableStream:
    path: Path | None
    format: str
    header: list[str]
    encoding: str | None = None
    delimiter: str | None = None
    mode: str = "arrow"
    whole: IngestResult | None = None  # formats read at once, and already-read tables

    def __iter__(self) -> Iterator[Chunk]:
        if self.whole is not None:
            yield from _slices(self.whole)
        elif self.mode == "exact":
            yield from exact_chunks(*self.csv_file(), self.header)
        else:
            yield from _arrow_chunks(self)

    def csv_file(self) -> tuple[Path, str, str]:
        """Path, encoding and delimiter of a CSV file read as a stream (all known when ``whole`` is None)."""
        if self.path is None or self.encoding is None or self.delimiter is None:
            raise ValueError("a streamed CSV file needs its path, encoding and delimiter")
        return self.path, self.encoding, self.delimiter


def open_stream(
    source: IngestResult | str | os.PathLike[str],
    *,
    format: str | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_columns: int = DEFAULT_MAX_COLUMNS,
) -> TableStream:
    if isinstance(source, IngestResult):
        return TableStream(None, source.format, source.header, whole=source)
    path = Path(source)
    if path.is_file() and path.stat().st_size and (format or detect_format(path)) == "csv":
        from parvis.catalog.lib.ingest_csv import sniff_csv

        enc, delim, header = sniff_csv(path, encoding=encoding, delimiter=delimiter, max_columns=max_columns)
        return TableStream(path, "csv", header, enc, delim)
    whole = read_table(
        path, format=format, sheet=sheet, encoding=encoding, delimiter=delimiter, max_columns=max_columns
    )
    return TableStream(path, whole.format, whole.header, whole.encoding, whole.delimiter, whole=whole)


def _slices(whole: IngestResult) -> Iterator[Chunk]:
    extra = sorted(whole.extra_cells)
    for start in range(0, max(whole.row_count, 1), CHUNK_ROWS):
        stop = start + CHUNK_ROWS
        cells = [e for e in extra if start + 2 <= e[0] < stop + 2]
        yield Chunk(whole.table.slice(start, CHUNK_ROWS), start + 2, cells)


def _csv_options(
    stream: TableStream, on_invalid: Callable[[pacsv.InvalidRow], str], *, multiline: bool, block: int
) -> dict[str, Any]:
    width = len(stream.header)
    _path, encoding, delimiter = stream.csv_file()
    utf8 = encoding.startswith("utf-8")
    return {
        "read_options": pacsv.ReadOptions(
            encoding="utf8" if utf8 else encoding,
            autogenerate_column_names=True,
            block_size=block,
        ),
        "parse_options": pacsv.ParseOptions(
            delimiter=delimiter,
            newlines_in_values=multiline,
            ignore_empty_lines=False,
            invalid_row_handler=on_invalid,
        ),
        "convert_options": pacsv.ConvertOptions(
            column_types={f"f{i}": pa.string() for i in range(width)},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    }


def _line_blocks(path: Path) -> Iterator[bytes]:
    """The file in blocks of about BLOCK_BYTES, each ending at a line break."""
    with open(path, "rb") as handle:
        rest = b""
        while data := handle.read(BLOCK_BYTES):
            data = rest + data
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                rest = data
                continue
            rest = data[cut:]
            yield data[:cut]
        if rest:
            yield rest


def _tables(stream: TableStream, on_invalid: Callable[[pacsv.InvalidRow], str]) -> Iterator[pa.Table]:
    """Parsed tables of a few MB: line blocks parsed by pyarrow with its threads (``arrow``),
    or pyarrow's streaming reader when quoted values may hold line breaks (``arrow-multiline``)."""
    path, encoding, _delimiter = stream.csv_file()
    if stream.mode == "arrow" and len(stream.header) > 1 and not encoding.startswith("utf-16"):
        options = _csv_options(stream, on_invalid, multiline=False, block=BLOCK_BYTES)
        for block in _line_blocks(path):
            yield pacsv.read_csv(pa.BufferReader(block), **options)
        return
    # The streaming reader reads ahead about twenty blocks: small blocks, gathered in chunks.
    options = _csv_options(stream, on_invalid, multiline=True, block=1 << 20)
    batches: list[pa.RecordBatch] = []
    rows = 0
    for batch in pacsv.open_csv(path, **options):
        batches.append(batch)
        rows += batch.num_rows
        if rows >= CHUNK_ROWS:
            yield pa.Table.from_batches(batches)
            batches, rows = [], 0
    if batches:
        yield pa.Table.from_batches(batches)


def _arrow_chunks(stream: TableStream) -> Iterator[Chunk]:
    width = len(stream.header)
    ragged: list[int] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        ragged.append(row.actual_columns)
        return "skip"

    names = unique_names(stream.header)
    next_row, skip_header = 2, True
    try:
        for table in _tables(stream, on_invalid):
            if ragged or table.num_columns != width:
                raise Restart(_next_mode(stream.mode))
            if skip_header:
                table, skip_header = table.slice(1), False
            table = table.rename_columns(names)
            if table.num_rows:
                yield Chunk(table, next_row)
                next_row += table.num_rows
    except pa.ArrowInvalid as exc:
        path, encoding, _delimiter = stream.csv_file()
        if "UTF8" in str(exc) and encoding.startswith("utf-8"):
            raise Restart(stream.mode, _legacy_encoding(path)) from exc
        raise Restart(_next_mode(stream.mode)) from exc


def _next_mode(mode: str) -> str:
    return MODES[min(MODES.index(mode) + 1, len(MODES) - 1)]


def _legacy_encoding(path: Path) -> str:
    """The file began as UTF-8 but is not: a legacy 8-bit file (or a mix, refused)."""
    from parvis.catalog.lib.ingest_csv import detected_encoding

    return detected_encoding(path.read_bytes())
