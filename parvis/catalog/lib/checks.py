"""Cell and table checks, each producing a polars frame of errors (one row per error).

Frame columns: ``row`` (Frictionless numbering, header = 1), ``col`` (0-based column, for
ordering), ``type``, ``field``, ``value``, ``message`` (French, from the templates below).
"""

from __future__ import annotations

import re
from functools import cache

from parvis.catalog.lib.cast import Cast, cast_value
from parvis.catalog.lib.tableschema import Field
from parvis.core.lib import lazy
from parvis.translation import _, gettext_noop

pl = lazy.module("polars")


@cache
def error_schema() -> dict:
    """Columns of the error table (a function: importing this module must not load polars)."""
    return {
        "row": pl.Int64,
        "col": pl.Int32,
        "type": pl.String,
        "field": pl.String,
        "value": pl.String,
        "message": pl.String,
    }


_SHOWN = 60  # characters of a value quoted in a message
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
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
        "Ligne {row}, colonne « {field} » : {value} ne respecte pas le format attendu (motif {pattern})."
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


def quote(text) -> str:
    text = str(text)
    return f"« {text[:_SHOWN]}{'…' if len(text) > _SHOWN else ''} »"


def _value_expr() -> pl.Expr:
    value = pl.col("value").fill_null("")
    short = (
        pl.when(value.str.len_chars() > _SHOWN)
        .then(value.str.slice(0, _SHOWN) + pl.lit("…"))
        .otherwise(value)
    )
    return pl.lit("« ") + short + pl.lit(" »")


def message_expr(key: str, **values) -> pl.Expr:
    """The translated template ``MESSAGES[key]`` as a polars expression.

    ``{row}`` and ``{value}`` come from the frame's columns, ``{first}`` from a ``first``
    column; every other placeholder is filled with the given literal.
    """
    columns = {
        "row": pl.col("row").cast(pl.String),
        "value": _value_expr(),
        "first": pl.col("first").cast(pl.String),
    }
    parts = []
    for index, piece in enumerate(_PLACEHOLDER.split(_(MESSAGES[key]))):
        if index % 2 == 0:
            if piece:
                parts.append(pl.lit(piece))
        elif piece in values:
            parts.append(pl.lit(str(values[piece])))
        else:
            parts.append(columns[piece])
    return pl.concat_str(parts)


def cell_frame(
    mask: pl.Series,
    raw: pl.Series,
    rows: pl.Series,
    *,
    col: int,
    etype: str,
    field: str | None,
    message: str,
    **values,
) -> pl.DataFrame:
    """Errors for the rows where ``mask`` holds, worded by ``MESSAGES[message]``."""
    frame = pl.DataFrame({"row": rows, "value": raw}).filter(mask)
    return frame.select(
        pl.col("row").cast(pl.Int64),
        pl.lit(col, pl.Int32).alias("col"),
        pl.lit(etype).alias("type"),
        pl.lit(field, pl.String).alias("field"),
        pl.col("value").cast(pl.String),
        message_expr(message, field=field, **values).alias("message"),
    )


def _pattern_mask(raw: pl.Series, present: pl.Series, pattern: str) -> pl.Series:
    """Cells failing ``re.match('^{pattern}$')``, as Frictionless does."""
    anchored = f"^{pattern}$"
    unsafe = re.search(r"\[:|\[\[|\(\?(?!:)|&&|~~|--", pattern)
    if not unsafe:
        try:
            matched = raw.str.contains(anchored)
            exact = present & ~raw.str.contains("\n", literal=True)
            if exact.sum() == present.sum():
                return present & ~matched
        except pl.exceptions.ComputeError:
            pass
    compiled = re.compile(anchored)
    distinct = raw.filter(present).unique()
    lookup = pl.DataFrame(
        {"raw": distinct, "ok": [bool(compiled.match(v)) for v in distinct]},
        schema={"raw": pl.String, "ok": pl.Boolean},
    )
    ok = pl.DataFrame({"raw": raw}).join(lookup, on="raw", how="left", maintain_order="left")["ok"]
    return present & ~ok.fill_null(True)


