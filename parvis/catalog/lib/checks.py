"""Cell and table checks, each producing a frame of stored errors (see ``errorlog.py``).

Rows follow Frictionless' numbering (header = 1); ``col`` is the 0-based column, for
ordering. ``unique`` and ``primaryKey`` keep what they have seen across the chunks of a
streamed file (:class:`UniqueTracker`).
"""

from __future__ import annotations

import polars as pl

from parvis.translation import _, gettext_noop

from .cast import Cast, cast_value
from .errorlog import ERROR_TYPE, SpecBook, cell_errors, quote
from .patterns import describe_pattern, pattern_mask
from .tableschema import Field

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
_BOUNDS = {
    "minimum": lambda s, b: s < b,
    "maximum": lambda s, b: s > b,
    "exclusiveMinimum": lambda s, b: s <= b,
    "exclusiveMaximum": lambda s, b: s >= b,
}


def _enum_text(values: list) -> str:
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
    frames = []
    cons = field.constraints
    ok = active & ~cast.missing & ~cast.invalid

    def add(mask, message, **values):
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


class UniqueTracker:
    """Repeats of a key (a column's values, or a primary key) across the chunks of a file.

    Keeps each distinct key once with the row where it first appeared; a repeat names that row.
    """

    def __init__(self):
        self.seen: list[pl.DataFrame] = []

    def repeats(self, keys: pl.DataFrame, rows: pl.Series) -> pl.DataFrame:
        """``row``/``first`` of each row of this chunk repeating an earlier key.

        Keys whose parts are all null are skipped; a partly null key is compared as a whole,
        nulls equal, as Frictionless compares its tuples.
        """
        names = keys.columns
        frame = keys.with_columns(row=rows).filter(~pl.all_horizontal(pl.col(names).is_null()))
        first_here = frame.filter(pl.struct(names).is_first_distinct())
        if self.seen:
            known = pl.concat(self.seen, rechunk=False)
            earlier = frame.join(known, on=names, how="inner", nulls_equal=True)
            first_here = first_here.join(known, on=names, how="anti", nulls_equal=True)
        else:
            earlier = frame.clear().with_columns(first=pl.lit(None, pl.Int64))
        local = frame.join(
            first_here.rename({"row": "first"}), on=names, how="inner", nulls_equal=True
        ).filter(pl.col("row") != pl.col("first"))
        self.seen.append(first_here.rename({"row": "first"}))
        return pl.concat([earlier.select("row", "first"), local.select("row", "first")], how="vertical").sort(
            "row"
        )


def unique_frame(
    raw: pl.Series,
    cast: Cast,
    field: Field,
    rows: pl.Series,
    col: int,
    tracker: UniqueTracker,
    book: SpecBook,
) -> pl.DataFrame:
    """``unique-error`` on every repeat of a value (not on its first occurrence)."""
    found = tracker.repeats(pl.DataFrame({"key": cast.typed}), rows)
    values = pl.DataFrame({"row": rows, "value": raw.cast(pl.String)})
    spec = book.add(MESSAGES["unique-error"], field_name=field.name)
    return found.join(values, on="row", how="left").select(
        pl.col("row").cast(pl.Int64),
        pl.lit(col, pl.Int32).alias("col"),
        pl.lit("unique-error", ERROR_TYPE).alias("type"),
        pl.lit(spec, pl.UInt32).alias("spec"),
        pl.col("value"),
        pl.col("first").cast(pl.String).alias("extra"),
    )


def primary_key_frame(
    keys: list[pl.Series],
    names: list[str],
    rows: pl.Series,
    col: int,
    tracker: UniqueTracker,
    book: SpecBook,
) -> pl.DataFrame:
    """``primary-key`` on rows whose key is empty or repeats an earlier row's key."""
    frame = pl.DataFrame({f"k{i}": s for i, s in enumerate(keys)})
    label = ", ".join(names)
    shown = frame.select(
        pl.concat_str([pl.col(c).cast(pl.String) for c in frame.columns], separator=", ", ignore_nulls=True)
    ).to_series()
    empty = frame.select(pl.all_horizontal([pl.col(c).is_null() for c in frame.columns])).to_series()
    repeats = tracker.repeats(frame, rows)
    repeat_mask = rows.is_in(repeats["row"].implode())
    empty_spec = book.add(MESSAGES["primary-key-empty"], fields=label)
    repeat_spec = book.add(MESSAGES["primary-key"], fields=label)
    return (
        pl.DataFrame({"row": rows, "value": shown, "empty": empty, "repeat": repeat_mask})
        .filter(pl.col("empty") | pl.col("repeat"))
        .select(
            pl.col("row").cast(pl.Int64),
            pl.lit(col, pl.Int32).alias("col"),
            pl.lit("primary-key", ERROR_TYPE).alias("type"),
            pl.when(pl.col("empty"))
            .then(pl.lit(empty_spec, pl.UInt32))
            .otherwise(pl.lit(repeat_spec, pl.UInt32))
            .alias("spec"),
            pl.col("value"),
            pl.lit(None, pl.String).alias("extra"),
        )
    )
