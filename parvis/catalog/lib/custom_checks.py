"""Validata's ``custom_checks`` (schema.data.gouv.fr), vectorised, with plain-French messages.

A schema lists them as ``{"name": ..., "params": {...}}``. Validata's rules are kept:
a check reads the *typed* cells (a cell that failed its type is empty for the check); a
single-column check skips empty cells; a multi-column check skips rows where one of its
cells is empty, except ``one-of-required`` and ``cohesive-columns-value`` whose point is
emptiness. A column of the schema that the file lacks reads as empty (its absence is
already a ``missing-label``). A check naming a column the *schema* does not declare, an
unknown check or a wrong parameter gives one ``check-error`` instead of a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from parvis.catalog.lib.cast import Cast
from parvis.catalog.lib.custom_check_messages import CHECK_LABELS, MESSAGES, OPERATORS
from parvis.catalog.lib.errorlog import SpecBook, cell_errors, stored_frame
from parvis.catalog.lib.french_values import (
    ACTES_PREFIXES,
    actes_prefix,
    identifier_verdicts,
    in_france,
    is_opening_hours,
    is_phone_number,
    per_distinct,
)
from parvis.catalog.lib.tableschema import Schema
from parvis.core.lib import lazy
from parvis.translation import _

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy.module("polars")

SLOT = 1_000_000  # ordering column of custom-check errors: after the cells of their row
ALIASES = {"french_gps_coordinates": "french-gps-coordinates", "french-gps-point": "french-gps-coordinates"}


@dataclass
class Check:
    name: str
    columns: list[str]  # every column the check reads, the main one first
    params: dict[str, Any]
    slot: int


def _columns_of(name: str, params: dict[str, Any]) -> list[Any]:
    """The columns a check reads, as Validata names its parameters (unchecked: see ``_parameter_problem``)."""
    if name == "one-of-required":
        first = params.get("column1", params.get("column"))
        return [first, params.get("column2")]
    if name == "compare-columns-value":
        return [params.get("column"), params.get("column2")]
    if name == "sum-columns-value":
        return [params.get("column"), *(params.get("columns") or [])]
    if name == "cohesive-columns-value":
        return [params.get("column"), *(params.get("othercolumns") or [])]
    return [params.get("column")]


Columns = dict[str, "pl.Series"]  # column name -> values of one chunk


class CustomChecks:
    """The custom checks of a schema, ready to run on each chunk of a file."""

    def __init__(self, schema: Schema, book: SpecBook):
        self.book = book
        self.checks: list[Check] = []
        problems: list[str] = []
        declared = set(schema.field_names)
        for index, item in enumerate(schema.descriptor.get("custom_checks") or []):
            item = item if isinstance(item, dict) else {}
            name = str(item.get("name"))
            name = ALIASES.get(name, name)
            given = item.get("params")
            params: dict[str, Any] = given if isinstance(given, dict) else {}
            if name not in CHECK_LABELS:
                problems.append(_(MESSAGES["unknown-check"]).format(check=item.get("name")))
                continue
            label = _(CHECK_LABELS[name])
            columns = _columns_of(name, params)
            problem = self._parameter_problem(name, params, columns)
            if problem:
                problems.append(_(MESSAGES["bad-params"]).format(label=label, problem=problem))
                continue
            absent = [c for c in columns if c not in declared]
            if absent and not (name == "one-of-required" and len(absent) == 1):
                problems.extend(
                    _(MESSAGES["unknown-column"]).format(label=label, column=column) for column in absent
                )
                continue
            self.checks.append(Check(name, columns, params, SLOT + index))
        self.setup_errors = stored_frame(
            [
                {
                    "row": None,
                    "col": -1,
                    "type": "check-error",
                    "spec": book.add("{text}", text=p),
                    "value": None,
                }
                for p in problems
            ]
        )

    @staticmethod
    def _parameter_problem(name: str, params: dict[str, Any], columns: list[Any]) -> str | None:
        if not columns or any(not isinstance(c, str) or not c for c in columns):
            return _("colonne non indiquée")
        if name == "compare-columns-value" and params.get("op") not in OPERATORS:
            return _("opérateur « {op} » inconnu").format(op=params.get("op"))
        if name in ("sum-columns-value", "cohesive-columns-value") and len(columns) < 2:
            return _("liste de colonnes vide")
        return None

    def frames(
        self, cells: dict[str, tuple[pl.Series, Cast]], rows: pl.Series, active: pl.Series
    ) -> list[pl.DataFrame]:
        """Stored errors of every check on one chunk; ``cells`` maps field name → (raw, cast)."""
        frames: list[pl.DataFrame] = []
        for check in self.checks:
            typed = {c: _typed(cells, c, len(rows)) for c in check.columns}
            raw = {c: cells[c][0] if c in cells else typed[c].cast(pl.String) for c in check.columns}
            runner = _RUNNERS[check.name]
            frames.extend(runner(self, check, typed, raw, rows, active))
        return frames

    def add(
        self,
        key: str,
        check: Check,
        mask: pl.Series,
        value: pl.Series,
        rows: pl.Series,
        extra: pl.Series | None = None,
        **constants: object,
    ) -> pl.DataFrame:
        spec = self.book.add(MESSAGES[key], field_name=check.columns[0], **constants)
        etype = "reversed-french-gps-coordinates" if key == "gps-reversed" else check.name
        return cell_errors(mask, value, rows, col=check.slot, etype=etype, spec=spec, extra=extra)


# A check on one chunk: its stored errors.
Runner = Callable[[CustomChecks, Check, Columns, Columns, "pl.Series", "pl.Series"], list["pl.DataFrame"]]


def _typed(cells: dict[str, tuple[pl.Series, Cast]], column: str, length: int) -> pl.Series:
    if column not in cells:
        return pl.Series(column, [None] * length, dtype=pl.String)
    return cells[column][1].typed


def _identifier(kind: str, length: int) -> Runner:
    def run(
        self: CustomChecks,
        check: Check,
        typed: Columns,
        raw: Columns,
        rows: pl.Series,
        active: pl.Series,
    ) -> list[pl.DataFrame]:
        (column,) = check.columns
        value = typed[column]
        present = active & value.is_not_null()
        bad_shape, bad_key = identifier_verdicts(value, length)
        return [
            self.add(f"{kind}-shape", check, present & bad_shape, raw[column], rows),
            self.add(f"{kind}-key", check, present & bad_key, raw[column], rows),
        ]

    return run


def _filled(series: pl.Series) -> pl.Series:
    filled = series.is_not_null()
    if series.dtype == pl.String:
        filled = filled & (series != "")
    return filled


def _one_of_required(
    self: CustomChecks,
    check: Check,
    typed: Columns,
    raw: Columns,
    rows: pl.Series,
    active: pl.Series,
) -> list[pl.DataFrame]:
    first, second = check.columns
    missing = ~_filled(typed[first]) & ~_filled(typed[second])
    return [self.add("one-of-required", check, active & missing, raw[first], rows, one=first, two=second)]


def _comparable(series: pl.Series) -> tuple[pl.Series, pl.Series | None]:
    """(number or null, same-kind value or None) — Validata compares numbers as numbers."""
    if series.dtype.is_numeric():
        return series.cast(pl.Float64), None
    if series.dtype == pl.String:
        return series.str.strip_chars().cast(pl.Float64, strict=False), series
    return pl.Series([None] * len(series), dtype=pl.Float64), series


_OPS: dict[str, Callable[[pl.Series, pl.Series], pl.Series]] = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "<=": lambda a, b: a <= b,
    "<": lambda a, b: a < b,
}


def _compare(
    self: CustomChecks,
    check: Check,
    typed: Columns,
    raw: Columns,
    rows: pl.Series,
    active: pl.Series,
) -> list[pl.DataFrame]:
    first, second = check.columns
    left, right = typed[first], typed[second]
    both = active & left.is_not_null() & right.is_not_null()
    (left_number, left_same), (right_number, right_same) = _comparable(left), _comparable(right)
    fails = _OPS[check.params["op"]]
    numbers = left_number.is_not_null() & right_number.is_not_null()
    same_kind = left_same is not None and right_same is not None and left_same.dtype == right_same.dtype
    wrong = pl.select(pl.when(numbers).then(~fails(left_number, right_number))).to_series()
    comparable = numbers
    if (
        same_kind and left_same is not None and right_same is not None
    ):  # two texts, two dates...: compared as such when they are not both numbers
        wrong = wrong.fill_null(~fails(left_same, right_same))
        comparable = pl.repeat(True, len(rows), eager=True)
    extra = pl.select(pl.lit("« ") + raw[second].fill_null("") + pl.lit(" »")).to_series()
    labels = {"other": second, "operator": _(OPERATORS[check.params["op"]])}
    return [
        self.add(
            "compare", check, both & comparable & wrong.fill_null(False), raw[first], rows, extra, **labels
        ),
        self.add("not-comparable", check, both & ~comparable, raw[first], rows, extra, other=second),
    ]


def _sum(
    self: CustomChecks,
    check: Check,
    typed: Columns,
    raw: Columns,
    rows: pl.Series,
    active: pl.Series,
) -> list[pl.DataFrame]:
    total_column, *parts = check.columns
    values = [typed[c] for c in check.columns]
    present = active & pl.select(pl.all_horizontal([v.is_not_null() for v in values])).to_series()
    integers = [v.cast(pl.Int64, strict=False) for v in values]
    not_integer = pl.select(pl.any_horizontal([i.is_null() for i in integers])).to_series()
    expected = pl.select(pl.sum_horizontal(integers[1:])).to_series()
    names = ", ".join(f"« {c} »" for c in parts)
    wrong = (expected != integers[0]).fill_null(False)
    return [
        self.add(
            "sum", check, present & ~not_integer & wrong, raw[total_column], rows, expected, columns=names
        ),
        self.add("sum-not-integer", check, present & not_integer, raw[total_column], rows, columns=names),
    ]


def _cohesive(
    self: CustomChecks,
    check: Check,
    typed: Columns,
    raw: Columns,
    rows: pl.Series,
    active: pl.Series,
) -> list[pl.DataFrame]:
    filled = {c: _filled(typed[c]) for c in check.columns}
    first = filled[check.columns[0]]
    mixed = pl.select(pl.any_horizontal([f != first for f in filled.values()])).to_series()
    detail = pl.select(
        pl.concat_str(
            [
                pl.when(pl.lit(f))
                .then(pl.lit(_("« {column} » remplie").format(column=c)))
                .otherwise(pl.lit(_("« {column} » vide").format(column=c)))
                for c, f in filled.items()
            ],
            separator=", ",
        )
    ).to_series()
    names = ", ".join(f"« {c} »" for c in check.columns)
    return [self.add("cohesive", check, active & mixed, raw[check.columns[0]], rows, detail, columns=names)]


def _year_interval(
    self: CustomChecks,
    check: Check,
    typed: Columns,
    raw: Columns,
    rows: pl.Series,
    active: pl.Series,
) -> list[pl.DataFrame]:
    (column,) = check.columns
    value = typed[column].cast(pl.String)
    present = active & _filled(value)
    years = value.str.extract_groups(r"^(\d{4})/(\d{4})$")
    start, end = years.struct.field("1").cast(pl.Int32), years.struct.field("2").cast(pl.Int32)
    interval = start.is_not_null()
    allow_year = check.params.get("allow-year-only") in ("true", "yes")
    shape_ok = interval | (value.str.contains(r"^\d{4}$") if allow_year else interval)
    expected = (
        _("une année (AAAA) ou une période (AAAA/AAAA)") if allow_year else _("une période (AAAA/AAAA)")
    )
    return [
        self.add(
            "year-format", check, present & ~shape_ok.fill_null(False), raw[column], rows, expected=expected
        ),
        self.add("year-same", check, present & interval & (start == end), raw[column], rows),
        self.add("year-order", check, present & interval & (start > end), raw[column], rows),
    ]


def _actes(
    self: CustomChecks,
    check: Check,
    typed: Columns,
    raw: Columns,
    rows: pl.Series,
    active: pl.Series,
) -> list[pl.DataFrame]:
    (column,) = check.columns
    value = typed[column].cast(pl.String)
    present = active & _filled(value)
    slash = value.str.contains("/", literal=True)
    prefix = value.str.split_exact("/", 1).struct.field("field_0")
    known = actes_prefix(value).is_in(list(ACTES_PREFIXES))
    return [
        self.add("actes-slash", check, present & ~slash, raw[column], rows),
        self.add("actes-prefix", check, present & slash & ~known, raw[column], rows, prefix),
    ]


def _gps(
    self: CustomChecks,
    check: Check,
    typed: Columns,
    raw: Columns,
    rows: pl.Series,
    active: pl.Series,
) -> list[pl.DataFrame]:
    (column,) = check.columns
    point = typed[column].cast(pl.String).str.split_exact(",", 1)
    lon = point.struct.field("field_0").cast(pl.Float64, strict=False)
    lat = point.struct.field("field_1").cast(pl.Float64, strict=False)
    present = active & lon.is_not_null() & lat.is_not_null()
    here, reversed_ = in_france(lon, lat), in_france(lat, lon)
    return [
        self.add("gps-reversed", check, present & ~here & reversed_, raw[column], rows),
        self.add("gps-outside", check, present & ~here & ~reversed_, raw[column], rows),
    ]


def _distinct_check(key: str, verdict: Callable[[str], bool]) -> Runner:
    def run(
        self: CustomChecks,
        check: Check,
        typed: Columns,
        raw: Columns,
        rows: pl.Series,
        active: pl.Series,
    ) -> list[pl.DataFrame]:
        (column,) = check.columns
        value = typed[column].cast(pl.String)
        present = active & _filled(value)
        ok = per_distinct(value.filter(present), verdict)
        bad = present.scatter(present.arg_true(), ~ok) if len(ok) else present
        return [self.add(key, check, bad, raw[column], rows)]

    return run


_RUNNERS: dict[str, Runner] = {
    "french-siret-value": _identifier("siret", 14),
    "french-siren-value": _identifier("siren", 9),
    "one-of-required": _one_of_required,
    "compare-columns-value": _compare,
    "sum-columns-value": _sum,
    "cohesive-columns-value": _cohesive,
    "year-interval-value": _year_interval,
    "nomenclature-actes-value": _actes,
    "french-gps-coordinates": _gps,
    "phone-number-value": _distinct_check("phone", is_phone_number),
    "opening-hours-value": _distinct_check("opening-hours", is_opening_hours),
}
