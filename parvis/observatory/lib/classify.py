"""Class breaks and colour-blind-safe palettes for choropleths (no Django import).

Methods: ``quantiles`` (same number of areas per class), ``equal`` (equal intervals), ``jenks``
(Fisher-Jenks natural breaks, exact on up to 1,000 distinct values, on evenly spaced order statistics
above). Palettes come from ColorBrewer's colour-blind-safe schemes and viridis; values of both signs get
a diverging palette centred on zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from parvis.core.lib import lazy

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy.module("numpy")

METHODS = ("quantiles", "equal", "jenks")
SEQUENTIAL = {
    "viridis": ["#fde725", "#a0da39", "#4ac16d", "#1fa187", "#277f8e", "#365c8d", "#46327e", "#440154"],
    "bleus": ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"],
    "orange": ["#fff5eb", "#fee6ce", "#fdd0a2", "#fdae6b", "#fd8d3c", "#f16913", "#d94801", "#8c2d04"],
}
DIVERGING = ["#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"]
NEUTRAL = "#f7f7f7"

Values = Iterable[float | None]  # one value per area, None where unknown


def _clean(values: Values) -> np.ndarray:
    arr = np.asarray([v for v in values if v is not None], dtype=float)
    return arr[np.isfinite(arr)]


def breaks(values: Values, method: str = "quantiles", classes: int = 5) -> list[float]:
    """Upper bounds of each class (ascending, last = max). Fewer classes when values are few."""
    arr = np.sort(_clean(values))
    if arr.size == 0:
        return []
    distinct = np.unique(arr)
    classes = max(1, min(classes, distinct.size))
    if classes == 1:
        return [float(arr[-1])]
    found: Iterable[float]
    if method == "equal":
        found = np.linspace(arr[0], arr[-1], classes + 1)[1:]
    elif method == "jenks":
        found = _jenks(arr, classes)
    else:
        found = np.quantile(arr, np.linspace(0, 1, classes + 1)[1:], method="inverted_cdf")
    edges = sorted({float(e) for e in found})
    edges[-1] = float(arr[-1])
    return edges


def _jenks(sorted_values: np.ndarray, classes: int) -> list[float]:
    data = sorted_values
    if data.size > 1000:
        data = data[np.linspace(0, data.size - 1, 1000).round().astype(int)]
    n = data.size
    cumsum = np.concatenate([[0.0], np.cumsum(data)])
    cumsq = np.concatenate([[0.0], np.cumsum(data * data)])

    def ssd(i: np.ndarray, j: int) -> np.ndarray:
        """Sum of squared deviations of data[i:j] (vectorised over i)."""
        count = j - i
        total = cumsum[j] - cumsum[i]
        deviations: np.ndarray = (cumsq[j] - cumsq[i]) - total * total / count
        return deviations

    cost = np.full((classes + 1, n + 1), np.inf)
    back = np.zeros((classes + 1, n + 1), dtype=int)
    cost[0, 0] = 0.0
    for k in range(1, classes + 1):
        for j in range(k, n + 1):
            i = np.arange(k - 1, j)
            candidates = cost[k - 1, i] + ssd(i, j)
            best = int(np.argmin(candidates))
            cost[k, j] = candidates[best]
            back[k, j] = i[best]
    edges: list[float] = []
    j = n
    for k in range(classes, 0, -1):
        edges.append(float(data[j - 1]))
        j = int(back[k, j])
    return sorted(edges)


def palette(classes: int, name: str = "viridis") -> list[str]:
    colours = SEQUENTIAL.get(name, SEQUENTIAL["viridis"])
    idx = np.linspace(0, len(colours) - 1, classes).round().astype(int)
    return [colours[i] for i in idx]


def class_index(value: float | None, edges: list[float]) -> int | None:
    if value is None or not edges or not np.isfinite(value):
        return None
    for i, edge in enumerate(edges):
        if value <= edge:
            return i
    return len(edges) - 1


def is_signed(values: Values) -> bool:
    arr = _clean(values)
    return bool(arr.size and arr.min() < 0 < arr.max())


def diverging_breaks(values: Values, classes: int = 6) -> list[float]:
    """Symmetric breaks around zero: half the classes below, half above."""
    arr = _clean(values)
    half = max(1, classes // 2)
    bound = float(np.abs(arr).max()) if arr.size else 1.0
    steps = np.linspace(0, bound, half + 1)[1:]
    return [float(-s) for s in steps[::-1][1:]] + [0.0] + [float(s) for s in steps]


def diverging_palette(classes: int) -> list[str]:
    half = classes // 2
    return DIVERGING[4 - half : 4] + DIVERGING[4 : 4 + half]


def choropleth(
    values: Values, method: str = "quantiles", classes: int = 5, name: str = "viridis"
) -> tuple[list[float], list[str]]:
    """``(edges, colours)`` for a list of values, diverging when values have both signs."""
    if is_signed(values):
        edges = diverging_breaks(values, classes if classes % 2 == 0 else classes + 1)
        return edges, diverging_palette(len(edges))
    edges = breaks(values, method, classes)
    return edges, palette(len(edges), name)
