"""Geometry of the small trend charts (score, weight, violations) drawn as SVG in templates."""

from django.urls import reverse
from django.utils.formats import date_format

WIDTH, HEIGHT, PAD_X, PAD_Y = 600, 180, 48, 24


def trend(audits, field: str, label: str, unit: str = "", max_value: float | None = None) -> dict:
    values = [(audit, getattr(audit, field)) for audit in audits if getattr(audit, field) is not None]
    top = max_value if max_value is not None else max([v for _a, v in values] + [1]) * 1.1
    inner_w, inner_h = WIDTH - 2 * PAD_X, HEIGHT - 2 * PAD_Y
    points = []
    for index, (audit, value) in enumerate(values):
        x = PAD_X + (inner_w * index / (len(values) - 1) if len(values) > 1 else inner_w / 2)
        y = PAD_Y + inner_h * (1 - min(value, top) / top)
        when = date_format(audit.created_at, "SHORT_DATE_FORMAT")
        points.append(
            {
                "x": f"{x:.1f}",
                "y": f"{y:.1f}",
                "value": value,
                "when": when,
                "url": reverse("footprint:audit", args=[audit.pk]),
                "name": f"{label}, {when} : {value:g}{unit}",
            }
        )
    return {
        "id": field,
        "label": label,
        "unit": unit,
        "width": WIDTH,
        "height": HEIGHT,
        "points": points,
        # Coordinates are strings so that templates never localise them (« 48,0 » is not SVG).
        "path": " ".join(f"{'M' if i == 0 else 'L'}{p['x']},{p['y']}" for i, p in enumerate(points)),
        "axis_y": HEIGHT - PAD_Y,
        "axis_x_end": WIDTH - PAD_X,
        "pad_x": PAD_X,
        "pad_y": PAD_Y,
        "top": round(top),
    }
