"""Cell and table checks, each producing a frame of stored errors (see ``errorlog.py``).

Rows follow Frictionless' numbering (header = 1); ``col`` is the 0-based column, for
ordering. ``unique`` and ``primaryKey`` keep what they have seen across the chunks of a
streamed file (:class:`UniqueTracker`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from parvis.catalog.lib.cast import Cast, cast_value
from parvis.catalog.lib.errorlog import SpecBook, cell_errors, detach, error_type, quote
from parvis.catalog.lib.patterns import describe_pattern, pattern_mask
from parvis.catalog.lib.tableschema import Field
from parvis.core.lib import lazy
from parvis.translation import _, gettext_noop

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy.module("polars")

MESSAGES = {
    "blank-row": gettext_noop("Ligne {row} : ligne vide."),
    "missing-cell": gettext_noop(
        "Ligne {row}, colonne « {field} » : cellule manquante (la ligne est plus courte que l'en-tête)."
    ),
    "type-error": gettext_noop(
        "Ligne {row}, colonne « {field} » : {value} n'est pas une valeur valide de type {type}."
    ),
    "required": gettext_noop("Ligne {row}, colonne « {field} » : valeur obligatoire manquante."),
    "minLength": gettext_noop(
        "Ligne {row}, colonne « {field} » : {value} compte moins de {limit} caractères."
    ),
    "maxLength": gettext_noop(
        "Ligne {row}, colonne « {field} » : {value} compte plus de {limit} caractères."
    ),
    "minItems": gettext_noop("Ligne {row}, colonne « {field} » : {value} compte moins de {limit} éléments."),
    "maxItems": gettext_noop("Ligne {row}, colonne « {field} » : {value} compte plus de {limit} éléments."),
    "pattern": gettext_noop(
        "Ligne {row}, colonne « {field} » : {value} ne respecte pas le format attendu ({expected})."
    ),
    "item": gettext_noop(
        "Ligne {row}, colonne « {field} » : {value} : un élément de la liste ne respecte pas la contrainte « {constraint} » du schéma."
    ),
    "enum": gettext_noop(
        "Ligne {row}, colonne « {field} » : {value} ne fait pas partie des valeurs autorisées : {allowed}."
    ),
    "enum-more": gettext_noop("{shown} et {count} autres"),
    "minimum": gettext_noop("Ligne {row}, colonne « {field} » : {value} est inférieur au minimum {limit}."),
    "maximum": gettext_noop("Ligne {row}, colonne « {field} » : {value} est supérieur au maximum {limit}."),
    "exclusiveMinimum": gettext_noop(
        "Ligne {row}, colonne « {field} » : {value} doit être strictement supérieur à {limit}."
    ),
    "exclusiveMaximum": gettext_noop(
        "Ligne {row}, colonne « {field} » : {value} doit être strictement inférieur à {limit}."
    ),
    "unique-error": gettext_noop(
        "Ligne {row}, colonne « {field} » : {value} est en double (déjà présente ligne {first}) alors que les valeurs doivent être uniques."
    ),
    "primary-key-empty": gettext_noop("Ligne {row} : la clé primaire ({fields}) est vide."),
    "primary-key": gettext_noop("Ligne {row} : la clé primaire ({fields}) {value} est en double."),
    "extra-cell": gettext_noop(
        "Ligne {row} : cellule en trop en position {position} ({value}) : la ligne a plus de cellules "
        "que l'en-tête."
    ),
}


_ITEM_CONSTRAINTS = (
    "required",
    "minLength",
    "maxLength",
    "pattern",
    "enum",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
)
_BOUNDS: dict[str, Callable[[pl.Series, Any], pl.Series]] = {
    "minimum": lambda s, b: s < b,
    "maximum": lambda s, b: s > b,
    "exclusiveMinimum": lambda s, b: s <= b,
    "exclusiveMaximum": lambda s, b: s >= b,
}


def _enum_text(values: list[Any]) -> str:
    shown = ", ".join(quote(v) for v in values[:12])
    if len(values) <= 12:
        return shown
    return _(MESSAGES["enum-more"]).format(shown=shown, count=len(values) - 12)


def constraint_frames(
    raw: pl.Series,
    cast: Cast,
    field: Field,
    rows: pl.Series,
    active: pl.Series,
    col: int,
    book: SpecBook,
) -> list[pl.DataFrame]:
    frames: list[pl.DataFrame] = []
    cons = field.constraints
    ok = active & ~cast.missing & ~cast.invalid

    def add(mask: pl.Series, message: str, **values: object) -> None:
        spec = book.add(MESSAGES[message], field_name=field.name, **values)
        frames.append(cell_errors(mask, raw, rows, col=col, etype="constraint-error", spec=spec))

    if cons.get("required"):
        add(active & cast.missing, "required")
    if field.type in ("string", "array", "object"):
        lengths = raw.str.len_chars() if field.type == "string" else cast.lengths
        texts = ("minLength", "maxLength") if field.type == "string" else ("minItems", "maxItems")
        if cons.get("minLength") is not None:
            add(ok & (lengths < cons["minLength"]), texts[0], limit=cons["minLength"])
        if cons.get("maxLength") is not None:
            add(ok & (lengths > cons["maxLength"]), texts[1], limit=cons["maxLength"])
    if field.type == "string" and cons.get("pattern") is not None:
        add(pattern_mask(raw, ok, cons["pattern"]), "pattern", expected=describe_pattern(field))
    if cast.item_failures is not None:
        failures = cast.item_failures.fill_null("")
        for key in _ITEM_CONSTRAINTS:
            add(active & failures.str.contains(rf"\b{key}\b"), "item", constraint=key)
    if isinstance(cons.get("enum"), list):
        allowed = [v for v in (cast_value(field, item) for item in cons["enum"]) if v is not None]
        add(ok & ~cast.typed.is_in(allowed), "enum", allowed=_enum_text(cons["enum"]))
    for key, fails in _BOUNDS.items():
        if key in cons and cons[key] is not None:
            bound = cast_value(field, cons[key])
            if bound is not None:
                bad = fails(cast.typed, bound).fill_null(False)
                if cast.typed.dtype == pl.Float64:
                    bad = bad | cast.typed.is_nan()
                add(ok & bad, key, limit=cons[key])
    return frames


class KeyCollector:
    """The keys of a column (or of the primary key) over a whole file, checked at the end.

    Repeats are found in one pass over every key once the last chunk is read: a repeat names
    the row where its key first appeared, wherever the chunks were cut.
    """

    def __init__(self, names: list[str]):
        self.names = names
        self.keys = [f"k{i}" for i in range(len(names))]
        self.parts: list[pl.DataFrame] = []
        self.hashes: list[pl.DataFrame] = []

    def add(self, keys: list[pl.Series], rows: pl.Series) -> None:
        frame = pl.DataFrame(dict(zip(self.keys, keys, strict=True))).with_columns(row=rows)
        # Keys whose parts are all null are skipped; a partly null key is compared as a whole,
        # nulls equal, as Frictionless compares its tuples.
        frame = detach(frame.filter(~pl.all_horizontal(pl.exclude("row").is_null())))
        self.parts.append(frame)
        self.hashes.append(frame.select("row", hash=pl.struct(self.keys).hash(seed=16)))

    def repeats(self) -> pl.DataFrame:
        """``row``, ``first`` and ``value`` (the key as text) of every repeat, by row."""
        if not self.parts:
            return pl.DataFrame(schema={"row": pl.Int64, "first": pl.Int64, "value": pl.String})
        # Hashes over the whole file (8 bytes a key), then the exact keys of the few candidates.
        # A sort needs less memory than a hash table over every key.
        hashes = pl.concat(self.hashes, how="vertical").sort("hash")
        same = pl.col("hash")
        candidates = hashes.filter((same == same.shift(1)) | (same == same.shift(-1)))["row"].implode()
        del hashes
        frame = pl.concat([part.filter(pl.col("row").is_in(candidates)) for part in self.parts])
        self.parts, self.hashes = [], []
        first = frame.with_columns(first=pl.col("row").min().over(self.keys)).filter(
            pl.col("row") != pl.col("first")
        )
        value = pl.concat_str(
            [pl.col(k).cast(pl.String) for k in self.keys], separator=", ", ignore_nulls=True
        )
        return first.select("row", "first", value.alias("value")).sort("row")


def unique_errors(collector: KeyCollector, col: int, book: SpecBook) -> pl.DataFrame:
    """``unique-error`` on every repeat of a value (not on its first occurrence)."""
    spec = book.add(MESSAGES["unique-error"], field_name=collector.names[0])
    return collector.repeats().select(
        pl.col("row"),
        pl.lit(col, pl.Int32).alias("col"),
        pl.lit("unique-error", error_type()).alias("type"),
        pl.lit(spec, pl.UInt32).alias("spec"),
        pl.col("value"),
        pl.col("first").cast(pl.String).alias("extra"),
    )


def primary_key_repeats(collector: KeyCollector, col: int, book: SpecBook) -> pl.DataFrame:
    """``primary-key`` on rows repeating an earlier row's key."""
    spec = book.add(MESSAGES["primary-key"], fields=", ".join(collector.names))
    return collector.repeats().select(
        pl.col("row"),
        pl.lit(col, pl.Int32).alias("col"),
        pl.lit("primary-key", error_type()).alias("type"),
        pl.lit(spec, pl.UInt32).alias("spec"),
        pl.col("value"),
        pl.lit(None, pl.String).alias("extra"),
    )


def primary_key_empties(
    keys: list[pl.Series], names: list[str], rows: pl.Series, col: int, book: SpecBook
) -> pl.DataFrame:
    """``primary-key`` on rows whose key parts are all empty."""
    empty = pl.select(pl.all_horizontal([key.is_null() for key in keys])).to_series()
    spec = book.add(MESSAGES["primary-key-empty"], fields=", ".join(names))
    return cell_errors(
        empty,
        pl.repeat("", len(rows), dtype=pl.String, eager=True),
        rows,
        col=col,
        etype="primary-key",
        spec=spec,
    )
