"""Accessible server-rendered SVG charts (no Django import, no JavaScript).

* ``bar_chart(bars, ...)`` – horizontal bars, one per territory (long commune names stay readable at
  360 px); the value axis always starts at zero, so bar lengths are proportional to the values;
* ``line_chart(series, ...)`` – values over years; years are placed at their true distance (2015 and 2021
  are six years apart, not one step); each series has its own marker shape and dash pattern, so that
  colour is never the only cue; when the vertical axis does not start at zero the chart says so.

Every chart is ``<svg role="img">`` named by its ``<title>`` and ``<desc>``; the caller puts it in a
``<figure>`` with a ``<figcaption>`` and an equivalent data table. Texts arrive formatted (French
numbers, translated words): this module only draws. Colours are presentation attributes (strict CSP) with
at least 3:1 contrast on white; labels are dark grey. The legend is drawn inside the image for printing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

from parvis.core.lib.typography import number

TEXT = "#1e1e1e"
AXIS = "#6b6b6b"
GRID = "#d9d9d9"
BAR_FILL = "#2f6690"  # 6.2:1 on white
HIGHLIGHT_FILL = "#b3410e"  # 5.6:1 on white
SERIES_COLOURS = ("#2f6690", "#b3410e", "#3d7a33", "#6a3d9a", "#7a5c00")
DASHES = ("", "8 4", "3 3", "10 3 3 3", "1 4")
MARKERS = ("circle", "square", "triangle", "diamond", "cross")
FONT = 'font-family="system-ui, sans-serif"'


@dataclass
class Bar:
    label: str
    value: float | None
    text: str  # the value as a reader should read it (« 21 520 € », « pas de donnée »)
    highlight: bool = False


@dataclass
class Point:
    x: int  # a year
    value: float | None
    text: str


@dataclass
class Series:
    name: str
    points: list[Point] = field(default_factory=list)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 × 10ⁿ apart) covering ``low``…``high``."""
    if high < low:
        low, high = high, low
    if high == low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step + 1e-9) * step
    ticks, value = [], start
    while value < high + step * 0.999:
        ticks.append(round(value, 10) + 0.0)
        value += step
    return ticks


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _open(svg_id: str, width: int, height: int, title: str, description: str) -> list[str]:
    sid = escape(svg_id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="chart-svg" '
        f'id="{sid}" role="img" aria-labelledby="{sid}-t {sid}-d" {FONT} font-size="13">',
        f'<title id="{sid}-t">{escape(title)}</title>',
        f'<desc id="{sid}-d">{escape(description)}</desc>',
    ]


def bar_chart(
    bars: list[Bar], *, title: str, description: str, svg_id: str = "graphique", width: int = 640
) -> str:
    """Horizontal bars from zero; a bar without value keeps its row and shows its text (« pas de donnée »)."""
    label_width, value_width, row, top = 190, 110, 24, 28
    known = [b.value for b in bars if b.value is not None]
    ticks = nice_ticks(min([0.0, *known]), max([0.0, *known]), 4)
    low, high = ticks[0], ticks[-1]
    plot = width - label_width - value_width
    height = top + row * len(bars) + 10

    def x(value: float) -> float:
        return round(label_width + (value - low) / (high - low) * plot, 1)

    out = _open(svg_id, width, height, title, description)
    out.append(f'<g stroke="{GRID}">')
    out += [f'<line x1="{x(t)}" y1="{top - 6}" x2="{x(t)}" y2="{height - 10}"/>' for t in ticks]
    out.append(f'</g><g fill="{AXIS}" text-anchor="middle" font-size="11">')
    out += [f'<text x="{x(t)}" y="{top - 10}">{escape(number(t))}</text>' for t in ticks]
    out.append("</g>")
    zero = x(0.0)
    for i, bar in enumerate(bars):
        y = top + i * row
        weight = ' font-weight="bold"' if bar.highlight else ""
        out.append(
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" fill="{TEXT}"{weight}>'
            f"<title>{escape(bar.label)}</title>{escape(_short(bar.label, 26))}</text>"
        )
        end = zero
        if bar.value is not None:
            end = x(bar.value)
            left, size = min(zero, end), max(abs(end - zero), 1.0)
            fill = HIGHLIGHT_FILL if bar.highlight else BAR_FILL
            out.append(
                f'<rect x="{left}" y="{y + 4}" width="{round(size, 1)}" height="{row - 8}" fill="{fill}"/>'
            )
        anchor_x = max(end, zero) + 6
        out.append(f'<text x="{anchor_x}" y="{y + 16}" fill="{TEXT}"{weight}>{escape(bar.text)}</text>')
    out.append(
        f'<line x1="{zero}" y1="{top - 4}" x2="{zero}" y2="{height - 10}" stroke="{AXIS}" stroke-width="1.5"/>'
    )
    out.append("</svg>")
    return "".join(out)


