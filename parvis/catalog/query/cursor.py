"""Opaque keyset cursors: the sort key values and row number of the last row of a page."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from parvis.catalog.query.errors import QueryError
from parvis.catalog.query.spec import convert_value
from parvis.core.lib import lazy

if TYPE_CHECKING:
    import pyarrow as pa
else:
    pa = lazy.module("pyarrow")


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def signature(sort: list[tuple[str, bool]]) -> str:
    return ",".join(("-" if desc else "") + col for col, desc in sort)


def encode(sort: list[tuple[str, bool]], values: list[object], rowid: int) -> str:
    payload = {"s": signature(sort), "k": [_text(v) for v in values], "r": int(rowid)}
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(token: str, sort: list[tuple[str, bool]], schema: pa.Schema) -> tuple[list[object], int]:
    """Return (key values, row number) or raise a French QueryError when the cursor is unusable."""
    invalid = QueryError(_("Curseur de pagination invalide : relancez la requête depuis la première page."))
    try:
        payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        keys, rowid, sig = payload["k"], int(payload["r"]), payload["s"]
    except (ValueError, KeyError, TypeError):
        raise invalid from None
    if sig != signature(sort) or not isinstance(keys, list) or len(keys) != len(sort):
        raise QueryError(
            _("Ce curseur a été produit pour un autre tri : relancez la requête depuis la première page.")
        )
    values = []
    for (col, _desc), raw in zip(sort, keys, strict=True):
        values.append(None if raw is None else convert_value(str(raw), col, schema.field(col).type))
    return values, rowid
