"""Turn a table with a territory code column into one value per territory (no Django import).

``aggregate(frame, spec, resolve)`` works on a polars DataFrame (an Arrow table is accepted):

* codes are resolved row by row by ``resolve(raw) -> (code | None, problem | None)`` (the référentiel
  lookup lives in ``parvis.territory.selectors``); rows whose code does not resolve are returned in
  ``unmatched`` with their line number (header = line 1), never silently dropped;
* numbers accept French notation (« 1 234,5 »); a non-empty value that is not a number is returned in
  ``bad_values`` and the row is left out of the value;
* several rows with the same code (duplicates) are **combined** with the indicator's own aggregation:
  ``sum`` adds them, ``mean`` and ``weighted_mean`` average them, ``count`` counts rows, ``rate`` adds
  numerators and denominators before dividing; their codes are listed in ``duplicated_codes``;
* a column mixing commune codes and 9-digit SIREN (EPCI) codes, or holding no code at all, raises
  ``AggregationError`` (the form shows it; nothing is saved).

``roll_up(values, aggregation, weights)`` aggregates commune values to a larger territory
(département, all the rows): sums for ``sum``/``count``, population-weighted means (communes without a
known population are left out; none known gives no value, never a plain mean in disguise), a plain mean
only for ``mean``, Σ numerators / Σ denominators for ``rate``, and nothing for ``none`` (not aggregable:
a median or a score only has a value for one territory). A single territory keeps its own value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from parvis.core.lib import lazy, to_polars

if TYPE_CHECKING:
    import polars as pl
    import pyarrow as pa
else:
    pl = lazy.module("polars")

AGGREGATIONS = ("sum", "mean", "weighted_mean", "count", "rate", "none")
LEVELS = ("commune", "epci", "departement")

Resolver = Callable[[Any], tuple[str | None, str | None]]  # raw cell -> (code | None, problem | None)


class AggregationError(ValueError):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass
class Spec:
    code_column: str
    aggregation: str
    value_column: str = ""
    denominator_column: str = ""
    level: str = "commune"


@dataclass
class Result:
    values: pl.DataFrame  # code, value, numerator, denominator, rows
    unmatched: list[dict[str, Any]] = field(default_factory=list)  # line, raw, problem
    bad_values: list[dict[str, Any]] = field(default_factory=list)  # line, column, raw
    duplicated_codes: list[str] = field(default_factory=list)
    rows_read: int = 0


def parse_number(column: str) -> pl.Expr:
    text = pl.col(column).cast(pl.Utf8).str.strip_chars()
    text = text.str.replace_all(r"[\s\u00a0\u202f]", "").str.replace(",", ".", literal=True)
    return text.cast(pl.Float64, strict=False)


def _check_columns(frame: pl.DataFrame, spec: Spec) -> None:
    if spec.aggregation not in AGGREGATIONS:
        raise AggregationError("unknown_aggregation", aggregation=spec.aggregation)
    needed = [spec.code_column]
    if spec.aggregation != "count":
        needed.append(spec.value_column)
    if spec.aggregation == "rate":
        needed.append(spec.denominator_column)
    for name in needed:
        if not name or name not in frame.columns:
            raise AggregationError("missing_column", column=name or "")


def _check_levels(raw_codes: pl.Series, spec: Spec) -> None:
    text = raw_codes.cast(pl.Utf8).str.strip_chars().drop_nulls()
    text = text.filter(text != "")
    if text.is_empty():
        raise AggregationError("no_codes", column=spec.code_column)
    siren = text.str.contains(r"^\d{9}$")
    commune = text.str.contains(r"^(\d{4,5}|2[ABab]\d{3})$")
    if spec.level == "commune" and siren.any() and commune.any():
        raise AggregationError(
            "mixed_levels", column=spec.code_column, siren=int(siren.sum()), communes=int(commune.sum())
        )
    if spec.level == "commune" and siren.all():
        raise AggregationError("siren_in_commune_column", column=spec.code_column)
    if not commune.any() and spec.level == "commune":
        raise AggregationError("no_codes", column=spec.code_column, example=str(text[0])[:40])


def aggregate(frame: pl.DataFrame | pa.Table, spec: Spec, resolve: Resolver) -> Result:
    if not isinstance(frame, pl.DataFrame):
        frame = to_polars.dataframe(frame)
    _check_columns(frame, spec)
    _check_levels(frame[spec.code_column], spec)
    frame = frame.with_row_index("_line", offset=2)
    raw = frame[spec.code_column].cast(pl.Utf8)
    lookup = {value: resolve(value) for value in raw.unique().to_list()}
    codes = [lookup[value][0] for value in raw.to_list()]
    frame = frame.with_columns(pl.Series("_code", codes, dtype=pl.Utf8))
    unmatched = [
        {"line": line, "raw": value or "", "problem": lookup[value][1]}
        for line, value, code in zip(frame["_line"], raw, codes, strict=True)
        if code is None
    ]
    if len(unmatched) * 2 > frame.height:
        raise AggregationError("mostly_unmatched", column=spec.code_column, count=len(unmatched))
    matched = frame.filter(pl.col("_code").is_not_null())
    bad_values: list[dict[str, Any]] = []
    value_cols = [
        c for c in (spec.value_column, spec.denominator_column) if c and spec.aggregation != "count"
    ]
    if spec.aggregation != "rate":
        value_cols = value_cols[:1]
    for column in value_cols:
        parsed = matched.select(
            pl.col("_line"), pl.col(column).cast(pl.Utf8).alias("raw"), parse_number(column).alias("v")
        )
        bad = parsed.filter(pl.col("v").is_null() & pl.col("raw").str.strip_chars().ne(""))
        bad_values += [
            {"line": r["_line"], "column": column, "raw": r["raw"][:60]} for r in bad.iter_rows(named=True)
        ]
    dup = matched.group_by("_code").len().filter(pl.col("len") > 1)["_code"].sort().to_list()
    if dup and spec.aggregation == "none":
        raise AggregationError("duplicates_not_aggregable", codes=", ".join(dup[:5]), count=len(dup))
    values = _per_code(matched, spec)
    return Result(values, unmatched, bad_values, dup, frame.height)


def _per_code(matched: pl.DataFrame, spec: Spec) -> pl.DataFrame:
    grouped = matched.group_by(pl.col("_code").alias("code"))
    if spec.aggregation == "count":
        out = grouped.agg(pl.len().cast(pl.Float64).alias("value"), pl.len().alias("rows"))
        return out.with_columns(numerator=pl.col("value"), denominator=pl.lit(None, pl.Float64)).sort("code")
    value = parse_number(spec.value_column)
    if spec.aggregation == "rate":
        den = parse_number(spec.denominator_column)
        out = grouped.agg(
            value.sum().alias("numerator"), den.sum().alias("denominator"), pl.len().alias("rows")
        )
        out = out.with_columns(
            pl.when(pl.col("denominator") != 0)
            .then(pl.col("numerator") / pl.col("denominator") * 100)
            .alias("value")
        )
    else:
        agg = value.sum() if spec.aggregation == "sum" else value.mean()
        out = grouped.agg(agg.alias("value"), pl.len().alias("rows"), value.count().alias("_n"))
        out = out.with_columns(
            pl.when(pl.col("_n") > 0).then(pl.col("value")).alias("value"),
            numerator=pl.lit(None, pl.Float64),
            denominator=pl.lit(None, pl.Float64),
        ).drop("_n")
    return out.select("code", "value", "numerator", "denominator", "rows").sort("code")


def roll_up(
    values: pl.DataFrame, aggregation: str, weights: Mapping[str, float | None] | None = None
) -> float | None:
    """One value for all the rows of ``values`` (a territory made of those codes)."""
    frame = values.filter(pl.col("value").is_not_null())
    if frame.is_empty():
        return None
    if frame.height == 1 and aggregation not in ("sum", "count", "rate"):
        return float(frame["value"][0])
    if aggregation == "none":
        return None
    if aggregation in ("sum", "count"):
        return _float(frame["value"].sum())
    if aggregation == "rate":
        den = frame["denominator"].sum()
        return _float(frame["numerator"].sum()) / _float(den) * 100 if den else None
    if aggregation == "weighted_mean":
        w = pl.Series([float((weights or {}).get(c) or 0) for c in frame["code"]])
        total = _float(w.sum())
        return _float((frame["value"] * w).sum()) / total if total else None
    return _float(frame["value"].mean())


def _float(aggregate: object) -> float:
    """A sum or mean of a Float64 column, which polars types as any Python scalar."""
    return float(cast(float, aggregate))
