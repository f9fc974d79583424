"""Cell and table checks, each producing a polars frame of errors (one row per error).

Frame columns: ``row`` (Frictionless numbering, header = 1), ``col`` (0-based column, for
ordering), ``type``, ``field``, ``value``, ``message`` (French).
"""

from __future__ import annotations

import re

import polars as pl

from .cast import Cast, cast_value
from .tableschema import Field

ERROR_SCHEMA = {
    "row": pl.Int64,
    "col": pl.Int32,
    "type": pl.String,
    "field": pl.String,
    "value": pl.String,
    "message": pl.String,
}
_SHOWN = 60  # characters of a value quoted in a message


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


def cell_frame(
    mask: pl.Series,
    raw: pl.Series,
    rows: pl.Series,
    *,
    col: int,
    etype: str,
    field: str | None,
    text: str,
    with_value: bool = True,
    values: pl.Series | None = None,
) -> pl.DataFrame:
    """Errors for the rows where ``mask`` holds; ``text`` follows « value » in the message."""
    frame = pl.DataFrame({"row": rows, "value": raw if values is None else values}).filter(mask)
    where = f"Ligne {{}}, colonne « {field} » : " if field else "Ligne {}, "
    head, tail = where.split("{}")
    message = pl.lit(head) + pl.col("row").cast(pl.String) + pl.lit(tail)
    if with_value:
        message = message + _value_expr() + pl.lit(" ")
    return frame.select(
        pl.col("row").cast(pl.Int64),
        pl.lit(col, pl.Int32).alias("col"),
        pl.lit(etype).alias("type"),
        pl.lit(field, pl.String).alias("field"),
        pl.col("value").cast(pl.String),
        (message + pl.lit(text)).alias("message"),
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
    return shown + (f" et {len(values) - 12} autres" if len(values) > 12 else "")


def constraint_frames(
    raw: pl.Series, cast: Cast, field: Field, rows: pl.Series, active: pl.Series, col: int
) -> list[pl.DataFrame]:
    frames = []
    name, cons = field.name, field.constraints
    ok = active & ~cast.missing & ~cast.invalid

    def add(mask, text, with_value=True):
        frames.append(
            cell_frame(
                mask,
                raw,
                rows,
                col=col,
                etype="constraint-error",
                field=name,
                text=text,
                with_value=with_value,
            )
        )

    if cons.get("required"):
        add(active & cast.missing, "valeur obligatoire manquante.", with_value=False)
    if field.type in ("string", "array", "object"):
        lengths = raw.str.len_chars() if field.type == "string" else cast.lengths
        unit = "caractères" if field.type == "string" else "éléments"
        if cons.get("minLength") is not None:
            add(ok & (lengths < cons["minLength"]), f"compte moins de {cons['minLength']} {unit}.")
        if cons.get("maxLength") is not None:
            add(ok & (lengths > cons["maxLength"]), f"compte plus de {cons['maxLength']} {unit}.")
    if field.type == "string" and cons.get("pattern") is not None:
        mask = _pattern_mask(raw, ok, cons["pattern"])
        add(mask, f"ne respecte pas le format attendu (motif {cons['pattern']}).")
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
            add(
                active & failures.str.contains(rf"\b{key}\b"),
                f"un élément de la liste ne respecte pas la contrainte « {key} » du schéma.",
            )
    if isinstance(cons.get("enum"), list):
        allowed = [v for v in (cast_value(field, item) for item in cons["enum"]) if v is not None]
        add(
            ok & ~cast.typed.is_in(allowed),
            f"ne fait pas partie des valeurs autorisées : {_enum_text(cons['enum'])}.",
        )
    bounds = {
        "minimum": (lambda s, b: s < b, "est inférieur au minimum"),
        "maximum": (lambda s, b: s > b, "est supérieur au maximum"),
        "exclusiveMinimum": (lambda s, b: s <= b, "doit être strictement supérieur à"),
        "exclusiveMaximum": (lambda s, b: s >= b, "doit être strictement inférieur à"),
    }
    for key, (fails, words) in bounds.items():
        if key in cons and cons[key] is not None:
            bound = cast_value(field, cons[key])
            if bound is not None:
                bad = fails(cast.typed, bound).fill_null(False)
                if cast.typed.dtype == pl.Float64:
                    bad = bad | cast.typed.is_nan()
                add(ok & bad, f"{words} {cons[key]}.")
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
        (
            pl.lit("Ligne ")
            + pl.col("row").cast(pl.String)
            + pl.lit(f", colonne « {field.name} » : ")
            + _value_expr()
            + pl.lit(" est en double (déjà présente ligne ")
            + pl.col("first").cast(pl.String)
            + pl.lit(") alors que les valeurs doivent être uniques.")
        ).alias("message"),
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
        .then(
            pl.lit("Ligne ")
            + pl.col("row").cast(pl.String)
            + pl.lit(f" : la clé primaire ({label}) est vide.")
        )
        .otherwise(
            pl.lit("Ligne ")
            + pl.col("row").cast(pl.String)
            + pl.lit(f" : la clé primaire ({label}) ")
            + _value_expr()
            + pl.lit(" est en double.")
        )
        .alias("message"),
    )
