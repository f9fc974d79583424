"""Statistics that do not mislead (no Django import).

* ``competition_ranks(values)`` – « 1, 2, 2, 4 » ranking: equal values share the better rank and the next
  rank skips as many places as there were ties; a missing value gets no rank;
* ``reading_gap(value)`` – a computation gap written for a reader (« 0,03 », « moins de 0,01 »), never
  « 0,000000 » nor « 2,9226505416981605 »;
* ``AGGREGABLE`` – how each aggregation rolls commune values up to a larger territory.
"""

from __future__ import annotations

from parvis.core.lib.typography import number
from parvis.translation import _

# How an indicator's per-commune values combine into one value for several communes:
# sums add, rates divide the summed numerators by the summed denominators, population-weighted means weight
# each commune by its population; a plain mean of medians or rates is never used for a territory.
AGGREGABLE = {
    "sum": "sum",
    "count": "sum",
    "rate": "ratio",
    "weighted_mean": "weighted",
    "mean": "plain",
    "none": None,
}


def competition_ranks(values: list[float | None], *, descending: bool = True) -> list[int | None]:
    """Rank of each value (1 = highest when ``descending``); ties share a rank: 10, 7, 7, 3 → 1, 2, 2, 4."""
    known = sorted((v for v in values if v is not None), reverse=descending)
    first: dict[float, int] = {}
    for position, value in enumerate(known, start=1):
        first.setdefault(value, position)
    return [first[v] if v is not None else None for v in values]


def reading_gap(value: float | None, decimals: int = 2) -> str:
    """An absolute gap rounded for reading: below half the last decimal it is « moins de 0,01 »."""
    if value is None:
        return ""
    size = abs(value)
    if size == 0:
        return "0"
    smallest = 10**-decimals
    if size < smallest / 2:
        return _("moins de %(n)s") % {"n": number(smallest, decimals)}
    return number(size, decimals)
