"""Validate a table against a Table Schema, the Frictionless 5 way but vectorised and streamed.

``validate_table(source, schema)`` returns a :class:`Report` listing *every* error (no
cap), with Frictionless' error types and row numbers (header = row 1), plus the Validata
custom checks of schema.data.gouv.fr. The file is read in chunks of a few MB (see
``stream.py``) so that memory does not grow with the file; errors are stored compactly and
their messages composed when the report is read (see ``errorlog.py``).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import IO, TYPE_CHECKING, Any

from parvis.catalog.lib.cast import Cast, cast_column, missing_values_for
from parvis.catalog.lib.checks import (
    MESSAGES,
    KeyCollector,
    constraint_frames,
    primary_key_empties,
    primary_key_repeats,
    unique_errors,
)
from parvis.catalog.lib.csv_exact import Chunk
from parvis.catalog.lib.custom_checks import SLOT, CustomChecks
from parvis.catalog.lib.errorlog import (
    ERROR_TYPES,
    ErrorStore,
    SpecBook,
    cell_errors,
    compose,
    detach,
    stored_frame,
)
from parvis.catalog.lib.errors import IngestError
from parvis.catalog.lib.header import HeaderMatch, match_header
from parvis.catalog.lib.ingest_json import GEOMETRY_COLUMN
from parvis.catalog.lib.rawtable import IngestResult, unique_names
from parvis.catalog.lib.schema_text import field_text
from parvis.catalog.lib.stream import Restart, TableStream, open_stream
from parvis.catalog.lib.tableschema import Schema, SchemaSource, load_schema
from parvis.catalog.lib.typed import ParquetSink, typed_columns, typed_table
from parvis.core.lib import lazy, to_polars
from parvis.translation import gettext_noop

if TYPE_CHECKING:
    import polars as pl
    import pyarrow as pa
    from polars._typing import PolarsDataType
else:
    pl = lazy.module("polars")
    pa = lazy.module("pyarrow")

__all__ = [
    "ERROR_LABELS",
    "ERROR_TYPES",
    "Report",
    "ValidationError",
    "typed_table",
    "validate_table",
]

ERROR_LABELS = {
    "encoding-error": gettext_noop("Encodage illisible"),
    "check-error": gettext_noop("Contrôle du schéma inapplicable"),
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
    "french-siret-value": gettext_noop("Numéro SIRET invalide"),
    "french-siren-value": gettext_noop("Numéro SIREN invalide"),
    "one-of-required": gettext_noop("Aucune des deux colonnes remplie"),
    "compare-columns-value": gettext_noop("Comparaison de colonnes"),
    "sum-columns-value": gettext_noop("Somme de colonnes"),
    "cohesive-columns-value": gettext_noop("Colonnes incohérentes"),
    "year-interval-value": gettext_noop("Année ou période invalide"),
    "nomenclature-actes-value": gettext_noop("Nomenclature Actes"),
    "french-gps-coordinates": gettext_noop("Coordonnées hors de France"),
    "reversed-french-gps-coordinates": gettext_noop("Coordonnées inversées"),
    "phone-number-value": gettext_noop("Numéro de téléphone invalide"),
    "opening-hours-value": gettext_noop("Horaires d'ouverture invalides"),
}
_PK_SLOT = SLOT - 1  # primary-key errors come after the cells of their row, before custom checks
BATCH = 100_000


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

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "row": self.row, "field": self.field, "message": self.message_fr}


class Report:
    """Every error of a validation, stored compactly, composed on reading.

    ``stored`` holds the errors found chunk by chunk, in (row, column) order; ``late`` those
    found once the whole file was read (repeated keys), also in order. Reading merges them
    batch by batch instead of sorting millions of errors at once.
    """

    def __init__(
        self, stored: ErrorStore, book: SpecBook, *, row_count: int, late: pl.DataFrame | None = None
    ):
        self.stored = stored
        self.late = late if late is not None else stored_frame([])
        self.book = book
        self.row_count = row_count
        self.source: dict[str, Any] = {}  # format, encoding, delimiter, sheet, header of the file read

    @property
    def valid(self) -> bool:
        return self.error_count == 0

    @property
    def error_count(self) -> int:
        return self.stored.count + self.late.height

    def _ordered(self, size: int) -> Iterator[pl.DataFrame]:
        """Stored errors in (row, column) order, about ``size`` at a time."""
        late, taken = self.late, 0
        for frame in self.stored.frames():
            for start in range(0, frame.height, size):
                batch = frame.slice(start, size)
                if taken < late.height:
                    upto = int(late["row"].search_sorted(batch["row"][-1], side="right"))
                    merged = pl.concat([batch, late.slice(taken, upto - taken)])
                    batch, taken = merged.sort(["row", "col"], maintain_order=True, nulls_last=False), upto
                yield batch
        if taken < late.height:
            yield late.slice(taken)

    def batches(self, size: int = BATCH, limit: int | None = None) -> Iterator[pl.DataFrame]:
        """Composed errors (type, row, field, value, message), about ``size`` at a time."""
        remaining = self.error_count if limit is None else min(limit, self.error_count)
        fields = pl.Series([spec.field for spec in self.book.specs], dtype=pl.String)
        for batch in self._ordered(size):
            if remaining <= 0:
                return
            batch, remaining = batch.head(remaining), remaining - batch.height
            yield pl.DataFrame(
                {
                    "type": batch["type"].cast(pl.String),
                    "row": batch["row"],
                    "field": fields.gather(batch["spec"]) if len(fields) else batch["value"],
                    "value": batch["value"],
                    "message": compose(batch, self.book),
                }
            )

    @cached_property
    def frame(self) -> pl.DataFrame:
        """Every composed error at once (small reports; large ones use :meth:`batches`)."""
        parts = list(self.batches())
        if not parts:
            return pl.DataFrame(
                schema={
                    "type": pl.String,
                    "row": pl.Int64,
                    "field": pl.String,
                    "value": pl.String,
                    "message": pl.String,
                }
            )
        return pl.concat(parts)

    @cached_property
    def errors(self) -> list[ValidationError]:
        return [
            ValidationError(r["type"], r["row"], r["field"], r["value"], r["message"])
            for batch in self.batches()
            for r in batch.iter_rows(named=True)
        ]

    @cached_property
    def summary(self) -> dict[str, int]:
        counts = dict(self.stored.counts)
        for kind, number in self.late.group_by("type").len().iter_rows():
            counts[kind] = counts.get(kind, 0) + number
        return {kind: counts[kind] for kind in ERROR_TYPES if kind in counts}

    def to_dict(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "errors": [
                {"type": r["type"], "row": r["row"], "field": r["field"], "message": r["message"]}
                for batch in self.batches(limit=limit)
                for r in batch.iter_rows(named=True)
            ],
        }

    def to_csv(self, fileobj: IO[Any], *, batch_rows: int = BATCH) -> None:
        """Write every error as CSV (UTF-8, French headers, formulas neutralised), in batches, to a text or a
        binary file (told apart by its mode)."""
        text = isinstance(fileobj, io.TextIOBase) or "b" not in getattr(fileobj, "mode", "b")
        columns = (
            pl.col("row").alias("ligne"),
            _safe("field").alias("colonne"),
            pl.col("type"),
            _safe("value").alias("valeur"),
            _safe("message").alias("message"),
        )
        first = True
        for batch in self.batches(batch_rows):
            chunk = batch.select(columns).write_csv(include_header=first)
            fileobj.write(chunk if text else chunk.encode("utf-8"))
            first = False
        if first:
            empty = pl.DataFrame(
                schema=dict.fromkeys(["ligne", "colonne", "type", "valeur", "message"], pl.String)
            )
            chunk = empty.write_csv()
            fileobj.write(chunk if text else chunk.encode("utf-8"))


def _safe(column: str) -> pl.Expr:
    """Prefix with ' the cells a spreadsheet would read as a formula."""
    value = pl.col(column).fill_null("")
    return pl.when(value.str.contains(r"^[=+\-@\t\r]")).then(pl.lit("'") + value).otherwise(value)


