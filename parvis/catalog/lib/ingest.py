"""Read tabular files into an all-string pyarrow Table (pure Python, no Django).

``read_table(path)`` detects the format from the content first and the extension second,
and returns an :class:`IngestResult` whose table keeps every cell raw, as written in the
file, so that validation can report exactly what the agent wrote. Unusable input raises
:class:`IngestError` with a French message.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from parvis.catalog.lib.errors import IngestError
from parvis.catalog.lib.ingest_csv import read_csv
from parvis.catalog.lib.ingest_json import read_json
from parvis.catalog.lib.ingest_sheet import read_sheet, sheet_names, zip_kind
from parvis.catalog.lib.rawtable import IngestResult, check_column_count, strings_table
from parvis.core.lib import fileguard, lazy
from parvis.translation import _

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq
else:
    pa = lazy.module("pyarrow")
    pc = lazy.module("pyarrow.compute")
    pq = lazy.module("pyarrow.parquet")

__all__ = [
    "DEFAULT_MAX_COLUMNS",
    "FORMATS",
    "IngestError",
    "IngestResult",
    "detect_format",
    "list_sheets",
    "check_text_file",
    "read_table",
    "write_parquet",
]

DEFAULT_MAX_COLUMNS = 2000
CSV_LIMITS = fileguard.Limits(max_columns=1 << 30)  # the column count has its own check and message
FORMATS = ("csv", "xlsx", "xls", "ods", "json", "geojson", "parquet")
_EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".ods": "ods",
    ".json": "json",
    ".ndjson": "json",
    ".geojson": "geojson",
    ".parquet": "parquet",
}
_SNIFF_BYTES = 64 * 1024


def detect_format(path: str | os.PathLike[str], *, head: bytes | None = None) -> str:
    """Return one of ``FORMATS`` from the file's first bytes, then its extension."""
    path = Path(path)
    if head is None:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    ext = _EXTENSIONS.get(path.suffix.lower())
    if not head:
        raise IngestError("empty-file", _("Le fichier « {name} » est vide.").format(name=path.name))
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"PK\x03\x04"):
        kind = zip_kind(path)
        if kind:
            return kind
        raise IngestError(
            "format-error",
            _("Le fichier « {name} » est une archive ZIP qui n'est ni un classeur XLSX ni un ODS.").format(
                name=path.name
            ),
        )
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"[") and ext in (None, "json", "geojson"):
        if ext == "geojson" or b'"FeatureCollection"' in head or b'"Feature"' in head:
            return "geojson"
        return "json"
    if ext in ("xlsx", "xls", "ods", "parquet"):
        raise IngestError(
            "format-error",
            _(
                "Le fichier « {name} » porte l'extension {extension} mais son contenu ne correspond pas "
                "à ce format."
            ).format(name=path.name, extension=path.suffix),
        )
    return "csv"


def read_table(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_columns: int = DEFAULT_MAX_COLUMNS,
) -> IngestResult:
    """Read ``path`` into an :class:`IngestResult` (all columns as raw strings)."""
    path = Path(path)
    if not path.is_file():
        raise IngestError(
            "file-not-found", _("Le fichier « {name} » est introuvable.").format(name=path.name)
        )
    if path.stat().st_size == 0:
        raise IngestError("empty-file", _("Le fichier « {name} » est vide.").format(name=path.name))
    fmt = format or detect_format(path)
    if fmt not in FORMATS:
        raise IngestError("format-error", _("Format « {format} » non pris en charge.").format(format=fmt))
    if fmt == "csv":
        check_text_file(path, fmt)
        result = read_csv(path, encoding=encoding, delimiter=delimiter, max_columns=max_columns)
    elif fmt in ("xlsx", "xls", "ods"):
        result = read_sheet(path, fmt, sheet=sheet, max_columns=max_columns)
    elif fmt in ("json", "geojson"):
        result = read_json(path, fmt, encoding=encoding, max_columns=max_columns)
    else:
        result = _read_parquet(path, max_columns=max_columns)
    result.path = str(path)
    return result


def check_text_file(path: Path, fmt: str | None = None) -> None:
    """The shared file guard on a CSV file, read in steps: NUL bytes and lines past 16 MB are refused before
    the reader builds a 50 MB cell several times over (the column count has its own check and message).
    Other formats have their own guards (zip, JSON depth)."""
    if (fmt or detect_format(path)) != "csv":
        return
    try:
        with open(path, "rb") as stream:
            fileguard.check_text_stream(stream, path.name, CSV_LIMITS)
    except fileguard.FileRefused as refused:
        code = "binary-file" if refused.code == "binary" else refused.code  # the catalogue's own code
        raise IngestError(code, refused.message) from None


def list_sheets(path: str | os.PathLike[str]) -> list[str]:
    """Names of the sheets of a spreadsheet (XLSX, XLS, ODS); ``[]`` for other formats."""
    fmt = detect_format(path)
    if fmt not in ("xlsx", "xls", "ods"):
        return []
    return sheet_names(Path(path), fmt)


def _read_parquet(path: Path, *, max_columns: int) -> IngestResult:
    try:
        source = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise IngestError(
            "format-error",
            _("Le fichier Parquet « {name} » est illisible ({error}).").format(name=path.name, error=exc),
        ) from exc
    labels = list(source.schema_arrow.names)
    check_column_count(len(labels), max_columns)
    table = source.read()
    columns = [pc.fill_null(_as_array(_to_strings(column)), "") for column in table.columns]
    return IngestResult(table=strings_table(columns, labels), format="parquet", header=labels, typed=table)


def _as_array(values: pa.ChunkedArray | list[str | None]) -> pa.Array | pa.ChunkedArray:
    return pa.array(values, pa.string()) if isinstance(values, list) else values


def _to_strings(column: pa.ChunkedArray) -> pa.ChunkedArray | list[str | None]:
    """Cast a typed Parquet column to raw strings (nested values as JSON text)."""

    kind = column.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return column.cast(pa.string())
    if pa.types.is_boolean(kind):
        return [None if v is None else ("true" if v else "false") for v in column.to_pylist()]
    if pa.types.is_timestamp(kind) or pa.types.is_date(kind) or pa.types.is_time(kind):
        return [None if v is None else v.isoformat() for v in column.to_pylist()]
    try:
        return column.cast(pa.string())
    except (pa.ArrowNotImplementedError, pa.ArrowInvalid):
        return [
            None if v is None else json.dumps(v, ensure_ascii=False, default=str) for v in column.to_pylist()
        ]


def write_parquet(table: pa.Table | IngestResult, dest_path: str | os.PathLike[str]) -> Path:
    """Write a pyarrow Table (or an :class:`IngestResult`) to ``dest_path`` atomically.

    The data goes to a temporary file in the same directory, which is renamed over the
    destination only once complete: readers never see a half-written file.
    """
    if isinstance(table, IngestResult):
        table = table.table
    dest = Path(dest_path)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp_name, compression="zstd")
        os.replace(tmp_name, dest)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return dest