def _enum_text(values: list) -> str:
    shown = ", ".join(quote(v) for v in values[:12])
    if len(values) <= 12:
        return shown
    return _(MESSAGES["enum-more"]).format(shown=shown, count=len(values) - 12)


def constraint_frames(
    raw: pl.Series, cast: Cast, field: Field, rows: pl.Series, active: pl.Series, col: int
) -> list[pl.DataFrame]:
    frames = []
    name, cons = field.name, field.constraints
    ok = active & ~cast.missing & ~cast.invalid

    def add(mask, message, **values):
        frames.append(
            cell_frame(
                mask, raw, rows, col=col, etype="constraint-error", field=name, message=message, **values
            )
        )

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
        add(_pattern_mask(raw, ok, cons["pattern"]), "pattern", pattern=cons["pattern"])
    if cast.item_failures is not None:
        failures = cast.item_failures.fill_null("")
        for key in (
            "required",
            "minLength",
            "maxLength",
            "pattern",
            "enum",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
        ):
            add(active & failures.str.contains(rf"\b{key}\b"), "item", constraint=key)
    if isinstance(cons.get("enum"), list):
        allowed = [v for v in (cast_value(field, item) for item in cons["enum"]) if v is not None]
        add(ok & ~cast.typed.is_in(allowed), "enum", allowed=_enum_text(cons["enum"]))
    bounds = {
        "minimum": lambda s, b: s < b,
        "maximum": lambda s, b: s > b,
        "exclusiveMinimum": lambda s, b: s <= b,
        "exclusiveMaximum": lambda s, b: s >= b,
    }
    for key, fails in bounds.items():
        if key in cons and cons[key] is not None:
            bound = cast_value(field, cons[key])
            if bound is not None:
                bad = fails(cast.typed, bound).fill_null(False)
                if cast.typed.dtype == pl.Float64:
                    bad = bad | cast.typed.is_nan()
                add(ok & bad, key, limit=cons[key])
    return frames


def unique_frame(raw: pl.Series, cast: Cast, field: Field, rows: pl.Series, col: int) -> pl.DataFrame:
    """``unique-error`` on every repeat of a value (not on its first occurrence)."""
    key = cast.typed
    repeat = key.is_not_null() & ~key.is_first_distinct()
    frame = pl.DataFrame({"key": key, "row": rows, "value": raw}).filter(
        key.is_in(key.filter(repeat).unique().implode())
    )
    first = frame.group_by("key").agg(pl.col("row").min().alias("first"))
    repeats = frame.join(first, on="key", how="left").filter(pl.col("row") != pl.col("first")).sort("row")
    return repeats.select(
        pl.col("row").cast(pl.Int64),
        pl.lit(col, pl.Int32).alias("col"),
        pl.lit("unique-error").alias("type"),
        pl.lit(field.name).alias("field"),
        pl.col("value").cast(pl.String),
        message_expr("unique-error", field=field.name).alias("message"),
    )


def primary_key_frame(keys: list[pl.Series], names: list[str], rows: pl.Series) -> pl.DataFrame:
    """``primary-key`` on rows whose key is empty or repeats an earlier row's key."""
    frame = pl.DataFrame({f"k{i}": s for i, s in enumerate(keys)}).with_columns(row=rows)
    key = pl.struct([f"k{i}" for i in range(len(keys))])
    empty = pl.all_horizontal([pl.col(f"k{i}").is_null() for i in range(len(keys))])
    label = ", ".join(names)
    shown = pl.concat_str(
        [pl.col(f"k{i}").cast(pl.String) for i in range(len(keys))], separator=", ", ignore_nulls=True
    )
    frame = frame.with_columns(empty=empty, repeat=~key.is_first_distinct(), value=shown)
    return frame.filter(pl.col("empty") | pl.col("repeat")).select(
        pl.col("row").cast(pl.Int64),
        pl.lit(-1, pl.Int32).alias("col"),
        pl.lit("primary-key").alias("type"),
        pl.lit(None, pl.String).alias("field"),
        pl.col("value"),
        pl.when(pl.col("empty"))
        .then(message_expr("primary-key-empty", fields=label))
        .otherwise(message_expr("primary-key", fields=label))
        .alias("message"),
    )
