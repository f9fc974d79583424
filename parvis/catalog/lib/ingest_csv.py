"""CSV reader: encoding and delimiter detection, fast pyarrow path, exact Python fallback.

The fast path parses with pyarrow (multi-threaded, all columns as strings). When a row
does not have as many cells as the header (ragged rows), the file is read again with
Python's ``csv`` module in chunks, which keeps missing cells (null) and extra cells apart
exactly as Frictionless reports them.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

from parvis.catalog.lib.csv_exact import exact_chunks
from parvis.catalog.lib.errors import IngestError
from parvis.catalog.lib.rawtable import IngestResult, check_column_count, strings_table, unique_names
from parvis.core.lib import lazy, textio
from parvis.translation import _

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.csv as pacsv
else:
    pa = lazy.module("pyarrow")
    pacsv = lazy.module("pyarrow.csv")

HEAD_BYTES = 1024 * 1024
DELIMITERS = (",", ";", "\t", "|")
_BINARY_MAGIC = (b"%PDF", b"\x1f\x8b", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BZh", b"\x7fELF")
csv.field_size_limit(256 * 1024 * 1024)


def detect_encoding(head: bytes, *, name: str = "") -> str:
    """Guess the encoding from the first bytes: utf-8(-sig), utf-16, cp1252 or latin-1."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        raise IngestError(
            "binary-file",
            _(
                "Le fichier « {name} » n'est pas un fichier texte : son contenu est binaire. "
                "Un CSV doit être enregistré au format texte (CSV UTF-8)."
            ).format(name=name),
        )
    controls = sum(head.count(bytes([c])) for c in range(1, 32) if c not in (9, 10, 12, 13))
    if head and controls / len(head) > 0.05:
        raise IngestError(
            "binary-file",
            _("Le fichier « {name} » contient trop de caractères de contrôle pour être un CSV.").format(
                name=name
            ),
        )
    return detected_encoding(head, sample=len(head) >= HEAD_BYTES)


def detected_encoding(data: bytes, *, sample: bool = False) -> str:
    try:
        return textio.detect(data, sample=sample)
    except textio.MixedEncoding as mixed:
        raise IngestError(
            "encoding-error",
            _(
                "Encodage incohérent : le fichier est en UTF-8 mais contient un octet invalide "
                "à la ligne {line}. Réenregistrez-le en « CSV UTF-8 »."
            ).format(line=mixed.line),
            row=mixed.line,
        ) from None


def check_header(labels: list[str], path: Path) -> None:
    if not labels:
        raise IngestError(
            "blank-header",
            _(
                "La première ligne du fichier « {name} » est vide : elle doit contenir les noms des colonnes."
            ).format(name=path.name),
            row=1,
        )


