"""Accessible server-rendered SVG maps from Lambert-93 geometries (no Django import).

``render_svg(areas, title=..., description=..., legend=...)`` returns a standalone ``<svg>`` string:
``<title>`` and ``<desc>`` referenced by ``aria-labelledby``, one ``<a>`` per area (keyboard focusable,
``aria-label`` = name and value, ``<title>`` tooltip), a legend drawn inside the image so that printouts
keep it. Fills are presentation attributes (allowed by a strict CSP); the caller always prints an
equivalent data table below the map, so no information is carried by colour only.
Geometries are simplified with a tolerance of about half an output pixel (the « zoom level »).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from parvis.core.lib import lazy

if TYPE_CHECKING:
    import numpy as np
    import shapely
else:
    np = lazy.module("numpy")
    shapely = lazy.module("shapely")

WIDTH = 1000  # viewBox units; the element scales with CSS
CONTEXT_FILL = "#e6e6e6"
NO_DATA_FILL = "#ffffff"
STROKE = "#555555"


@dataclass
class Area:
    key: str
    name: str
    wkb: bytes
    fill: str | None = None  # None: context area (neighbour), drawn grey
    label: str = ""  # value text for assistive technologies
    href: str = ""


@dataclass
class LegendItem:
    fill: str
    label: str


def _ring_path(pts: np.ndarray) -> str:
    keep = np.ones(len(pts), dtype=bool)
    keep[1:] = np.any(pts[1:] != pts[:-1], axis=1)
    pts = pts[keep]
    if len(pts) < 4:  # closed ring: at least three distinct points plus the closing one
        return ""
    deltas = np.diff(pts[:-1], axis=0)
    return f"M{pts[0, 0]} {pts[0, 1]}l" + " ".join(map(str, deltas.ravel().tolist())) + "z"


def _dot(geom: shapely.Geometry, scale: float, x0: float, y1: float) -> str:
    point = shapely.centroid(geom)
    return f"M{round((point.x - x0) * scale)} {round((y1 - point.y) * scale)}h1v1h-1z"


def _paths(geoms: np.ndarray, scale: float, x0: float, y1: float) -> list[str]:
    """Path data for each geometry (polygons only; other parts of a collection are ignored), vectorised."""
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    polygons = shapely.get_type_id(parts) == 3
    parts, part_of = parts[polygons], part_of[polygons]
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    coords, coord_of = shapely.get_coordinates(rings, return_index=True)
    screen = np.rint(np.column_stack([(coords[:, 0] - x0) * scale, (y1 - coords[:, 1]) * scale])).astype(
        np.int64
    )
    splits = np.flatnonzero(np.diff(coord_of)) + 1
    starts = np.concatenate([[0], splits]) if len(coords) else np.array([], dtype=int)
    out: list[list[str]] = [[] for _ in range(len(geoms))]
    for start, ring in zip(starts, np.split(screen, splits) if len(coords) else [], strict=True):
        out[part_of[ring_of[coord_of[start]]]].append(_ring_path(ring))
    return ["".join(p) for p in out]


def render_svg(
    areas: list[Area],
    *,
    title: str,
    description: str,
    legend: Sequence[LegendItem] = (),
    legend_title: str = "",
    focus_bounds: tuple[float, float, float, float] | None = None,
    svg_id: str = "carte",
    width: int = WIDTH,
) -> str:
    """Render areas to an SVG string; ``focus_bounds`` crops the view (defaults to all areas).

    ``width`` is the viewBox width in units of about one screen pixel: raise it for maps with many
    tiny areas (France's communes). An area smaller than one unit is kept as a one-unit square, so that
    every area stays present and focusable."""
    geoms = shapely.from_wkb(np.array([a.wkb for a in areas], dtype=object))
    if focus_bounds is None:
        focus_bounds = tuple(shapely.total_bounds(geoms))
    minx, miny, maxx, maxy = focus_bounds
    pad = max(maxx - minx, maxy - miny) * 0.03
    minx, miny, maxx, maxy = minx - pad, miny - pad, maxx + pad, maxy + pad
    scale = width / max(maxx - minx, 1.0)
    height = int(round((maxy - miny) * scale))
    tolerance = 0.6 / scale
    simplified = shapely.simplify(geoms, tolerance, preserve_topology=True)
    view = shapely.box(minx, miny, maxx, maxy)
    visible = shapely.intersects(simplified, view)
    legend_height = 50 + 40 * len(legend) if legend else 0
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + legend_height}" '
        f'class="map-svg" id="{escape(svg_id)}" aria-labelledby="{escape(svg_id)}-t {escape(svg_id)}-d">',
        f'<title id="{escape(svg_id)}-t">{escape(title)}</title>',
        f'<desc id="{escape(svg_id)}-d">{escape(description)}</desc>',
        f'<g stroke="{STROKE}" stroke-width="0.6" stroke-linejoin="round">',
    ]
    paths = _paths(simplified[visible], scale, minx, maxy)
    shown = [(area, geom) for area, geom, show in zip(areas, simplified, visible, strict=True) if show]
    for (area, geom), d in zip(shown, paths, strict=True):
        d = d or _dot(geom, scale, minx, maxy)
        fill = area.fill or CONTEXT_FILL
        name = f"{area.name} : {area.label}" if area.label else area.name
        klass = "area" if area.fill else "area context"
        out.append(
            f'<a href="{escape(area.href)}" aria-label="{escape(name)}" class="{klass}">'
            f"<title>{escape(name)}</title>"
            f'<path d="{d}" fill="{escape(fill)}" fill-rule="evenodd"/></a>'
            if area.href
            else f'<path d="{d}" fill="{escape(fill)}" fill-rule="evenodd" class="{klass}"/>'
        )
    out.append("</g>")
    if legend:
        out.append(_legend(legend, legend_title, height))
    out.append("</svg>")
    return "".join(out)


def _legend(items: Sequence[LegendItem], heading: str, top: int) -> str:
    rows = [f'<g class="map-legend" font-size="26"><text x="10" y="{top + 34}" font-weight="bold">']
    rows.append(f"{escape(heading)}</text>")
    for i, item in enumerate(items):
        y = top + 50 + 40 * i
        rows.append(
            f'<rect x="10" y="{y}" width="44" height="30" fill="{escape(item.fill)}" stroke="{STROKE}"/>'
            f'<text x="66" y="{y + 23}">{escape(item.label)}</text>'
        )
    rows.append("</g>")
    return "".join(rows)
