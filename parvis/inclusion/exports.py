"""Exports of published places: the standard (CSV, JSON, GeoJSON) and data·inclusion v1."""

import csv
import io
import json
from typing import Any

from parvis.inclusion.lib.datainclusion import records_to_payload
from parvis.inclusion.lib.standard import to_row
from parvis.inclusion.lib.vocab import field_names
from parvis.inclusion.models import Place, PlaceStatus


def published():
    return Place.objects.filter(status=PlaceStatus.PUBLISHED).order_by("identifier")


def records(queryset=None) -> list[dict]:
    return [p.record() for p in (queryset if queryset is not None else published()).iterator(chunk_size=2000)]


def to_csv(items: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=field_names(), lineterminator="\r\n")
    writer.writeheader()
    for record in items:
        writer.writerow(to_row(record))
    return out.getvalue()


def _json_row(record: dict) -> dict:
    row: dict[str, Any] = dict(to_row(record))
    row["latitude"], row["longitude"] = record.get("latitude"), record.get("longitude")
    return {k: v for k, v in row.items() if v not in ("", None)}


def to_json(items: list[dict]) -> str:
    return json.dumps([_json_row(r) for r in items], ensure_ascii=False, indent=1)


def to_geojson(items: list[dict], extra=None) -> dict:
    features = []
    for record in items:
        if record.get("latitude") is None:
            continue
        props = _json_row(record)
        if extra:
            props.update(extra(record))
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def to_datainclusion(items: list[dict]) -> str:
    return json.dumps(records_to_payload(items), ensure_ascii=False, indent=1)