def starts_at_zero(values: list[float]) -> bool:
    """Whether a line chart's vertical axis includes zero: yes for values of both signs or values whose
    spread is at least their distance from zero; otherwise the axis is cut and the chart must say so."""
    low, high = min(values), max(values)
    return low <= 0 <= high or (low > 0 and low <= high - low) or (high < 0 and -high <= high - low)


def _marker(kind: str, cx: float, cy: float, colour: str) -> str:
    if kind == "circle":
        return f'<circle cx="{cx}" cy="{cy}" r="5" fill="{colour}"/>'
    if kind == "square":
        return f'<rect x="{cx - 4.5}" y="{cy - 4.5}" width="9" height="9" fill="{colour}"/>'
    if kind == "triangle":
        return f'<path d="M{cx} {cy - 6}l6 10h-12z" fill="{colour}"/>'
    if kind == "diamond":
        return f'<path d="M{cx} {cy - 6}l6 6l-6 6l-6-6z" fill="{colour}"/>'
    return f'<path d="M{cx - 5} {cy - 5}l10 10m0-10l-10 10" stroke="{colour}" stroke-width="2.5"/>'


def line_chart(
    series: list[Series],
    *,
    title: str,
    description: str,
    svg_id: str = "evolution",
    width: int = 640,
    height: int = 300,
) -> str:
    """Values over years; when ``starts_at_zero`` is false the caller says so in ``description``."""
    years = sorted({p.x for s in series for p in s.points})
    values = [p.value for s in series for p in s.points if p.value is not None]
    if not years or not values:
        return ""
    low, high = min(values), max(values)
    if starts_at_zero(values):
        low = 0.0
    ticks = nice_ticks(low, high, 4)
    left, right, top = 70, 30, 20 + 14 * min(len(series), 3)
    legend_top = height
    total = height + 26 * len(series) + 10
    bottom = height - 34

    def x(year: int) -> float:
        if len(years) == 1:
            return (left + width - right) / 2
        return round(left + (year - years[0]) / (years[-1] - years[0]) * (width - left - right), 1)

    def y(value: float) -> float:
        return round(bottom - (value - ticks[0]) / (ticks[-1] - ticks[0]) * (bottom - top), 1) + 0.0

    out = _open(svg_id, width, total, title, description)
    out.append(f'<g stroke="{GRID}">')
    out += [f'<line x1="{left}" y1="{y(t)}" x2="{width - right}" y2="{y(t)}"/>' for t in ticks]
    out.append(f'</g><g fill="{AXIS}" font-size="11">')
    out += [
        f'<text x="{left - 8}" y="{y(t) + 4}" text-anchor="end">{escape(number(t))}</text>' for t in ticks
    ]
    out += [f'<text x="{x(year)}" y="{bottom + 20}" text-anchor="middle">{year}</text>' for year in years]
    out.append("</g>")
    out.append(f'<line x1="{left}" y1="{bottom}" x2="{width - right}" y2="{bottom}" stroke="{AXIS}"/>')
    label_points = len(series) <= 3 and len(years) <= 8
    for i, item in enumerate(series):
        colour, dash, marker = (
            SERIES_COLOURS[i % len(SERIES_COLOURS)],
            DASHES[i % len(DASHES)],
            MARKERS[i % len(MARKERS)],
        )
        points = [
            (x(p.x), y(p.value), p.text)
            for p in sorted(item.points, key=lambda p: p.x)
            if p.value is not None
        ]
        if len(points) > 1:
            d = "M" + "L".join(f"{px} {py}" for px, py, _text in points)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>')
        for px, py, text in points:
            out.append(_marker(marker, px, py, colour))
            if label_points:
                out.append(
                    f'<text x="{px}" y="{round(py - 10 - 14 * i, 1)}" text-anchor="middle" fill="{TEXT}" '
                    f'font-size="11">{escape(text)}</text>'
                )
        ly = legend_top + 26 * i
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<path d="M{left} {ly}h40" stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
            + _marker(marker, left + 20, ly, colour)
            + f'<text x="{left + 52}" y="{ly + 4}" fill="{TEXT}">{escape(item.name)}</text>'
        )
    out.append("</svg>")
    return "".join(out)
