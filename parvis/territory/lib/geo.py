"""Contours: 2018 → 2026 dissolve, Lambert-93 projection and per-zoom simplification (no Django import).

The france-geojson outlines are COG 2018 while the référentiel is COG 2026: features of communes merged
since 2018 are dissolved into their 2026 commune with the mapping file
``communes-2018-vers-cog2026.json`` (``{code2018: {code2026, ...}}``). Geometries are projected once, at
import, to Lambert-93 (EPSG:2154, metres) and stored as WKB; maps only scale and simplify them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from parvis.core.lib import lazy

if TYPE_CHECKING:
    import numpy as np
    import pyproj
    import shapely

else:
    np = lazy.module("numpy")
    shapely = lazy.module("shapely")
    pyproj = lazy.module("pyproj")


@cache
def _transformer(source: str, target: str) -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(source, target, always_xy=True)


def _project(coords: np.ndarray, transformer: pyproj.Transformer) -> np.ndarray:
    x, y = transformer.transform(coords[:, 0], coords[:, 1])
    return np.column_stack([x, y])


def to_lambert93[G: (shapely.Geometry, np.ndarray)](geometry: G) -> G:
    """Project a lon/lat shapely geometry (or array of them) to Lambert-93 metres."""
    return shapely.transform(geometry, lambda c: _project(c, _transformer("EPSG:4326", "EPSG:2154")))


def to_lonlat(geometry: shapely.Point) -> shapely.Point:
    return shapely.transform(geometry, lambda c: _project(c, _transformer("EPSG:2154", "EPSG:4326")))


def features_to_geometries(features: list[dict[str, Any]]) -> tuple[list[str], np.ndarray]:
    """Codes and shapely geometries (lon/lat) of GeoJSON features with a ``code`` property."""
    codes = [f["properties"]["code"] for f in features]
    geoms = np.array([shapely.geometry.shape(f["geometry"]) for f in features], dtype=object)
    geoms = shapely.make_valid(geoms)
    return codes, geoms


def dissolve(
    codes: list[str], geoms: Iterable[shapely.Geometry], mapping: dict[str, str]
) -> dict[str, shapely.Geometry]:
    """Merge geometries whose 2018 code maps to the same 2026 code; unmapped codes are kept as is."""
    groups: dict[str, list[shapely.Geometry]] = defaultdict(list)
    for code, geom in zip(codes, geoms, strict=True):
        groups[mapping.get(code, code)].append(geom)
    out = {}
    for code, parts in groups.items():
        out[code] = parts[0] if len(parts) == 1 else shapely.union_all(parts)
    return out


def mapping_codes(mapping_doc: dict[str, Any]) -> dict[str, str]:
    """``{code2018: code2026}`` from the derived mapping file."""
    return {old: entry["code2026"] for old, entry in mapping_doc.get("mapping", {}).items()}


def projected_wkb(geometries: Mapping[str, shapely.Geometry]) -> dict[str, tuple[bytes, tuple[float, ...]]]:
    """``{code: (wkb, bounds)}`` in Lambert-93, the form stored in the database."""
    codes = list(geometries)
    projected = to_lambert93(np.array([geometries[c] for c in codes], dtype=object))
    wkbs = shapely.to_wkb(projected)
    bounds = shapely.bounds(projected)
    return {code: (bytes(wkbs[i]), tuple(bounds[i])) for i, code in enumerate(codes)}


def centroid_lonlat(wkb: bytes) -> tuple[float, float]:
    """(lat, lon) of the centroid of a stored Lambert-93 geometry."""
    point = to_lonlat(shapely.centroid(shapely.from_wkb(wkb)))
    return round(point.y, 5), round(point.x, 5)


# Départements d'outre-mer drawn as insets on the map of France (Mayotte is 976; COM have no contours).
OVERSEAS = ("971", "972", "973", "974", "976")


def overseas_departement(code: str) -> str | None:
    """« 971 » for a commune code 971xx, None for a metropolitan commune."""
    return code[:3] if code[:3] in OVERSEAS else None


def place_insets(
    groups: dict[str, list[shapely.Geometry]],
    metro_bounds: tuple[float, float, float, float],
    size: float = 0,
) -> dict[str, list[shapely.Geometry]]:
    """Move each overseas group (``{département: [geometries]}``) into its own square inset below the
    south-west corner of metropolitan France, scaled to fit (each inset has its own scale: the map says so).
    Returns ``{département: [moved geometries]}`` in the same order."""
    minx, miny, maxx, maxy = metro_bounds
    size = size or (maxx - minx) / 7
    gap = size * 0.15
    moved: dict[str, list[shapely.Geometry]] = {}
    for i, (dep, geoms) in enumerate(sorted(groups.items())):
        bx0, by0, bx1, by1 = shapely.total_bounds(np.array(geoms, dtype=object))
        scale = size / max(bx1 - bx0, by1 - by0, 1.0)
        ox, oy = minx + i * (size + gap), miny - gap - size
        shift = np.array([bx0, by0])
        offset = np.array([ox, oy])
        moved[dep] = [
            shapely.transform(g, partial(_inset, scale=scale, shift=shift, offset=offset)) for g in geoms
        ]
    return moved


def _inset(coords: np.ndarray, *, scale: float, shift: np.ndarray, offset: np.ndarray) -> np.ndarray:
    placed: np.ndarray = (coords - shift) * scale + offset
    return placed
