"""HTTP responses for exports, shared by the pages and the API.

The first batch is computed before the response starts, so a bad filter (400), the XLSX row
limit (400) or a timeout (503) gives a clean French error instead of a truncated download.
"""

from __future__ import annotations

import itertools
import json
from typing import TYPE_CHECKING

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from parvis.catalog import exports, query, selectors
from parvis.catalog.lib.schema_text import as_schema_writes
from parvis.catalog.lib.tableschema import load_schema
from parvis.catalog.models import ResourceVersion
from parvis.catalog.services.imports import tmp_dir
from parvis.core.lib import lazy

if TYPE_CHECKING:
    import pyarrow as pa
else:
    pa = lazy.module("pyarrow")

FORMATS = ("csv", "json", "geojson", "parquet", "xlsx")


def error_response(exc: query.QueryError, *, as_json: bool) -> HttpResponse:
    if as_json:
        return HttpResponse(
            json.dumps({"detail": exc.message_fr}, ensure_ascii=False),
            status=exc.status,
            content_type="application/json",
        )
    return HttpResponse(exc.message_fr, status=exc.status, content_type="text/plain; charset=utf-8")


def _primed(batches):
    """Pull the first batch now (errors surface before the response starts)."""
    iterator = iter(batches)
    first = next(iterator, None)
    return iterator if first is None else itertools.chain([first], iterator)


def export_response(
    version: ResourceVersion, params, fmt: str, filename: str, *, as_json_errors: bool = False
):
    path = selectors.version_path(version)
    limits = selectors.limits()
    try:
        if fmt not in FORMATS:
            raise query.QueryError(_("Format d'export inconnu : « {fmt} ».").format(fmt=fmt))
        schema = query.schema_of(path)
        spec = query.parse(params, schema)
        unfiltered = not (spec.filters or spec.q or spec.columns or spec.sort)
        if fmt == "parquet" and unfiltered:
            response = FileResponse(open(path, "rb"), content_type=exports.CONTENT_TYPES["parquet"])
            return _attach(response, filename, fmt)
        out_schema = schema if not spec.columns else pa.schema([schema.field(c) for c in spec.columns])
        if fmt == "geojson":
            geo = exports.geo_columns(out_schema, _geopoint_field(version.schema))
            if geo is None:
                raise query.QueryError(
                    _(
                        "Ces données ne sont pas géographiques (ni colonne de géométrie, ni latitude et longitude) : "
                        "l'export GeoJSON n'est pas disponible."
                    )
                )
        if fmt == "xlsx":
            known = version.row_count if unfiltered else None
            exports.check_xlsx_rows(known if known is not None else query.count(path, spec, limits))
        batches = _primed(_as_schema_writes(query.export_batches(path, spec, limits), version.schema, fmt))
        if fmt == "csv":
            chunks = exports.csv_chunks(batches)
        elif fmt == "json":
            chunks = exports.json_chunks(batches)
        elif fmt == "geojson":
            assert geo is not None  # refused above
            chunks = exports.geojson_chunks(batches, geo)
        elif fmt == "xlsx":
            chunks = exports.xlsx_chunks(batches, out_schema, tmpdir=tmp_dir())
        else:
            chunks = exports.parquet_chunks(batches, out_schema, tmpdir=tmp_dir())
    except query.QueryError as exc:
        return error_response(exc, as_json=as_json_errors)
    streamed = StreamingHttpResponse(chunks, content_type=exports.CONTENT_TYPES[fmt])
    return _attach(streamed, filename, fmt)


def _geopoint_field(schema: dict | None) -> str | None:
    fields = (schema or {}).get("fields") or []
    return next((f.get("name") for f in fields if isinstance(f, dict) and f.get("type") == "geopoint"), None)


def _as_schema_writes(batches, schema: dict | None, fmt: str):
    """Text formats write each value as the version's schema does, so that the export passes it
    again; Parquet keeps the typed values (its own types carry them)."""
    if not schema or fmt == "parquet":
        return batches
    loaded = load_schema(schema)
    return (as_schema_writes(batch, loaded, keep_numbers=fmt != "csv") for batch in batches)


def _attach(response, filename: str, fmt: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
