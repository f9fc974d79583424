"""Parse query-string parameters into a validated :class:`QuerySpec`.

Conventions (the same for the API and the pages, close to Datasette's):

- ``col=value`` equality; ``col__ne``, ``col__lt``, ``col__lte``, ``col__gt``, ``col__gte``,
  ``col__in=a,b,c``, ``col__like=%motif%``, ``col__isnull=1``, ``col__notnull=1``;
- ``_sort=col`` / ``_sort=-col`` (repeatable or comma-separated), ``_col=a,b`` column selection,
  ``_q=mots`` search over text columns (every word, accents and case ignored), ``_size`` page size (1 to 10,000),
  ``_cursor`` opaque keyset cursor returned by the previous page, ``_offset`` for shallow pages,
  ``_facet=col`` (repeatable) with ``_facet_size`` values each (1 to 1,000, default 30), ``_group=col&_agg=sum:montant`` for aggregates.

Column names are checked against the data file's columns; values are converted to the column
type in Python and always passed as bound parameters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from parvis.catalog.query.errors import QueryError
from parvis.core.lib import lazy

if TYPE_CHECKING:
    import pyarrow as pa
else:
    pa = lazy.module("pyarrow")

OPERATORS = ("eq", "ne", "lt", "lte", "gt", "gte", "in", "like", "isnull", "notnull")
RESERVED = {
    "_sort",
    "_col",
    "_q",
    "_size",
    "_cursor",
    "_offset",
    "_facet",
    "_facet_size",
    "_group",
    "_agg",
    "_version",
    "format",
}
AGGREGATES = ("count", "sum", "avg", "min", "max")
MAX_PAGE_SIZE = 10_000
DEFAULT_PAGE_SIZE = 100
DEFAULT_FACET_SIZE = 30  # values per facet column, as in Datasette
MAX_FACET_SIZE = 1_000


@dataclass(frozen=True)
class Filter:
    column: str
    op: str
    value: object = None


@dataclass
class QuerySpec:
    filters: list[Filter] = field(default_factory=list)
    sort: list[tuple[str, bool]] = field(default_factory=list)  # (column, descending)
    columns: list[str] | None = None
    q: str = ""
    size: int = DEFAULT_PAGE_SIZE
    cursor: str | None = None
    offset: int = 0
    facets: list[str] = field(default_factory=list)
    facet_size: int = DEFAULT_FACET_SIZE
    group: str | None = None
    aggregates: list[tuple[str, str | None]] = field(default_factory=list)  # (function, column)


def _check_column(name: str, schema: pa.Schema) -> str:
    if name not in schema.names:
        raise QueryError(
            _("Colonne inconnue : « {name} ». Colonnes disponibles : {names}.").format(
                name=name, names=", ".join(schema.names)
            )
        )
    return name


def convert_value(raw: str, column: str, typ: pa.DataType) -> object:
    """Convert a query-string value to the Python value matching the column's Arrow type."""
    try:
        if pa.types.is_integer(typ):
            return int(raw)
        if pa.types.is_floating(typ) or pa.types.is_decimal(typ):
            return float(raw.replace(",", "."))
        if pa.types.is_boolean(typ):
            lowered = raw.strip().lower()
            if lowered in ("true", "1", "oui", "vrai"):
                return True
            if lowered in ("false", "0", "non", "faux"):
                return False
            raise ValueError(raw)
        if pa.types.is_timestamp(typ):
            return dt.datetime.fromisoformat(raw)
        if pa.types.is_date(typ):
            return dt.date.fromisoformat(raw)
        if pa.types.is_time(typ):
            return dt.time.fromisoformat(raw)
    except ValueError:
        raise QueryError(
            _("Valeur « {value} » invalide pour la colonne « {column} » (type {type}).").format(
                value=raw, column=column, type=type_label(typ)
            )
        ) from None
    return raw


def type_label(typ: pa.DataType) -> str:
    """A short French label of an Arrow type, shown in errors and column lists."""
    if pa.types.is_integer(typ):
        return _("entier")
    if pa.types.is_floating(typ) or pa.types.is_decimal(typ):
        return _("nombre")
    if pa.types.is_boolean(typ):
        return _("booléen")
    if pa.types.is_timestamp(typ):
        return _("date et heure")
    if pa.types.is_date(typ):
        return _("date")
    if pa.types.is_time(typ):
        return _("heure")
    return _("texte")


def _split(values: list[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _int_param(params, name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise QueryError(_("Le paramètre « {name} » doit être un entier.").format(name=name)) from None
    if not low <= value <= high:
        raise QueryError(
            _("Le paramètre « {name} » doit être compris entre {low} et {high}.").format(
                name=name, low=low, high=high
            )
        )
    return value


def parse_filter(key: str, raw: str, schema: pa.Schema) -> Filter:
    column, _sep, op = key.rpartition("__")
    if not _sep or op not in OPERATORS:
        column, op = key, "eq"
    _check_column(column, schema)
    typ = schema.field(column).type
    if op in ("isnull", "notnull"):
        return Filter(column, op)
    if op == "in":
        return Filter(column, op, tuple(convert_value(v, column, typ) for v in _split([raw])))
    if op == "like":
        return Filter(column, op, raw)
    return Filter(column, op, convert_value(raw, column, typ))


def parse(params, schema: pa.Schema) -> QuerySpec:
    """Build a QuerySpec from a ``QueryDict``-like mapping (``get`` and ``getlist``) and the file schema."""
    spec = QuerySpec()
    for key in params:
        if key in RESERVED:
            continue
        if key.startswith("_") and key not in schema.names and key.rpartition("__")[0] not in schema.names:
            raise QueryError(_("Paramètre inconnu : « {name} ».").format(name=key))
        for raw in params.getlist(key):
            spec.filters.append(parse_filter(key, raw, schema))
    for item in _split(params.getlist("_sort")):
        desc = item.startswith("-")
        spec.sort.append((_check_column(item.lstrip("-"), schema), desc))
    cols = _split(params.getlist("_col"))
    spec.columns = [_check_column(c, schema) for c in cols] or None
    spec.q = (params.get("_q") or "").strip()[:200]
    spec.size = _int_param(params, "_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    spec.offset = _int_param(params, "_offset", 0, 0, 10_000_000_000)
    spec.cursor = params.get("_cursor") or None
    spec.facets = [_check_column(c, schema) for c in _split(params.getlist("_facet"))][:10]
    spec.facet_size = _int_param(params, "_facet_size", DEFAULT_FACET_SIZE, 1, MAX_FACET_SIZE)
    group = params.get("_group")
    spec.group = _check_column(group, schema) if group else None
    for item in _split(params.getlist("_agg")):
        func, _sep, column = item.partition(":")
        if func not in AGGREGATES:
            raise QueryError(
                _("Agrégat inconnu : « {name} ». Agrégats possibles : {names}.").format(
                    name=func, names=", ".join(AGGREGATES)
                )
            )
        if func != "count" or column:
            _check_column(column, schema)
            typ = schema.field(column).type
            if func in ("sum", "avg") and not (
                pa.types.is_integer(typ) or pa.types.is_floating(typ) or pa.types.is_decimal(typ)
            ):
                raise QueryError(
                    _(
                        "L'agrégat « {func} » demande une colonne numérique ; « {column} » est de type {type}."
                    ).format(func=func, column=column, type=type_label(typ))
                )
        spec.aggregates.append((func, column or None))
    return spec
