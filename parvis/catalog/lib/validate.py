"""Validate a table against a Table Schema, the Frictionless 5 way but vectorised.

``validate_table(source, schema)`` returns a :class:`Report` listing *every* error (no
cap), with Frictionless' error types and row numbers (header = row 1). Errors are kept in
a polars frame (``report.frame``); ``report.errors`` materialises them as
:class:`ValidationError` objects on demand.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cached_property

from parvis.catalog.lib.cast import cast_column, missing_values_for
from parvis.catalog.lib.checks import (
    MESSAGES,
    cell_frame,
    constraint_frames,
    error_schema,
    primary_key_frame,
    quote,
    unique_frame,
)
from parvis.catalog.lib.errors import IngestError
from parvis.catalog.lib.header import match_header
from parvis.catalog.lib.ingest import IngestResult, read_table
from parvis.catalog.lib.tableschema import Schema, load_schema
from parvis.catalog.lib.typed import typed_table
from parvis.core.lib import lazy
from parvis.translation import _, gettext_noop

pl = lazy.module("polars")

__all__ = ["ERROR_TYPES", "Report", "ValidationError", "typed_table", "validate_table"]

ERROR_TYPES = (
    "encoding-error",
    "blank-label",
    "duplicate-label",
    "missing-label",
    "extra-label",
    "incorrect-label",
    "blank-row",
    "missing-cell",
    "extra-cell",
    "type-error",
    "constraint-error",
    "unique-error",
    "primary-key",
)
ERROR_LABELS = {
    "encoding-error": gettext_noop("Encodage illisible"),
    "blank-label": gettext_noop("Nom de colonne vide"),
    "duplicate-label": gettext_noop("Nom de colonne en double"),
    "missing-label": gettext_noop("Colonne manquante"),
    "extra-label": gettext_noop("Colonne en trop"),
    "incorrect-label": gettext_noop("Nom de colonne inattendu"),
    "blank-row": gettext_noop("Ligne vide"),
    "missing-cell": gettext_noop("Cellule manquante"),
    "extra-cell": gettext_noop("Cellule en trop"),
    "type-error": gettext_noop("Valeur du mauvais type"),
    "constraint-error": gettext_noop("Contrainte non respectée"),
    "unique-error": gettext_noop("Valeur en double"),
    "primary-key": gettext_noop("Clé primaire vide ou en double"),
}
_LAST = 1_000_000  # ordering slot of row-level checks, after the cells of the row


@dataclass(frozen=True)
class ValidationError:
    type: str
    row: int | None
    field: str | None
    value: str | None
    message_fr: str

    @property
    def message(self) -> str:
        return self.message_fr

    def to_dict(self) -> dict:
        return {"type": self.type, "row": self.row, "field": self.field, "message": self.message_fr}


class Report:
    def __init__(self, frame: pl.DataFrame, *, row_count: int, ingest: IngestResult | None = None):
        self.frame = frame
        self.row_count = row_count
        self.ingest = ingest

    @property
    def valid(self) -> bool:
        return self.frame.height == 0

    @property
    def error_count(self) -> int:
        return self.frame.height

    @cached_property
    def errors(self) -> list[ValidationError]:
        return [
            ValidationError(r["type"], r["row"], r["field"], r["value"], r["message"])
            for r in self.frame.iter_rows(named=True)
        ]

    @cached_property
    def summary(self) -> dict[str, int]:
        counts = dict(self.frame.group_by("type").len().iter_rows())
        return {kind: counts[kind] for kind in ERROR_TYPES if kind in counts}

    def to_dict(self, limit: int | None = None) -> dict:
        frame = self.frame if limit is None else self.frame.head(limit)
        return {
            "valid": self.valid,
            "errors": [
                {"type": r["type"], "row": r["row"], "field": r["field"], "message": r["message"]}
                for r in frame.iter_rows(named=True)
            ],
        }

    def to_csv(self, fileobj, *, batch_rows: int = 100_000) -> None:
        """Write every error as CSV (UTF-8, French headers, formulas neutralised), in batches."""
        text = isinstance(fileobj, io.TextIOBase) or "b" not in getattr(fileobj, "mode", "b")
        columns = (
            pl.col("row").alias("ligne"),
            _safe("field").alias("colonne"),
            pl.col("type"),
            _safe("value").alias("valeur"),
            _safe("message").alias("message"),
        )
        for start in range(0, max(self.frame.height, 1), batch_rows):
            batch = self.frame.slice(start, batch_rows).select(columns)
            chunk = batch.write_csv(include_header=start == 0)
            fileobj.write(chunk if text else chunk.encode("utf-8"))


def _safe(column: str) -> pl.Expr:
    """Prefix with ' the cells a spreadsheet would read as a formula."""
    value = pl.col(column).fill_null("")
    return pl.when(value.str.contains(r"^[=+\-@\t\r]")).then(pl.lit("'") + value).otherwise(value)


def _frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=error_schema())


def _load(source, read_options: dict) -> IngestResult | pl.DataFrame:
    if isinstance(source, IngestResult):
        return source
    try:
        return read_table(source, **read_options)
    except IngestError as exc:
        if exc.code != "encoding-error":
            raise
        return _frame(
            [
                {
                    "row": exc.row,
                    "col": -1,
                    "type": "encoding-error",
                    "field": None,
                    "value": None,
                    "message": exc.message_fr,
                }
            ]
        )


def validate_table(source, schema, **read_options) -> Report:
    """Validate an :class:`IngestResult` (or a file path) against ``schema``."""
    schema = schema if isinstance(schema, Schema) else load_schema(schema)
    ingest = _load(source, read_options)
    if isinstance(ingest, pl.DataFrame):
        return Report(ingest, row_count=0)
    match = match_header(ingest.header, schema)
    frames = [
        _frame(
            [
                {
                    "row": 1,
                    "col": e.position - 1,
                    "type": e.type,
                    "field": e.field,
                    "value": e.label,
                    "message": e.message,
                }
                for e in match.errors
            ]
        )
    ]
    data = pl.from_arrow(ingest.table) if ingest.table.num_columns else pl.DataFrame()
    rows = pl.int_range(2, ingest.row_count + 2, dtype=pl.Int64, eager=True)
    casts = [
        cast_column(data.to_series(i), field, missing_values_for(field, schema))
        for i, field in enumerate(match.fields)
    ]
    blank = pl.select(pl.all_horizontal([c.missing for c in casts])).to_series() if casts else rows < 0
    active = ~blank
    frames.append(
        cell_frame(
            blank,
            rows.cast(pl.String),
            rows,
            col=-1,
            etype="blank-row",
            field=None,
            message="blank-row",
        )
    )
    for i, (field, cast) in enumerate(zip(match.fields, casts, strict=True)):
        if field is None:
            continue
        raw = data.to_series(i)
        frames.append(
            cell_frame(
                active & raw.is_null(),
                raw,
                rows,
                col=i,
                etype="missing-cell",
                field=field.name,
                message="missing-cell",
            )
        )
        frames.append(
            cell_frame(
                active & cast.invalid,
                raw,
                rows,
                col=i,
                etype="type-error",
                field=field.name,
                message="type-error",
                type=field.type_label,
            )
        )
        frames.extend(constraint_frames(raw, cast, field, rows, active, i))
        if field.constraints.get("unique"):
            frames.append(unique_frame(raw, cast, field, rows, i))
    frames.append(_extra_cells(ingest, blank))
    matched = {f.name: c for f, c in zip(match.fields, casts, strict=True) if f is not None}
    if schema.primary_key and set(schema.primary_key) <= set(matched):
        keys = [matched[name].typed for name in schema.primary_key]
        frames.append(
            primary_key_frame(keys, schema.primary_key, rows).with_columns(col=pl.lit(_LAST, pl.Int32))
        )
    del data, casts, matched, blank, active  # free the typed columns before the sort's copy
    frame = pl.concat(frames, how="vertical").sort(["row", "col"], maintain_order=True)
    del frames
    return Report(frame, row_count=ingest.row_count, ingest=ingest)


def _extra_cells(ingest: IngestResult, blank: pl.Series) -> pl.DataFrame:
    rows = []
    for row, position, value in ingest.extra_cells:
        if not blank[row - 2]:
            rows.append(
                {
                    "row": row,
                    "col": position - 1,
                    "type": "extra-cell",
                    "field": None,
                    "value": value,
                    "message": _(MESSAGES["extra-cell"]).format(
                        row=row, position=position, value=quote(value)
                    ),
                }
            )
    return _frame(rows)
