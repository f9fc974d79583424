"""Indice de fragilité numérique (IFN): a transparent composite per commune (no Django import).

Five inputs, each turned into a 1–10 score (10 = most fragile): by deciles of the raw values over the
communes given (``decile_scores``), or taken as already-scored components (the official MedNum 2023 file).
The index is the weighted mean of the available scores; a commune missing an input is *incomplete*: its
score is computed over the inputs it has, and flagged, never counted as zero. With the default equal
weights this is exactly the plain mean used by La MedNum / ANCT for the official 2023 total.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from parvis.core.lib import lazy

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy.module("polars")

COMPONENTS = ("no_thd_coverage_rate", "no_4g_coverage_rate", "poverty_rate", "older_65_rate", "nscol15p_rate")
DEFAULT_WEIGHTS = dict.fromkeys(COMPONENTS, 1.0)


@dataclass(frozen=True)
class Input:
    component: str
    column: str
    higher_is_fragile: bool = True


def decile_scores(frame: pl.DataFrame, inputs: list[Input]) -> pl.DataFrame:
    """Replace each raw input column with its 1–10 decile score (null stays null)."""
    exprs = []
    for item in inputs:
        raw = pl.col(item.column).cast(pl.Float64, strict=False)
        if not item.higher_is_fragile:
            raw = -raw
        rank = raw.rank(method="average")
        count = raw.count()
        score = ((rank - 0.5) / count * 10).ceil().clip(1, 10)
        exprs.append(score.alias(item.component))
    return frame.with_columns(exprs)


def compute(frame: pl.DataFrame, weights: dict[str, float] | None = None) -> pl.DataFrame:
    """Add ``score``, ``inputs`` (count available) and ``complete`` from the component columns."""
    weights = {c: float(w) for c, w in (weights or DEFAULT_WEIGHTS).items() if c in COMPONENTS}
    present = [c for c in COMPONENTS if c in frame.columns and weights.get(c, 0) > 0]
    if not present:
        raise ValueError("no weighted component")
    num = pl.sum_horizontal([pl.col(c).cast(pl.Float64) * weights[c] for c in present])
    den = pl.sum_horizontal([pl.col(c).is_not_null().cast(pl.Float64) * weights[c] for c in present])
    available = pl.sum_horizontal([pl.col(c).is_not_null().cast(pl.Int32) for c in present])
    return frame.with_columns(
        pl.when(den > 0).then(num / den).otherwise(None).alias("score"),
        available.alias("inputs"),
        (available == len(present)).alias("complete"),
    )


def compare(official: pl.DataFrame, recomputed: pl.DataFrame, code: str = "code") -> pl.DataFrame:
    """Side by side ``official``, ``score`` and their ``difference`` per code."""
    left = official.select(pl.col(code), pl.col("total").cast(pl.Float64).alias("official"))
    right = recomputed.select(pl.col(code), pl.col("score"), pl.col("complete"))
    return left.join(right, on=code, how="full", coalesce=True).with_columns(
        (pl.col("score") - pl.col("official")).alias("difference")
    )
