"""Read an uploaded help-place file (CSV, XLSX, JSON, GeoJSON, data·inclusion JSON) into rows and tell
which standard it follows."""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from parvis.core.lib import fileguard, textio

from . import messages as M

csv.field_size_limit(64 * 1024 * 1024)  # a 5 MB cell must be read, then truncated with a message
STANDARD_KEYS = {"id", "nom", "commune", "code_postal", "adresse", "date_maj"}
DI_KEYS = {"structures", "services"}
MAX_FILE_BYTES = 50 * 1024 * 1024
# A help-place file is small (a few thousand places): anything that inflates past 100 MB is refused unread.
LIMITS = fileguard.Limits(max_uncompressed=100 * 1024**2, max_columns=500)


class FileError(Exception):
    def __init__(self, template: str, **params: Any) -> None:
        super().__init__(template.format(**params))
        self.template, self.params = template, params

    def render(self, translate: Callable[[str], str] = lambda s: s) -> str:
        return translate(self.template).format(**self.params)


@dataclass
class Table:
    kind: str  # "standard" or "datainclusion"
    rows: list[tuple[int, dict[str, Any]]]  # (line number as shown to the user, raw row)
    columns: list[str]
    payload: dict[str, Any] | None = None  # data·inclusion {structures, services}


def _decode(data: bytes) -> str:
    try:
        return textio.decode(data)[0]
    except textio.MixedEncoding:
        raise FileError(M.UNREADABLE, reason="encodage de caractères inconnu") from None


def _csv_rows(text: str) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    sample = text[:20000]
    first = sample.splitlines()[0] if sample else ""
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    rows = [
        (reader.line_num, row)
        for row in reader
        if any((v or "").strip() for v in row.values() if isinstance(v, str))
    ]
    return list(reader.fieldnames or []), rows


def _xlsx_rows(data: bytes) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    from python_calamine import CalamineWorkbook  # lazy: only for spreadsheets

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises several error types for corrupt files
        raise FileError(M.UNREADABLE, reason=f"classeur XLSX/ODS illisible ({type(exc).__name__})") from exc
    if not sheet:
        return [], []
    header = [str(h).strip() for h in sheet[0]]
    rows = []
    for index, values in enumerate(sheet[1:], start=2):
        if any(str(v).strip() for v in values):
            rows.append((index, dict(zip(header, values, strict=False))))
    return header, rows


def _json_rows(text: str, filename: str) -> Table:
    try:
        payload = fileguard.load_json(text, filename, LIMITS)
    except json.JSONDecodeError as exc:
        raise FileError(
            M.UNREADABLE, reason=f"JSON invalide ligne {exc.lineno}, colonne {exc.colno}"
        ) from exc
    if isinstance(payload, dict) and DI_KEYS <= payload.keys():
        return Table("datainclusion", [], sorted(payload.keys()), payload)
    if isinstance(payload, dict) and payload.get("type") == "FeatureCollection":
        payload = [dict(f.get("properties") or {}) for f in payload.get("features", [])]
    elif isinstance(payload, dict):
        payload = payload.get("data") or payload.get("results") or []
    if not isinstance(payload, list) or not all(isinstance(r, dict) for r in payload):
        raise FileError(M.UNREADABLE, reason="une liste d'objets JSON est attendue")
    columns = sorted({k for r in payload for k in r})
    return Table("standard", list(enumerate(payload, start=1)), columns)


def check_file(data: bytes, filename: str, *, inflate: bool = True) -> None:
    """The shared file guard: zip sizes, ratio and (with ``inflate``) members and XML declarations; text
    NUL bytes, line length and columns. Raises FileError with its French message."""
    try:
        if fileguard.is_zip(data):
            fileguard.check_zip(io.BytesIO(data), filename, LIMITS, inflate=inflate)
        elif not filename.lower().endswith(".xls"):
            fileguard.check_text(data, filename, LIMITS)
    except fileguard.FileRefused as refused:
        raise FileError("{message}", message=refused.message) from None


def read_table(data: bytes, filename: str) -> Table:
    """The rows of an uploaded file, once the file guard has accepted it (size, decompression, depth)."""
    check_file(data, filename)
    try:
        return _read_table(data, filename)
    except fileguard.FileRefused as refused:
        raise FileError("{message}", message=refused.message) from None


def _read_table(data: bytes, filename: str) -> Table:
    name = filename.lower()
    if name.endswith((".xlsx", ".xls", ".ods")) or fileguard.is_zip(data):
        columns, rows = _xlsx_rows(data)
        table = Table("standard", rows, columns)
    else:
        text = _decode(data)
        if name.endswith((".json", ".geojson")) or text.lstrip()[:1] in ("[", "{"):
            table = _json_rows(text, filename)
        else:
            columns, rows = _csv_rows(text)
            table = Table("standard", rows, columns)
    if table.kind == "standard":
        lowered = {c.strip().lower() for c in table.columns}
        missing = STANDARD_KEYS - lowered
        if missing:
            raise FileError(
                M.NO_COLUMNS,
                missing=", ".join(sorted(missing)),
                found=", ".join(table.columns[:30]) or "aucune",
            )
        if not table.rows:
            raise FileError(M.EMPTY_FILE)
    return table
