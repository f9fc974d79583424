"""Spreadsheet reader (XLSX, XLS, ODS) through python-calamine, behind the shared file guard."""

from __future__ import annotations

import datetime as dt
import zipfile
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from parvis.catalog.lib.errors import IngestError
from parvis.catalog.lib.rawtable import IngestResult, check_column_count, strings_table
from parvis.core.lib import fileguard, lazy
from parvis.translation import _

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.compute as pc
    import python_calamine as calamine
else:
    pa = lazy.module("pyarrow")
    pc = lazy.module("pyarrow.compute")
    calamine = lazy.module("python_calamine")

# Checked by the file guard before calamine inflates anything (imports run in the worker, so the ceiling is
# that of a large workbook, not that of a request).
ZIP_LIMITS = fileguard.Limits(max_uncompressed=2 * 1024**3, ratio_floor=20 * 1024**2)
_CHUNK_ROWS = 50_000


def zip_kind(path: Path) -> str | None:
    """``xlsx`` or ``ods`` for an OOXML / OpenDocument spreadsheet, else None."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100]
                if b"opendocument.spreadsheet" in mimetype:
                    return "ods"
    except (zipfile.BadZipFile, OSError):
        return None
    return None


def check_zip_bomb(path: Path) -> None:
    """The shared file guard on an OOXML / OpenDocument archive, its refusals as IngestError."""
    try:
        fileguard.check_zip(path, path.name, ZIP_LIMITS)
    except fileguard.FileRefused as refused:
        code = "format-error" if refused.code == "zip-damaged" else "zip-bomb"
        raise IngestError(code, refused.message) from None


def _open(path: Path, fmt: str) -> calamine.CalamineWorkbook:
    if fmt in ("xlsx", "ods"):
        check_zip_bomb(path)
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except (calamine.CalamineError, OSError, ValueError) as exc:
        raise IngestError(
            "format-error",
            _("Le classeur « {name} » est illisible ({error}).").format(name=path.name, error=exc),
        ) from exc


def sheet_names(path: Path, fmt: str) -> list[str]:
    return list(_open(path, fmt).sheet_names)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


def _has_text(column: pa.ChunkedArray) -> bool:
    return bool(pc.any(pc.not_equal(column, "")).as_py())


def read_sheet(path: Path, fmt: str, *, sheet: str | int | None, max_columns: int) -> IngestResult:
    book = _open(path, fmt)
    names = list(book.sheet_names)
    if not names:
        raise IngestError(
            "empty-file", _("Le classeur « {name} » ne contient aucune feuille.").format(name=path.name)
        )
    if sheet is None or sheet == "":
        name = names[0]
    elif isinstance(sheet, int) or (isinstance(sheet, str) and sheet.isdigit() and sheet not in names):
        index = int(sheet)
        if not 0 <= index < len(names):
            raise IngestError(
                "sheet-not-found", _("Le classeur n'a pas de feuille n° {number}.").format(number=index + 1)
            )
        name = names[index]
    elif sheet in names:
        name = sheet
    else:
        raise IngestError(
            "sheet-not-found",
            _("La feuille « {sheet} » n'existe pas. Feuilles disponibles : {names}.").format(
                sheet=sheet, names=", ".join(names)
            ),
        )
    data = book.get_sheet_by_name(name)
    check_column_count(data.width, max_columns)
    rows = data.iter_rows()
    first = next(rows, None)
    if first is None or all(v in (None, "") for v in first):
        raise IngestError(
            "empty-file", _("La feuille « {name} » est vide ou n'a pas d'en-tête.").format(name=name)
        )
    header = [_cell_text(v) for v in first]
    width = len(header)
    chunks: list[list[pa.Array]] = [[] for _column in range(width)]
    last_filled, count = 0, 0
    while batch := list(islice(rows, _CHUNK_ROWS)):
        texts = []
        for row in batch:
            cells = [_cell_text(row[c]) if c < len(row) else "" for c in range(width)]
            count += 1
            if any(cells):
                last_filled = count
            texts.append(cells)
        for column, values in enumerate(zip(*texts, strict=True)):
            chunks[column].append(pa.array(values, pa.string()))
    columns = [pa.chunked_array(parts, pa.string()).slice(0, last_filled) for parts in chunks]
    while header and header[-1] == "" and not _has_text(columns[-1]):
        header.pop()  # empty columns on the right of the table
        columns.pop()
    return IngestResult(table=strings_table(columns, header), format=fmt, header=header, sheet=name)
