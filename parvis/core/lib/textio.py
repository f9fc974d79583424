"""The one encoding detector for uploaded text files (no Django).

French files come in UTF-8 (with or without a BOM), sometimes UTF-16 (Excel's « Texte Unicode »), and
often in Windows-1252 or ISO-8859-1 (Excel's « CSV (séparateur : point-virgule) »). A file that is mostly
UTF-8 but holds a few bytes that are not (two files pasted together) is refused with the line of the first
bad byte instead of being silently garbled. Each app turns :class:`MixedEncoding` into its own message.
"""

from __future__ import annotations

import codecs
import re

_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
# Bytes 0x80-0x9F that cp1252 maps to printable characters (€, ’, œ, …).
_CP1252_ONLY = re.compile(rb"[\x80\x82-\x8c\x8e\x91-\x9c\x9e\x9f]")


class MixedEncoding(ValueError):
    """The bytes look like UTF-8 but hold invalid sequences; ``line`` is that of the first one (from 1)."""

    def __init__(self, line: int):
        super().__init__(f"mixed encoding from line {line}")
        self.line = line


def legacy_encoding(data: bytes) -> str:
    """cp1252 when a byte only cp1252 prints (€, ’, œ) is present, else latin-1 (which decodes anything)."""
    return "cp1252" if _CP1252_ONLY.search(data) else "latin-1"


def detect(data: bytes, *, sample: bool = False) -> str:
    """The encoding of ``data``: ``utf-8-sig``, ``utf-16``, ``utf-8``, ``cp1252`` or ``latin-1``.

    ``sample`` says ``data`` is the head of a longer file, whose last character may be cut. Raises
    :class:`MixedEncoding` when the bytes are mostly UTF-8 with invalid ones among them.
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if sample and exc.start >= len(data) - 3:
            return "utf-8"  # a multi-byte character cut by the sample boundary
        check_not_mixed(data, exc.start)
    return legacy_encoding(data)


def check_not_mixed(data: bytes, first_invalid: int) -> None:
    """Raise :class:`MixedEncoding` when ``data`` holds at least as many valid UTF-8 sequences as invalid
    bytes (a legacy 8-bit file has none: its accents are single bytes)."""
    valid = len(_UTF8_MULTIBYTE.findall(data))
    invalid = data.decode("utf-8", errors="replace").count("\ufffd")
    if valid and valid >= invalid:
        raise MixedEncoding(data.count(b"\n", 0, first_invalid) + 1)


def decode(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` of a whole file; raises :class:`MixedEncoding`."""
    encoding = detect(data)
    return data.decode(encoding, errors="replace"), encoding