def _single(book: SpecBook, etype: str, message: str, row: int | None) -> Report:
    spec = book.add("{text}", text=message)
    store = ErrorStore()
    store.add(stored_frame([{"row": row, "col": -1, "type": etype, "spec": spec, "value": None}]))
    return Report(store.finish(), book, row_count=0)


def validate_table(
    source: IngestResult | str | os.PathLike[str],
    schema: SchemaSource,
    *,
    typed_sink: ParquetSink | None = None,
    **read_options: Any,
) -> Report:
    """Validate a file path (or an already read :class:`IngestResult`) against ``schema``.

    ``typed_sink`` (a :class:`~parvis.catalog.lib.typed.ParquetSink`) receives the typed table
    of each chunk as it is validated: an import then reads its file once.
    """
    schema = schema if isinstance(schema, Schema) else load_schema(schema)
    try:
        stream = native_as_schema_writes(
            without_geojson_geometry(open_stream(source, **read_options), schema), schema
        )
        while True:
            try:
                return _validate_stream(stream, schema, typed_sink)
            except Restart as restart:
                stream.mode = restart.mode
                stream.encoding = restart.encoding or stream.encoding
    except IngestError as exc:
        if exc.code != "encoding-error":
            raise
        return _single(SpecBook(), "encoding-error", exc.message_fr, exc.row)


