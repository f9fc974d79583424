"""Streaming serialisers of Arrow record batches: CSV, JSON, GeoJSON, XLSX and Parquet.

Each ``*_chunks(batches)`` generator yields ``bytes`` and holds at most one batch in memory.
CSV cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
tab or carriage return) are prefixed with an apostrophe (OWASP "CSV injection").
"""

from __future__ import annotations

import datetime as dt
import decimal
import io
import json
import math
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from parvis.catalog.query import QueryError
from parvis.core.lib import jsonsafe, lazy

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq
else:
    pa = lazy.module("pyarrow")
    pc = lazy.module("pyarrow.compute")
    pacsv = lazy.module("pyarrow.csv")
    pq = lazy.module("pyarrow.parquet")

XLSX_MAX_ROWS = 1_048_576  # header included
FORMULA_START = r"^[=+\-@\t\r]"
LAT_NAMES = ("latitude", "lat", "y_latitude", "coordonnees_lat", "geo_lat")
LON_NAMES = ("longitude", "lon", "lng", "long", "x_longitude", "coordonnees_lon", "geo_lon")
GEOMETRY_NAMES = ("geometry", "geometrie", "geom", "geojson", "geo_shape")

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "geojson": "application/geo+json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}


def neutralise(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Prefix text cells that start like a spreadsheet formula with an apostrophe."""
    columns = []
    for col in batch.columns:
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            risky = pc.fill_null(pc.match_substring_regex(col, FORMULA_START), False)
            col = pc.if_else(risky, pc.binary_join_element_wise("'", col, ""), col)
        columns.append(col)
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)


def csv_chunks(batches: Iterable[pa.RecordBatch]) -> Iterator[bytes]:
    first = True
    for batch in batches:
        buf = io.BytesIO()
        if first:
            buf.write("\ufeff".encode())  # BOM: spreadsheets then read UTF-8 accents correctly
        pacsv.write_csv(
            neutralise(batch), buf, pacsv.WriteOptions(include_header=first, quoting_style="needed")
        )
        first = False
        yield buf.getvalue()


def jsonable(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            return None
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, float) and value != value:
        return None
    return value


def _dumps(obj: object) -> str:
    return jsonsafe.dumps(obj, ensure_ascii=False, default=jsonable, separators=(",", ":"))


def json_chunks(batches: Iterable[pa.RecordBatch]) -> Iterator[bytes]:
    yield b"["
    sep = ""
    for batch in batches:
        rows = batch.to_pylist()
        if rows:
            yield (sep + ",".join(_dumps(r) for r in rows)).encode()
            sep = ","
    yield b"]"


def geo_columns(schema: pa.Schema, geopoint: str | None = None) -> dict[str, str] | None:
    """The columns that locate a row: {"geometry": col}, {"point": col} (a Table Schema geopoint,
    kept in the properties) or {"lat": col, "lon": col}; None if not geographic."""
    if geopoint and geopoint in schema.names:
        return {"point": geopoint}
    lower = {name.lower(): name for name in schema.names}
    for name in GEOMETRY_NAMES:
        if name in lower:
            return {"geometry": lower[name]}
    lat = next((lower[n] for n in LAT_NAMES if n in lower), None)
    lon = next((lower[n] for n in LON_NAMES if n in lower), None)
    return {"lat": lat, "lon": lon} if lat and lon else None


def _point(text) -> dict | None:
    """A geopoint as its schema writes it: ``lon,lat``, ``[lon, lat]`` or ``{"lon": …, "lat": …}``."""
    try:
        if isinstance(text, str) and text.lstrip().startswith(("[", "{")):
            value = json.loads(text)
            lon, lat = (value["lon"], value["lat"]) if isinstance(value, dict) else value
        else:
            lon, lat = str(text).split(",")
        return {"type": "Point", "coordinates": [float(lon), float(lat)]}
    except (TypeError, ValueError, KeyError):
        return None


def _geometry(row: dict, geo: dict[str, str]) -> dict | None:
    if "point" in geo:
        return _point(row[geo["point"]])
    if "geometry" in geo:
        raw = row.pop(geo["geometry"])
        if isinstance(raw, dict):
            return raw
        try:
            value = json.loads(raw) if raw else None
        except (TypeError, ValueError):
            return None
        return value if isinstance(value, dict) and "type" in value else None
    try:
        lat, lon = float(row[geo["lat"]]), float(row[geo["lon"]])
    except (TypeError, ValueError):
        return None
    return {"type": "Point", "coordinates": [lon, lat]}


def geojson_chunks(batches: Iterable[pa.RecordBatch], geo: dict[str, str]) -> Iterator[bytes]:
    yield b'{"type":"FeatureCollection","features":['
    sep = ""
    for batch in batches:
        parts = []
        for row in batch.to_pylist():
            geometry = _geometry(row, geo)
            parts.append(_dumps({"type": "Feature", "geometry": geometry, "properties": row}))
        if parts:
            yield (sep + ",".join(parts)).encode()
            sep = ","
    yield b"]}"


def check_xlsx_rows(count: int) -> None:
    if count + 1 > XLSX_MAX_ROWS:
        raise QueryError(
            _(
                "Le format XLSX est limité à {max} lignes (en-tête compris) ; cette sélection compte {count} lignes. "
                "Filtrez les données ou téléchargez-les en CSV ou en Parquet."
            ).format(
                max=f"{XLSX_MAX_ROWS:,}".replace(",", "\u202f"), count=f"{count:,}".replace(",", "\u202f")
            )
        )


def _file_chunks(path: str, chunk: int = 1 << 20) -> Iterator[bytes]:
    try:
        with open(path, "rb") as fh:
            while data := fh.read(chunk):
                yield data
    finally:
        os.unlink(path)


def xlsx_chunks(
    batches: Iterable[pa.RecordBatch], schema: pa.Schema, tmpdir: str | None = None
) -> Iterator[bytes]:
    """Write a workbook in constant memory to a temporary file, then stream it."""
    import xlsxwriter  # lazy: loaded only for XLSX exports

    fd, path = tempfile.mkstemp(suffix=".xlsx", dir=tmpdir)
    os.close(fd)
    # xlsxwriter keeps the rows of each sheet in files of its own: a private directory, always removed,
    # so that a failed export leaves nothing behind.
    scratch = tempfile.mkdtemp(prefix="xlsx-", dir=tmpdir)
    try:
        book = xlsxwriter.Workbook(
            path,
            {
                "constant_memory": True,
                "tmpdir": scratch,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "default_date_format": "yyyy-mm-dd",
            },
        )
        sheet = book.add_worksheet(_("Données"))
        sheet.write_row(0, 0, schema.names)
        r = 1
        for batch in batches:
            for row in batch.to_pylist():
                sheet.write_row(r, 0, [_xlsx_cell(v) for v in row.values()])
                r += 1
        book.close()
    except BaseException:
        os.unlink(path)
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return _file_chunks(path)


def _xlsx_cell(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        return None  # NaN and ±Infinity have no spreadsheet number: an empty cell
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if isinstance(value, (dt.time, bytes)) or isinstance(value, decimal.Decimal):
        return str(value)
    return value


def parquet_chunks(
    batches: Iterable[pa.RecordBatch], schema: pa.Schema, tmpdir: str | None = None
) -> Iterator[bytes]:
    fd, path = tempfile.mkstemp(suffix=".parquet", dir=tmpdir)
    os.close(fd)
    try:
        with pq.ParquetWriter(path, schema, compression="zstd") as writer:
            for batch in batches:
                writer.write_batch(batch)
    except BaseException:
        os.unlink(path)
        raise
    return _file_chunks(path)