def detect_delimiter(text: str) -> str:
    """Pick the delimiter giving a stable column count (> 1) over the first lines."""
    lines = text.splitlines(keepends=True)[:50]
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines = lines[:-1]
    sample = "".join(lines)
    best, best_score = ",", (0.0, 1)
    for delimiter in DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if r]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        score = (sum(len(r) == width for r in rows) / len(rows), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


_DELIMITER_NAMES = {"\\t": "\t", "tab": "\t", "tabulation": "\t"}


def _checked_options(encoding: str | None, delimiter: str | None) -> tuple[str | None, str | None]:
    """Refuse, in French, an unknown encoding or a delimiter that is not one character."""
    if encoding:
        try:
            canonical = codecs.lookup(encoding).name
            encoding = canonical if canonical.startswith("utf-8") else encoding
        except LookupError:
            raise IngestError(
                "encoding-error", _("Encodage « {encoding} » inconnu.").format(encoding=encoding)
            ) from None
    if delimiter:
        delimiter = _DELIMITER_NAMES.get(delimiter.lower(), delimiter)
        if len(delimiter) != 1 or delimiter in ('"', "\n", "\r"):
            raise IngestError(
                "format-error",
                _("Le séparateur doit être un seul caractère (reçu : « {delimiter} »).").format(
                    delimiter=delimiter
                ),
            )
    return encoding or None, delimiter or None


def sniff_csv(
    path: Path, *, encoding: str | None, delimiter: str | None, max_columns: int
) -> tuple[str, str, list[str]]:
    """Encoding, delimiter and header labels of a CSV file, from its first megabyte."""
    encoding, delimiter = _checked_options(encoding, delimiter)
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    enc = encoding or detect_encoding(head, name=path.name)
    text = head.decode(enc, errors="replace")
    if enc == "utf-8-sig":
        text = text.removeprefix("\ufeff")
    delim = delimiter or detect_delimiter(text)
    first = next(csv.reader(io.StringIO(text), delimiter=delim), [])
    check_header(first, path)
    check_column_count(len(first), max_columns)
    return enc, delim, first


def read_csv(path: Path, *, encoding: str | None, delimiter: str | None, max_columns: int) -> IngestResult:
    enc, delim, first = sniff_csv(path, encoding=encoding, delimiter=delimiter, max_columns=max_columns)
    try:
        result = _read_fast(path, enc, delim, len(first))
    except pa.ArrowInvalid as exc:
        if "UTF8" in str(exc) and encoding is None and enc.startswith("utf-8"):
            return _retry_legacy(path, delim, max_columns)
        result = None
    if result is None:
        result = _read_exact(path, enc, delim, max_columns)
    result.encoding, result.delimiter = enc, delim
    return result


def _retry_legacy(path: Path, delim: str, max_columns: int) -> IngestResult:
    """The sample looked like UTF-8 but the file is not: legacy 8-bit file or a mix."""
    data = path.read_bytes()
    encoding = detected_encoding(data)
    del data
    if encoding.startswith("utf"):
        raise IngestError(
            "format-error", _("Le fichier CSV « {name} » est illisible.").format(name=path.name)
        )
    return read_csv(path, encoding=encoding, delimiter=delim, max_columns=max_columns)


def _read_fast(path: Path, enc: str, delim: str, width: int) -> IngestResult | None:
    try:
        return _read_arrow(path, enc, delim, width, multiline=width == 1)
    except pa.ArrowInvalid as exc:
        if "newlines_in_values" not in str(exc):
            raise
    return _read_arrow(path, enc, delim, width, multiline=True)


def _read_arrow(path: Path, enc: str, delim: str, width: int, *, multiline: bool) -> IngestResult | None:
    """pyarrow parse; None when a row has the wrong number of cells (ragged file)."""
    invalid: list[int] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        invalid.append(row.actual_columns)
        return "skip"

    arrow_encoding = "utf8" if enc.startswith("utf-8") else enc
    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(
            encoding=arrow_encoding, autogenerate_column_names=True, block_size=8 << 20
        ),
        parse_options=pacsv.ParseOptions(
            delimiter=delim,
            newlines_in_values=multiline,
            ignore_empty_lines=False,
            invalid_row_handler=on_invalid,
        ),
        convert_options=pacsv.ConvertOptions(
            column_types={f"f{i}": pa.string() for i in range(width)},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    if invalid or table.num_columns != width:
        return None
    if table.num_rows == 0:
        raise IngestError(
            "empty-file", _("Le fichier « {name} » ne contient aucune ligne.").format(name=path.name)
        )
    header = [
        v.removeprefix("\ufeff") if i == 0 else v
        for i, v in enumerate(table.slice(0, 1).to_pylist()[0].values())
    ]
    body = table.slice(1)
    return IngestResult(
        table=strings_table(list(body.columns), header),
        format="csv",
        header=header,
    )


def _read_exact(path: Path, enc: str, delim: str, max_columns: int) -> IngestResult:
    """Chunked ``csv`` reader keeping ragged rows (see ``stream.exact_chunks``), then joined."""
    with open(path, encoding=enc, errors="replace", newline="") as handle:
        header = next(csv.reader(handle, delimiter=delim), None)
    if header is None:
        raise IngestError("empty-file", _("Le fichier « {name} » est vide.").format(name=path.name))
    check_header(header, path)
    if header and enc == "utf-8-sig":
        header[0] = header[0].removeprefix("\ufeff")
    check_column_count(len(header), max_columns)
    chunks = list(exact_chunks(path, enc, delim, header))
    names = unique_names(header)
    extra = [cell for chunk in chunks for cell in chunk.extra_cells]
    if chunks:
        table = pa.concat_tables([chunk.table for chunk in chunks])
    else:
        table = pa.table([pa.array([], pa.string()) for _name in names], names=names)
    return IngestResult(table=table, format="csv", header=header, extra_cells=extra)