_NATIVE: dict[str, Callable[[PolarsDataType], bool]] = {
    "boolean": lambda t: t == pl.Boolean,
    "number": lambda t: t.is_numeric(),
    "integer": lambda t: t.is_integer(),
    "date": lambda t: t == pl.Date,
    "datetime": lambda t: isinstance(t, pl.Datetime),
    "time": lambda t: t == pl.Time,
}


def native_as_schema_writes(stream: TableStream, schema: Schema) -> TableStream:
    """Typed columns of a typed source (Parquet) read as their schema writes them.

    A Parquet boolean or date is valid by its type (Frictionless accepts native values);
    its text would not match a schema wanting ``oui`` or ``31/01/2024``.
    """
    whole = stream.whole
    if whole is None or whole.typed is None:
        return stream
    for position, name in enumerate(whole.header):
        field = schema.get_field(name)
        if field is None or field.type not in _NATIVE:
            continue
        typed = to_polars.series(whole.typed.column(position))
        if _NATIVE[field.type](typed.dtype):
            text = field_text(typed, field).fill_null("").to_arrow().cast(pa.string())
            whole.table = whole.table.set_column(position, whole.table.column_names[position], text)
    return stream


def without_geojson_geometry(stream: TableStream, schema: Schema) -> TableStream:
    """A GeoJSON's geometry locates its features; it is a column only if the schema declares it."""
    whole = stream.whole
    if stream.format == "geojson" and whole is not None and GEOMETRY_COLUMN not in schema.field_names:
        if GEOMETRY_COLUMN in whole.table.column_names:
            position = whole.table.column_names.index(GEOMETRY_COLUMN)
            whole.table = whole.table.remove_column(position)
            whole.header = [label for i, label in enumerate(whole.header) if i != position]
            stream.header = whole.header
    return stream


class _Run:
    """State of one validation across the chunks of a file."""

    def __init__(self, schema: Schema, match: HeaderMatch, book: SpecBook):
        self.schema, self.match, self.book = schema, match, book
        self.unique = {
            i: KeyCollector([f.name])
            for i, f in enumerate(match.fields)
            if f is not None and f.constraints.get("unique")
        }
        self.primary = KeyCollector(schema.primary_key)
        self.custom = CustomChecks(schema, book)
        self.sink: ParquetSink | None = None
        self.type_specs = {
            i: book.add(MESSAGES["type-error"], field_name=f.name, type=f.type_label)
            for i, f in enumerate(match.fields)
            if f is not None
        }


def _header_frame(match: HeaderMatch, book: SpecBook) -> pl.DataFrame:
    return stored_frame(
        [
            {
                "row": 1,
                "col": e.position - 1,
                "type": e.type,
                "spec": book.add("{text}", field_name=e.field, text=e.message),
                "value": e.label,
            }
            for e in match.errors
        ]
    )


