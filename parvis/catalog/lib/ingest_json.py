"""JSON records and GeoJSON readers (geometry kept as GeoJSON text in ``geometry``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parvis.catalog.lib.errors import IngestError
from parvis.catalog.lib.rawtable import IngestResult, check_column_count, strings_table
from parvis.core.lib import fileguard, lazy
from parvis.translation import _

if TYPE_CHECKING:
    import shapely
else:
    shapely = lazy.module("shapely")

GEOMETRY_COLUMN = "geometry"
JSON_LIMITS = fileguard.Limits()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _load(path: Path, encoding: str | None) -> Any:
    raw = path.read_bytes()
    try:
        return fileguard.load_json(raw.decode(encoding or "utf-8-sig"), path.name, JSON_LIMITS)
    except fileguard.FileRefused as refused:
        raise IngestError("json-depth", refused.message) from None
    except LookupError as exc:
        raise IngestError(
            "encoding-error", _("Encodage « {encoding} » inconnu.").format(encoding=encoding)
        ) from exc
    except UnicodeDecodeError as exc:
        raise IngestError(
            "encoding-error",
            _("Le fichier JSON « {name} » n'est pas encodé en UTF-8.").format(name=path.name),
        ) from exc
    except json.JSONDecodeError as first:
        lines = [line for line in raw.decode("utf-8-sig").splitlines() if line.strip()]
        try:
            return [fileguard.load_json(line, path.name, JSON_LIMITS) for line in lines]  # JSON Lines
        except fileguard.FileRefused as refused:
            raise IngestError("json-depth", refused.message) from None
        except json.JSONDecodeError:
            raise IngestError(
                "json-error",
                _(
                    "JSON invalide à la ligne {line}, colonne {column} : la syntaxe JSON n'est pas respectée."
                ).format(line=first.lineno, column=first.colno),
                row=first.lineno,
            ) from first


def _records_table(records: list[dict[str, Any]], fmt: str, max_columns: int) -> IngestResult:
    labels: dict[str, None] = {}
    for record in records:
        labels.update(dict.fromkeys(record))
        check_column_count(len(labels), max_columns)
    header = list(labels)
    columns = [[_text(r.get(label)) for r in records] for label in header]
    return IngestResult(table=strings_table(columns, header), format=fmt, header=header)


def _rows_table(data: list[list[Any]], path: Path, max_columns: int) -> IngestResult:
    """A list of lists: the first is the header, like a CSV (ragged rows kept apart)."""
    header = [_text(v) for v in data[0]]
    if not header:
        raise IngestError(
            "blank-header",
            _(
                "La première liste du JSON « {name} » est vide : elle doit contenir les noms des colonnes."
            ).format(name=path.name),
        )
    check_column_count(len(header), max_columns)
    rows, width = data[1:], len(header)
    columns = [[_text(r[c]) if c < len(r) else None for r in rows] for c in range(width)]
    extra = [(i + 2, c + 1, _text(r[c])) for i, r in enumerate(rows) for c in range(width, len(r))]
    return IngestResult(table=strings_table(columns, header), format="json", header=header, extra_cells=extra)


def read_json(path: Path, fmt: str, *, encoding: str | None, max_columns: int) -> IngestResult:
    data = _load(path, encoding)
    if fmt == "geojson" or (isinstance(data, dict) and data.get("type") in ("FeatureCollection", "Feature")):
        return _read_geojson(data, path, max_columns)
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise IngestError(
                "json-error",
                _("Le JSON doit être une liste d'objets (ou un objet contenant une seule liste)."),
            )
        data = lists[0]
    if not isinstance(data, list):
        raise IngestError("json-error", _("Le JSON doit être une liste d'objets."))
    if data and all(isinstance(r, list) for r in data):
        return _rows_table(data, path, max_columns)
    for index, record in enumerate(data):
        if not isinstance(record, dict):
            raise IngestError(
                "json-error",
                _("L'élément n° {number} du JSON n'est pas un objet.").format(number=index + 1),
                row=index + 2,
            )
    return _records_table(data, "json", max_columns)


def _read_geojson(data: object, path: Path, max_columns: int) -> IngestResult:
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = {"type": "FeatureCollection", "features": [data]}
    features = data.get("features") if isinstance(data, dict) else None
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(features, list)
    ):
        raise IngestError(
            "geojson-error",
            _(
                "GeoJSON invalide dans « {name} » : une FeatureCollection avec une liste « features » est attendue."
            ).format(name=path.name),
        )
    records = []
    for index, feature in enumerate(features):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise IngestError(
                "geojson-error",
                _("GeoJSON invalide : l'entité n° {number} n'est pas une « Feature ».").format(
                    number=index + 1
                ),
                row=index + 2,
            )
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            raise IngestError(
                "geojson-error",
                _("GeoJSON invalide : « properties » de l'entité n° {number} n'est pas un objet.").format(
                    number=index + 1
                ),
                row=index + 2,
            )
        geometry = feature.get("geometry")
        if geometry is not None:
            try:
                shapely.geometry.shape(geometry)
            except Exception as exc:  # shapely raises several unrelated types
                raise IngestError(
                    "geojson-error",
                    _("GeoJSON invalide : géométrie illisible pour l'entité n° {number} ({error}).").format(
                        number=index + 1, error=exc
                    ),
                    row=index + 2,
                    column=GEOMETRY_COLUMN,
                ) from exc
        record = {k: v for k, v in properties.items() if k != GEOMETRY_COLUMN}
        record[GEOMETRY_COLUMN] = geometry
        records.append(record)
    result = _records_table(records, "geojson", max_columns)
    if not records:
        result = IngestResult(
            table=strings_table([[]], [GEOMETRY_COLUMN]), format="geojson", header=[GEOMETRY_COLUMN]
        )
    return result
