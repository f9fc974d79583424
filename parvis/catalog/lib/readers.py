"""Exact cell readers, one per Table Schema type, mirroring Frictionless 5.

Each reader takes the raw text of a non-missing cell and returns the typed Python value,
or ``None`` when the text is not a valid value of the type. They run on *distinct* values
only (see ``cast.py``), so their speed matters little; their semantics matter a lot.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from parvis.catalog.lib.formats import is_base64, is_email, is_uri, is_uuid, is_wkt
from parvis.catalog.lib.tableschema import Field

Reader = Callable[[str], Any]

_NON_DIGITS = re.compile(r"((^[^-\d]*)|(\D*$))")
# isodate's ISO 8601 period pattern, plus its alternative "P<date>T<time>" form.
_DURATION = re.compile(
    r"^(?P<sign>[+-])?P(?!\b)(?P<years>[0-9]+([,.][0-9]+)?Y)?(?P<months>[0-9]+([,.][0-9]+)?M)?"
    r"(?P<weeks>[0-9]+([,.][0-9]+)?W)?(?P<days>[0-9]+([,.][0-9]+)?D)?((?P<separator>T)"
    r"(?P<hours>[0-9]+([,.][0-9]+)?H)?(?P<minutes>[0-9]+([,.][0-9]+)?M)?(?P<seconds>[0-9]+([,.][0-9]+)?S)?)?$"
)
_DURATION_ALT = re.compile(r"^P[0-9]{4}-?[0-9]{2}-?[0-9]{2}T[0-9]{2}:?[0-9]{2}:?[0-9]{2}$")
# dateutil's isoparse reads 24:00:00 as midnight of the next day; fromisoformat refuses it.
_MIDNIGHT_24 = re.compile(r"24:00(:00(\.0+)?)?(?=$|[Z+-])")
GEOMETRY_TYPES = {
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
}


def _integer(field: Field) -> Reader:
    def read(cell: str) -> int | None:
        cell = cell.strip()
        if not field.bare_number:
            cell = _NON_DIGITS.sub("", cell)
        try:
            return int(cell)
        except ValueError:
            return None

    return read


def _number(field: Field) -> Reader:
    processed = {"groupChar", "decimalChar", "bareNumber"} & set(field.descriptor)
    primary = float if field.descriptor.get("floatNumber") else Decimal

    def read(cell: str) -> Decimal | float | None:
        cell = cell.strip()
        if processed:
            if not field.bare_number:
                cell = _NON_DIGITS.sub("", cell)
            cell = cell.replace(field.group_char, "")
            if field.decimal_char != "." and "." in cell:
                return None
            cell = cell.replace(field.decimal_char, ".")
        try:
            return primary(cell)
        except (InvalidOperation, ValueError):
            return None

    return read


def _boolean(field: Field) -> Reader:
    mapping = {v: True for v in field.true_values} | {v: False for v in field.false_values}
    return mapping.get


def _strptime(fmt: str, convert: Callable[[dt.datetime], Any]) -> Reader:
    def read(cell: str) -> Any:
        try:
            return convert(dt.datetime.strptime(cell, fmt))
        except (ValueError, TypeError):
            return None

    return read


def _iso(
    convert: Callable[[dt.datetime], Any], prefix: str = "", check: Callable[[str], bool] | None = None
) -> Reader:
    def read(cell: str) -> Any:
        try:
            if check and not check(cell):
                return None
            text, shift = prefix + cell, dt.timedelta(0)
            if "24:00" in text:
                text, count = _MIDNIGHT_24.subn("00:00:00", text)
                shift = dt.timedelta(days=count)
            return convert(dt.datetime.fromisoformat(text) + shift)
        except (ValueError, IndexError):
            return None

    return read


def _date(field: Field) -> Reader:
    if field.format == "default":
        return _strptime("%Y-%m-%d", lambda d: d.date())
    if field.format == "any":
        return _iso(lambda d: d.date())
    return _strptime(field.format.removeprefix("fmt:"), lambda d: d.date())


def _datetime(field: Field) -> Reader:
    if field.format == "default":
        return _iso(_naive_utc, check=lambda c: c[16] == ":" and len(c) >= 19)
    if field.format == "any":
        return _iso(_naive_utc)
    return _strptime(field.format.removeprefix("fmt:"), _naive_utc)


def _time(field: Field) -> Reader:
    if field.format == "default":
        return _iso(lambda d: d.time(), "2000-01-01T", check=lambda c: c[5] == ":" and len(c) >= 8)
    if field.format == "any":
        return _iso(lambda d: d.time(), "2000-01-01T")
    return _strptime(field.format.removeprefix("fmt:"), lambda d: d.time())


def _naive_utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _year(field: Field) -> Reader:
    def read(cell: str) -> int | None:
        if len(cell) != 4:
            return None
        try:
            value = int(cell)
        except ValueError:
            return None
        return value if 0 <= value <= 9999 else None

    return read


def _yearmonth(field: Field) -> Reader:
    def read(cell: str) -> str | None:
        try:
            year_text, month_text = cell.split("-")
            year, month = int(year_text), int(month_text)
        except ValueError:
            return None
        return f"{year}-{month:02}" if 1 <= month <= 12 else None

    return read


def _duration(field: Field) -> Reader:
    return lambda cell: cell if _DURATION.match(cell) or _DURATION_ALT.match(cell) else None


def _geopoint(field: Field) -> Reader:
    def read(cell: str) -> str | None:
        try:
            # Decimal, not float: 5.7145295 must not come back as 5.71452950000000026...
            if field.format == "array":
                lon, lat = json.loads(cell, parse_float=Decimal)
            elif field.format == "object":
                data = json.loads(cell, parse_float=Decimal)
                if len(data) != 2:
                    return None
                lon, lat = data["lon"], data["lat"]
            else:
                lon, lat = (part.strip() for part in cell.split(","))
            lon, lat = Decimal(lon), Decimal(lat)
        except (ValueError, TypeError, KeyError, InvalidOperation):
            return None
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return None
        return f"{lon.normalize()},{lat.normalize()}"

    return read


def _json_reader(kind: type) -> Callable[[Field], Reader]:
    def factory(field: Field) -> Reader:
        def read(cell: str) -> Any:
            try:
                value = json.loads(cell)
            except ValueError:
                return None
            return value if isinstance(value, kind) else None

        return read

    return factory


def _geojson(field: Field) -> Reader:
    import shapely.geometry  # lazy: heavy, only for geometry columns

    def read(cell: str) -> dict[str, Any] | None:
        try:
            value = json.loads(cell)
        except ValueError:
            return None
        if not isinstance(value, dict):
            return None
        geometry = value.get("geometry") if value.get("type") == "Feature" else value
        if value.get("type") == "FeatureCollection":
            return value if isinstance(value.get("features"), list) else None
        if geometry is None and value.get("type") == "Feature":
            return value
        if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
            return None
        try:
            shapely.geometry.shape(geometry)
        except Exception:  # shapely raises many unrelated exception types
            return None
        return value

    return read


def _string(field: Field) -> Reader:
    fmt = field.format
    if fmt == "email":
        return lambda cell: cell if is_email(cell) else None
    if fmt == "uri":
        return lambda cell: cell if is_uri(cell) else None
    if fmt == "uuid":
        return lambda cell: cell if is_uuid(cell) else None
    if fmt == "binary":
        return lambda cell: cell if is_base64(cell) else None
    if fmt == "wkt":
        return lambda cell: cell if is_wkt(cell) else None
    return lambda cell: cell


READERS: dict[str, Callable[[Field], Reader]] = {
    "string": _string,
    "integer": _integer,
    "number": _number,
    "boolean": _boolean,
    "date": _date,
    "datetime": _datetime,
    "time": _time,
    "year": _year,
    "yearmonth": _yearmonth,
    "duration": _duration,
    "geopoint": _geopoint,
    "geojson": _geojson,
    "object": _json_reader(dict),
    "array": _json_reader(list),
    "any": lambda field: lambda cell: cell,
}


def reader_for(field: Field) -> Reader:
    return READERS[field.type](field)