def _validate_stream(stream: TableStream, schema: Schema, sink: ParquetSink | None) -> Report:
    book = SpecBook()
    match = match_header(stream.header, schema)
    run = _Run(schema, match, book)
    run.sink = sink
    if sink is not None:
        sink.start()
    store = ErrorStore()
    store.add(run.custom.setup_errors)
    store.add(_header_frame(match, book))
    row_count = 0
    for chunk in stream:
        store.add(_validate_chunk(chunk, run))
        row_count += chunk.row_count
        del chunk
        pa.default_memory_pool().release_unused()  # Arrow keeps freed chunks cached otherwise
    repeats = [unique_errors(collector, i, book) for i, collector in run.unique.items()]
    if run.primary.parts:
        repeats.append(primary_key_repeats(run.primary, _PK_SLOT, book))
    late = pl.concat(repeats, how="vertical").sort(["row", "col"], maintain_order=True) if repeats else None
    if sink is not None and row_count == 0:  # an empty file still gets its typed columns
        empty = pl.DataFrame({name: pl.Series([], dtype=pl.String) for name in unique_names(stream.header)})
        casts = [cast_column(empty.to_series(i), f, [""]) for i, f in enumerate(match.fields)]
        sink.write(typed_columns(empty, casts, match, schema))
    report = Report(store.finish(), book, row_count=row_count, late=late)
    report.source = {
        "format": stream.format,
        "encoding": stream.encoding,
        "delimiter": stream.delimiter,
        "sheet": stream.whole.sheet if stream.whole is not None else None,
        "header": stream.header,
    }
    return report


def _validate_chunk(chunk: Chunk, run: _Run) -> pl.DataFrame:
    book, match, schema = run.book, run.match, run.schema
    data = to_polars.dataframe(chunk.table) if chunk.table.num_columns else pl.DataFrame()
    rows = pl.int_range(chunk.first_row, chunk.first_row + chunk.row_count, dtype=pl.Int64, eager=True)
    casts = [
        cast_column(data.to_series(i), field, missing_values_for(field, schema))
        for i, field in enumerate(match.fields)
    ]
    if run.sink is not None:
        run.sink.write(typed_columns(data, casts, match, schema))
    blank = pl.select(pl.all_horizontal([c.missing for c in casts])).to_series() if casts else rows < 0
    active = ~blank
    frames = [
        cell_errors(
            blank, rows.cast(pl.String), rows, col=-1, etype="blank-row", spec=book.add(MESSAGES["blank-row"])
        )
    ]
    cells: dict[str, tuple[pl.Series, Cast]] = {}
    for i, (field, cast) in enumerate(zip(match.fields, casts, strict=True)):
        if field is None:
            continue
        raw = data.to_series(i)
        cells.setdefault(field.name, (raw, cast))
        missing_spec = book.add(MESSAGES["missing-cell"], field_name=field.name)
        frames.append(
            cell_errors(active & raw.is_null(), raw, rows, col=i, etype="missing-cell", spec=missing_spec)
        )
        frames.append(
            cell_errors(active & cast.invalid, raw, rows, col=i, etype="type-error", spec=run.type_specs[i])
        )
        frames.extend(constraint_frames(raw, cast, field, rows, active, i, book))
        if i in run.unique:
            run.unique[i].add([cast.typed], rows)
    frames.append(_extra_cells(chunk, blank, book))
    if schema.primary_key and set(schema.primary_key) <= set(cells):
        keys = [cells[name][1].typed for name in schema.primary_key]
        frames.append(primary_key_empties(keys, schema.primary_key, rows, _PK_SLOT, book))
        run.primary.add(keys, rows)
    frames.extend(run.custom.frames(cells, rows, active))
    del data, casts, cells, blank, active
    return detach(pl.concat(frames, how="vertical").sort(["row", "col"], maintain_order=True))


def _extra_cells(chunk: Chunk, blank: pl.Series, book: SpecBook) -> pl.DataFrame:
    spec = book.add(MESSAGES["extra-cell"])
    return stored_frame(
        [
            {
                "row": row,
                "col": position - 1,
                "type": "extra-cell",
                "spec": spec,
                "value": value,
                "extra": str(position),
            }
            for row, position, value in chunk.extra_cells
            if not blank[row - chunk.first_row]
        ]
    )
