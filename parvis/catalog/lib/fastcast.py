"""Bulk casts of the common shapes of each type and format, as polars expressions.

Each fast path returns the typed column where it is *sure* the exact reader of
``readers.py`` would give the same value, null elsewhere (those distinct values go to the
exact reader), and optionally a mask of cells it is sure are invalid. Shapes are pinned by
regular expressions so that polars' parsers never accept what Python's would refuse.
Cells holding a line break always go to the exact reader: Python's ``$`` matches before a
final newline, polars' does not.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from parvis.catalog.lib.tableschema import Field
from parvis.core.lib import lazy

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy.module("polars")

_INT_RE = r"^[+-]?[0-9]{1,18}$"
_NUM_RE = r"^[+-]?(?:[0-9]{1,15}(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?$"
_DATE_RE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_ASCII = r"^[\x20-\x7e]*$"
# validators.email's user part and domain (see formats.py), restricted to printable ASCII.
_EMAIL_CHARS = r"[0-9a-z!#$%&'*+/=?^_\x60{}|~\-]"
_EMAIL_USER = rf"(?i)^{_EMAIL_CHARS}+(?:\.{_EMAIL_CHARS}+)*$"
_EMAIL_DOMAIN = r"(?i)^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-]{0,61}[a-z]$"
_URI = r"^[a-zA-Z][a-zA-Z0-9+.-]*:"
_UUID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
_DATETIME = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?$"
_TIME = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$"
_YEARMONTH = r"^[1-9][0-9]{3}-(?:0[1-9]|1[0-2])$"
# A decimal that Decimal.normalize() writes unchanged (no trailing zero, no exponent form).
_NUMBER_PART = r"-?(?:[1-9][0-9]{0,2}\.[0-9]{0,11}[1-9]|0\.0{0,5}[1-9](?:[0-9]{0,10}[1-9])?)"
_GEOPOINT = rf"^ *({_NUMBER_PART}) *, *({_NUMBER_PART}) *$"
_D = r"[0-9]+(?:[,.][0-9]+)?"
_DURATION = r"^[+-]?P[0-9A-Za-z_](?:.*)$"
_DURATION_SHAPE = rf"^[+-]?P(?:{_D}Y)?(?:{_D}M)?(?:{_D}W)?(?:{_D}D)?(?:T(?:{_D}H)?(?:{_D}M)?(?:{_D}S)?)?$"
# Characters Python's int() and Decimal() can read (str.isspace() is wider than \s).
_INTEGER_CHARS = r"^[\s\x1c-\x1f\d+\-_]*$"
_DECIMAL_CHARS = r"(?i)^(?:[\s\x1c-\x1f\d+\-_.e]*|.*(?:inf|nan).*)$"
_STRPTIME = {
    "%Y": "[0-9]{4}",
    "%m": "[0-9]{2}",
    "%d": "[0-9]{2}",
    "%H": "[0-9]{2}",
    "%M": "[0-9]{2}",
    "%S": "[0-9]{2}",
}


def _where(ok: pl.Series, value: pl.Series | pl.Expr) -> pl.Series:
    return pl.select(pl.when(ok).then(value)).to_series()


def _ascii_line(raw: pl.Series) -> pl.Series:
    return raw.str.contains(_ASCII)


def _email(raw: pl.Series) -> tuple[pl.Series | None, pl.Series | None]:
    user_domain = raw.str.split_exact("@", 1)
    user, domain = user_domain.struct.field("field_0"), user_domain.struct.field("field_1")
    single_at = raw.str.count_matches("@", literal=True) == 1
    ok = (
        single_at
        & _ascii_line(raw)
        & (user.str.len_chars() <= 64)
        & (domain.str.len_chars() <= 253)
        & user.str.contains(_EMAIL_USER)
        & domain.str.contains(_EMAIL_DOMAIN)
    )
    return _where(ok.fill_null(False), raw), ~single_at.fill_null(True) & raw.is_not_null()


def _strptime_regex(fmt: str) -> str | None:
    pieces = re.split(r"(%.)", fmt)
    out = []
    for piece in pieces:
        if piece.startswith("%") and len(piece) == 2:
            if piece not in _STRPTIME:
                return None
            out.append(_STRPTIME[piece])
        else:
            out.append(re.escape(piece))
    return "^" + "".join(out) + "$"


def _temporal(raw: pl.Series, field: Field) -> tuple[pl.Series | None, pl.Series | None]:
    kind, fmt = field.type, field.format
    if kind == "date" and fmt == "default":
        ok = raw.str.contains(_DATE_RE) & ~raw.str.starts_with("0000")
        return _where(ok, raw.str.to_date("%Y-%m-%d", strict=False)), None
    if kind == "datetime" and fmt == "default":
        ok = raw.str.contains(_DATETIME) & ~raw.str.starts_with("0000")
        base = raw.str.slice(0, 19).str.to_datetime("%Y-%m-%dT%H:%M:%S", time_unit="us", strict=False)
        offset = raw.str.slice(19)
        sign = pl.select(pl.when(offset.str.starts_with("-")).then(-1).otherwise(1)).to_series()
        minutes = (
            offset.str.slice(1, 2).cast(pl.Int64, strict=False).fill_null(0) * 60
            + offset.str.slice(4, 2).cast(pl.Int64, strict=False).fill_null(0)
        ) * sign
        shifted = pl.select(base - pl.duration(minutes=pl.lit(minutes))).to_series()
        return _where(ok, shifted), None
    if kind == "time" and fmt == "default":
        return _where(raw.str.contains(_TIME), raw.str.to_time("%H:%M:%S", strict=False)), None
    if kind in ("date", "datetime", "time") and fmt not in ("default", "any"):
        pattern = _strptime_regex(fmt.removeprefix("fmt:"))
        if pattern is None:
            return None, None
        ok = raw.str.contains(pattern) & ~raw.str.contains(r"(?:^|[^0-9])0000(?:$|[^0-9])")
        fmt = fmt.removeprefix("fmt:")
        if kind == "date":
            parsed = raw.str.to_date(fmt, strict=False)
        elif kind == "datetime":
            parsed = raw.str.to_datetime(fmt, time_unit="us", strict=False)
        else:
            parsed = raw.str.to_time(fmt, strict=False)
        return _where(ok, parsed), None
    return None, None


def fast_cast(raw: pl.Series, field: Field) -> tuple[pl.Series | None, pl.Series | None]:
    """(typed where sure, else null; cells sure to be invalid, or None)."""
    kind, fmt, desc = field.type, field.format, field.descriptor
    sure_bad: pl.Series | None
    if raw.str.contains("\n", literal=True).any():
        raw = _where(~raw.str.contains("\n", literal=True), raw)
    if kind == "integer" and field.bare_number:
        sure_bad = ~raw.str.contains(_INTEGER_CHARS).fill_null(True)
        return _where(raw.str.contains(_INT_RE), raw.str.to_integer(strict=False)), sure_bad
    if kind == "number" and not {"bareNumber", "floatNumber"} & set(desc):
        text, sure_bad = raw, None
        if field.group_char:
            text = text.str.replace_all(field.group_char, "", literal=True)
        if field.decimal_char != ".":
            sure_bad = text.str.contains(".", literal=True).fill_null(False)
            text = text.str.replace_all(field.decimal_char, ".", literal=True)
        text = text.str.strip_chars(" ") if "groupChar" in desc or "decimalChar" in desc else text
        ok = text.str.contains(_NUM_RE)
        unreadable = ~text.str.contains(_DECIMAL_CHARS).fill_null(True)
        sure_bad = unreadable if sure_bad is None else sure_bad | unreadable
        ok = ok & ~sure_bad
        return _where(ok, text.cast(pl.Float64, strict=False)), sure_bad
    if kind in ("date", "datetime", "time"):
        typed, _none = _temporal(raw, field)
        if fmt in ("default", "any") or re.search("%[YmdHMSyjIU]", fmt):  # needs a digit
            return typed, ~raw.str.contains(r"\d").fill_null(True)
        return typed, None
    if kind == "year":
        return _where(raw.str.contains(r"^[0-9]{4}$"), raw.cast(pl.Int32, strict=False)), None
    if kind == "yearmonth":
        return _where(raw.str.contains(_YEARMONTH), raw), None
    if kind == "duration":
        ok = raw.str.contains(_DURATION) & raw.str.contains(_DURATION_SHAPE)
        return _where(ok, raw), None
    if kind == "geopoint" and fmt == "default":
        parts = raw.str.extract_groups(_GEOPOINT)
        lon, lat = parts.struct.field("1"), parts.struct.field("2")
        lon_value, lat_value = lon.cast(pl.Float64, strict=False), lat.cast(pl.Float64, strict=False)
        ok = lon.is_not_null() & (lon_value.abs() <= 180) & (lat_value.abs() <= 90)
        return _where(ok, pl.concat_str([lon, lat], separator=",")), None
    if kind == "string":
        if fmt == "email":
            return _email(raw)
        if fmt == "uri":
            ok = raw.str.contains(_URI)
            return _where(ok, raw), ~ok.fill_null(True) & raw.is_not_null()
        if fmt == "uuid":
            return _where(raw.str.contains(_UUID), raw), None
    return None, None
