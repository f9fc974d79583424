"""The one file guard for uploads (no Django): what is checked before any parser sees a file.

- ZIP-based files (XLSX, ODS, zip): number of members, total decompressed size and compression ratio read
  from the central directory, then every member inflated in a stream and counted (a directory that lies
  about sizes fails its CRC), and no XML member may declare a DOCTYPE or an entity (billion laughs, XXE);
- text files (CSV, JSON): no NUL byte, no line longer than ``max_line_bytes``, at most ``max_columns``
  columns on the header line;
- JSON: parsed with a nesting limit (a deeply nested document is refused, never a RecursionError).

Every refusal is a :class:`FileRefused` whose ``message`` is in French (through ``parvis.translation``);
each app shows it as it is or wraps it in its own error type.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

from parvis.translation import _, number

ZIP_MAGIC = b"PK\x03\x04"
_XML_DECLARATIONS = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_XML_HEAD = 64 * 1024


class FileRefused(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Limits:
    max_uncompressed: int = 200 * 1024**2
    max_ratio: int = 100  # checked once the archive inflates past ratio_floor
    ratio_floor: int = 10 * 1024**2
    max_members: int = 10_000
    max_line_bytes: int = 16 * 1024**2
    max_columns: int = 2_000
    max_json_depth: int = 64


def _mb(size: float) -> str:
    return number(size / 1024**2, 1)


def is_zip(head: bytes) -> bool:
    return head[:4] == ZIP_MAGIC


def check_zip(source: str | Path | BinaryIO, name: str, limits: Limits, *, inflate: bool = True) -> None:
    """Refuse a ZIP archive that is damaged, inflates too much or too abruptly, or holds XML declarations.
    Without ``inflate`` only the directory is read (a request's quick check before the worker's full one)."""
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
            _check_directory(infos, name, limits)
            for info in infos if inflate else ():
                _inflate_member(archive, info, name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        raise FileRefused(
            "zip-damaged", _("Le fichier « {name} » est endommagé (archive ZIP illisible).").format(name=name)
        ) from None


def _check_directory(infos: list[zipfile.ZipInfo], name: str, limits: Limits) -> None:
    if len(infos) > limits.max_members:
        raise FileRefused(
            "zip-bomb",
            _(
                "Le fichier « {name} » contient {count} fichiers compressés : il est refusé par sécurité."
            ).format(name=name, count=len(infos)),
        )
    total = sum(info.file_size for info in infos)
    packed = max(sum(info.compress_size for info in infos), 1)
    if total > limits.max_uncompressed or (total > limits.ratio_floor and total / packed > limits.max_ratio):
        raise FileRefused(
            "zip-bomb",
            _(
                "Le fichier « {name} » se décompresse en {total} Mo pour {packed} Mo compressés : "
                "il est refusé par sécurité (bombe de décompression possible)."
            ).format(name=name, total=_mb(total), packed=_mb(packed)),
        )


def _inflate_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Inflate one member in 1 MB steps: zipfile stops at the declared size and checks the CRC, so a member
    larger than announced fails here instead of in the parser. XML members must not declare entities."""
    if info.is_dir():
        return
    with archive.open(info) as member:
        head = member.read(_XML_HEAD)
        if info.filename.lower().endswith((".xml", ".rels")) and _XML_DECLARATIONS.search(head):
            raise FileRefused(
                "xml-entities",
                _(
                    "Le fichier « {name} » contient une déclaration XML (DOCTYPE ou ENTITY) : "
                    "elle est refusée par sécurité."
                ).format(name=name),
            )
        while member.read(1 << 20):
            pass


def check_text(data: bytes, name: str, limits: Limits) -> None:
    """Refuse a text file holding NUL bytes, a line longer than the limit, or too many header columns."""
    check_text_stream(io.BytesIO(data), name, limits)


def check_text_stream(stream: BinaryIO, name: str, limits: Limits, *, chunk: int = 1 << 20) -> None:
    """:func:`check_text` on a file read in 1 MB steps: memory stays flat whatever the file's size."""
    header, current, first = b"", 0, True
    while block := stream.read(chunk):
        if first and block.startswith((b"\xff\xfe", b"\xfe\xff")):
            return  # UTF-16: NUL bytes are part of its characters; the decoder checks the rest
        if b"\x00" in block:
            raise FileRefused(
                "binary",
                _(
                    "Le fichier « {name} » n'est pas un texte lisible : il contient des octets nuls (fichier binaire)."
                ).format(name=name),
            )
        lines = block.split(b"\n")
        if first or len(header) < limits.max_line_bytes and not header.endswith(b"\n"):
            header += lines[0] + (b"\n" if len(lines) > 1 else b"")
        first = False
        current += len(lines[0])
        longest = max([current, *(len(line) for line in lines[1:-1])])
        current = len(lines[-1]) if len(lines) > 1 else current
        if max(longest, current) > limits.max_line_bytes:
            raise FileRefused(
                "line-too-long",
                _("Le fichier « {name} » contient une ligne de plus de {size} Mo : il est refusé.").format(
                    name=name, size=_mb(limits.max_line_bytes)
                ),
            )
    columns = max(header.count(sep) for sep in (b",", b";", b"\t")) + 1
    if columns > limits.max_columns:
        raise FileRefused(
            "too-many-columns",
            _("Le fichier « {name} » a {count} colonnes ; le maximum est {limit}.").format(
                name=name, count=columns, limit=limits.max_columns
            ),
        )


def load_json(text: str | bytes, name: str, limits: Limits) -> Any:
    """``json.loads`` with a nesting limit; NaN and Infinity are refused (they are not JSON)."""
    try:
        payload = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise _too_deep(name, limits) from None
    if _depth(payload) > limits.max_json_depth:
        raise _too_deep(name, limits)
    return payload


def _refuse_constant(value: str) -> NoReturn:
    raise json.JSONDecodeError(f"{value} n'est pas une valeur JSON", value, 0)


def _too_deep(name: str, limits: Limits) -> FileRefused:
    return FileRefused(
        "json-depth",
        _("Le fichier JSON « {name} » est imbriqué sur plus de {limit} niveaux : il est refusé.").format(
            name=name, limit=limits.max_json_depth
        ),
    )


def _depth(payload: object) -> int:
    """Nesting depth, computed without recursion."""
    deepest, stack = 0, [(payload, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest
