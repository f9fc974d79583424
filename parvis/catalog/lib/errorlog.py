"""Compact storage of validation errors; messages are composed when the report is read.

A file with millions of errors must not hold millions of composed sentences. Each error is
stored as ``row``, ``col``, ``type``, ``spec`` (index of a :class:`Spec`), ``value`` (the raw
cell) and ``extra`` (a detail some messages need: the first row of a duplicate, the other
column's value...). A :class:`Spec` holds the template, translated when the error is found
(so the translator in force at validation time is the one used), and the constant
placeholders (field name, limit, expected format...). :func:`compose` turns a batch of
stored errors into sentences, vectorised per spec.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from parvis.core.lib import lazy, to_polars
from parvis.translation import _

if TYPE_CHECKING:
    import polars as pl
    import pyarrow as pa
    import pyarrow.ipc as ipc
    from polars._typing import PolarsDataType
else:
    pl = lazy.module("polars")

SHOWN = 60  # characters of a value quoted in a message
ERROR_TYPES = (
    "encoding-error",
    "check-error",
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
    "french-siret-value",
    "french-siren-value",
    "one-of-required",
    "compare-columns-value",
    "sum-columns-value",
    "cohesive-columns-value",
    "year-interval-value",
    "nomenclature-actes-value",
    "french-gps-coordinates",
    "reversed-french-gps-coordinates",
    "phone-number-value",
    "opening-hours-value",
)


# Functions, not constants: importing this module (every process does, through the catalogue's services)
# must not load polars.
@cache
def error_type() -> pl.Enum:
    """The polars Enum of the error types."""
    return pl.Enum(ERROR_TYPES)


@cache
def stored() -> dict[Any, PolarsDataType]:
    """Columns of a stored error table (keys are names: ``Any`` as polars' ``cast`` also takes selectors)."""
    return {
        "row": pl.Int64,
        "col": pl.Int32,
        "type": error_type(),
        "spec": pl.UInt32,
        "value": pl.String,
        "extra": pl.String,
    }


_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Placeholders filled from each error's own columns; every other one is a spec constant.
_PER_ERROR = {"row", "value", "first", "extra", "position"}


@dataclass(frozen=True)
class Spec:
    template: str  # translated
    constants: tuple[tuple[str, str], ...] = ()
    field: str | None = None


@dataclass
class SpecBook:
    """The specs of one report, each registered once."""

    specs: list[Spec] = field(default_factory=list)
    _index: dict[Spec, int] = field(default_factory=dict)

    def add(self, template: str, *, field_name: str | None = None, **constants: object) -> int:
        spec = Spec(
            _(template),
            tuple(sorted((k, str(v)) for k, v in constants.items())),
            field_name,
        )
        if spec not in self._index:
            self._index[spec] = len(self.specs)
            self.specs.append(spec)
        return self._index[spec]


def quote(text: object) -> str:
    text = str(text)
    return f"« {text[:SHOWN]}{'…' if len(text) > SHOWN else ''} »"


def _quoted(column: str) -> pl.Expr:
    value = pl.col(column).fill_null("")
    short = (
        pl.when(value.str.len_chars() > SHOWN).then(value.str.slice(0, SHOWN) + pl.lit("…")).otherwise(value)
    )
    return pl.lit("« ") + short + pl.lit(" »")


def _expression(spec: Spec) -> pl.Expr:
    constants = dict(spec.constants) | {"field": spec.field or ""}
    per_error = {
        "row": pl.col("row").cast(pl.String).fill_null(""),
        "value": _quoted("value"),
        "first": pl.col("extra").fill_null(""),
        "position": pl.col("extra").fill_null(""),
        "extra": pl.col("extra").fill_null(""),
    }
    parts = []
    for index, piece in enumerate(_PLACEHOLDER.split(spec.template)):
        if index % 2 == 0:
            if piece:
                parts.append(pl.lit(piece))
        elif piece in _PER_ERROR:
            parts.append(per_error[piece])
        else:
            parts.append(pl.lit(constants.get(piece, "{" + piece + "}")))
    return pl.concat_str(parts) if parts else pl.lit("")


def compose(batch: pl.DataFrame, book: SpecBook) -> pl.Series:
    """The message of each stored error of ``batch``, in order."""
    if batch.height == 0:
        return pl.Series("message", [], dtype=pl.String)
    indexed = batch.with_row_index("_order")
    parts = [
        part.select("_order", _expression(book.specs[spec]).alias("message"))
        for (spec,), part in indexed.partition_by("spec", as_dict=True).items()
    ]
    return pl.concat(parts).sort("_order")["message"]


def detach(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with its texts copied out of the chunk they were filtered from.

    A filtered polars text column still points into the whole chunk's buffers: kept across
    chunks, a few errors would hold every chunk of the file in memory.
    """
    oldest = pl.CompatLevel.oldest()
    return frame.with_columns(
        pl.Series(name, frame[name].to_arrow(compat_level=oldest)).cast(pl.String)
        for name, dtype in frame.schema.items()
        if dtype == pl.String
    )


def stored_frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=stored())


def cell_errors(
    mask: pl.Series,
    raw: pl.Series,
    rows: pl.Series,
    *,
    col: int,
    etype: str,
    spec: int,
    extra: pl.Series | None = None,
) -> pl.DataFrame:
    """Stored errors for the rows where ``mask`` holds."""
    columns = {"row": rows, "value": raw.cast(pl.String)}
    if extra is not None:
        columns["extra"] = extra.cast(pl.String)
    frame = pl.DataFrame(columns).filter(mask.fill_null(False))
    return frame.select(
        pl.col("row").cast(pl.Int64),
        pl.lit(col, pl.Int32).alias("col"),
        pl.lit(etype, error_type()).alias("type"),
        pl.lit(spec, pl.UInt32).alias("spec"),
        pl.col("value"),
        (pl.col("extra") if extra is not None else pl.lit(None, pl.String)).alias("extra"),
    )


SPILL_ROWS = 250_000  # errors kept in memory before they go to a temporary Arrow file


class ErrorStore:
    """Stored errors of one validation, spilled to a temporary Arrow file past ``spill_rows``.

    Millions of errors then cost disk, not memory; reading them back goes chunk by chunk.
    """

    def __init__(self, spill_rows: int | None = None) -> None:
        self.spill_rows = SPILL_ROWS if spill_rows is None else spill_rows
        self.parts: list[pl.DataFrame] = []
        self.count = 0
        self.counts: dict[str, int] = {}
        self.path: str | None = None
        self._writer: ipc.RecordBatchFileWriter | None = None
        self._sink: pa.OSFile | None = None
        self._in_memory = 0

    def add(self, frame: pl.DataFrame) -> None:
        if not frame.height:
            return
        self.parts.append(frame)
        self.count += frame.height
        self._in_memory += frame.height
        for kind, number in frame.group_by("type").len().iter_rows():
            self.counts[kind] = self.counts.get(kind, 0) + number
        if self._in_memory > self.spill_rows:
            self._spill()

    def _spill(self) -> None:
        import os
        import tempfile
        import weakref

        import pyarrow as pa
        import pyarrow.ipc as ipc

        if self._writer is None:
            fd, self.path = tempfile.mkstemp(prefix="parvis-errors-", suffix=".arrow")
            os.close(fd)
            weakref.finalize(self, _unlink, self.path)
            schema = pl.DataFrame(schema=stored()).to_arrow().schema
            self._sink = pa.OSFile(self.path, "wb")
            self._writer = ipc.new_file(self._sink, schema)
        for part in self.parts:
            self._writer.write_table(part.to_arrow())
        self.parts, self._in_memory = [], 0

    def finish(self) -> ErrorStore:
        if self._writer is not None:
            self._spill()
            self._writer.close()
            if self._sink is not None:
                self._sink.close()
            self._writer = None
        return self

    def frames(self) -> Iterator[pl.DataFrame]:
        """The stored errors, in order, a chunk at a time."""
        if self.path:
            import pyarrow as pa
            import pyarrow.ipc as ipc

            with pa.OSFile(self.path, "rb") as source:
                reader = ipc.open_file(source)
                for index in range(reader.num_record_batches):
                    yield to_polars.dataframe(reader.get_batch(index)).cast(stored())
        yield from self.parts


def _unlink(path: str) -> None:
    import os

    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
