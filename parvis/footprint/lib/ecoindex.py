"""EcoIndex method (GreenIT / ecoindex.fr), implemented from the published methodology.

The score places a page among the measured web through three quantile tables (DOM elements,
HTTP requests, transferred kilobytes), weights the three positions 3:2:1 and maps the result
onto 0-100. Grades, greenhouse gases and water follow the published linear formulas. See
docs/ecoindex.md for the licence question and the only deliberate difference (negative input
is refused instead of producing a score above 100).
"""

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

METHOD_VERSION = "ecoindex-v5 (quantiles 2024)"

# Published quantile tables (ecoindex.fr, "Comment ça marche ?" / cnumr ecoindex_reference):
# the 0th to 20th quantiles (5 % steps) of the HTTP Archive sample used by the method.
DOM_QUANTILES = (
    0,
    47,
    75,
    159,
    233,
    298,
    358,
    417,
    476,
    537,
    603,
    674,
    753,
    843,
    949,
    1076,
    1237,
    1459,
    1801,
    2479,
    594601,
)
REQUEST_QUANTILES = (
    0,
    2,
    15,
    25,
    34,
    42,
    49,
    56,
    63,
    70,
    78,
    86,
    95,
    105,
    117,
    130,
    147,
    170,
    205,
    281,
    3920,
)
SIZE_QUANTILES = (
    0,
    1.37,
    144.7,
    319.53,
    479.46,
    631.97,
    783.38,
    937.91,
    1098.62,
    1265.47,
    1448.32,
    1648.27,
    1876.08,
    2142.06,
    2465.37,
    2866.31,
    3401.59,
    4155.73,
    5400.08,
    8037.54,
    223212.26,
)

# Lower bound (exclusive) of each grade, best first; anything not above 10 is G.
GRADE_FLOORS = (("A", 80), ("B", 70), ("C", 55), ("D", 40), ("E", 25), ("F", 10))
GRADES = "ABCDEFG"


@dataclass(frozen=True)
class EcoIndex:
    score: int
    grade: str
    ges: float  # grams of CO2 equivalent per page view
    water: float  # centilitres of water per page view


def position(table: Sequence[float], value: float) -> float:
    """Continuous rank of `value` in a quantile table: the index of the interval it falls in
    plus its linear fraction through that interval, capped at the last quantile."""
    last = len(table) - 1
    upper = bisect_right(table, value)  # first quantile strictly greater than value
    if upper > last:
        return last
    low = upper - 1
    return low + (value - table[low]) / (table[upper] - table[low])


def score(nodes: int, requests: int, size_kb: float) -> int:
    for name, value in (("nodes", nodes), ("requests", requests), ("size_kb", size_kb)):
        if value < 0:
            raise ValueError(f"{name} must be >= 0, got {value!r}")
    weighted = 3 * position(DOM_QUANTILES, nodes) + 2 * position(REQUEST_QUANTILES, requests)
    weighted += position(SIZE_QUANTILES, size_kb)
    # Python's round() rounds halves to even, as the reference implementation does.
    return round(100 - 5 * weighted / 6)


def grade(value: int) -> str:
    for letter, floor in GRADE_FLOORS:
        if value > floor:
            return letter
    return "G"


def greenhouse_gases(value: int) -> float:
    """gCO2e per page view: 2 + 2 * (50 - score) / 100, kept to the hundredth."""
    return round(100 * (2 + 2 * (50 - value) / 100)) / 100


def water(value: int) -> float:
    """Centilitres of water per page view: 3 + 3 * (50 - score) / 100, to the hundredth."""
    return round(100 * (3 + 3 * (50 - value) / 100)) / 100


def compute(nodes: int, requests: int, size_kb: float) -> EcoIndex:
    value = score(nodes, requests, size_kb)
    return EcoIndex(value, grade(value), greenhouse_gases(value), water(value))
