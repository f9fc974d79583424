"""The digital fragility index (IFN): the official and raw-input sources read from the catalogue, saved
weighting scenarios and the index they give per commune.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parvis.catalog import selectors as catalog
from parvis.core.lib import lazy, to_polars
from parvis.observatory.lib import ifn
from parvis.observatory.messages import IFN_LABELS
from parvis.observatory.models import IfnScenario, IfnSource

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy.module("polars")


def ifn_scores(codes: list[str]) -> dict[str, float]:
    """Official IFN total (1–10) per commune among `codes`; empty when no official IFN dataset is loaded."""
    frame = official_frame()
    if frame is None:
        return {}
    part = frame.filter(pl.col("code").is_in(list(codes))).select(
        "code", pl.col("total").cast(pl.Float64, strict=False)
    )
    return {code: total for code, total in part.iter_rows() if total is not None}


def ifn_frame(kind: str):
    """The configured IFN source of ``kind`` and its rows (with a 5-character ``code``), or (source, None)."""
    source = IfnSource.objects.filter(kind=kind).select_related("resource__dataset").first()
    version = catalog.current_version(source.resource) if source else None
    if source is None or version is None:
        return source, None
    frame = to_polars.dataframe(catalog.read_rows(version))
    return source, frame.with_columns(pl.col(source.code_column).cast(pl.Utf8).str.zfill(5).alias("code"))


def official_frame() -> pl.DataFrame | None:
    return ifn_frame(IfnSource.Kind.OFFICIAL)[1]


def raw_ifn_scores(weights) -> tuple[IfnSource | None, pl.DataFrame | None]:
    """The index recomputed from the raw-input dataset with ``weights`` (None when none is configured)."""
    source, frame = ifn_frame(IfnSource.Kind.RAW)
    if frame is None:
        return source, None
    inputs = [
        ifn.Input(c, spec["column"], spec.get("higher_is_fragile", True))
        for c, spec in source.columns.items()
        if spec.get("column") in frame.columns
    ]
    source.coverage = [
        {
            "label": IFN_LABELS[i.component],
            "column": i.column,
            "count": frame[i.column].cast(pl.Float64, strict=False).count(),
            "total": frame.height,
        }
        for i in inputs
    ]
    scored = ifn.decile_scores(frame, inputs)
    missing = [c for c in ifn.COMPONENTS if c not in {i.component for i in inputs}]
    scored = scored.with_columns([pl.lit(None, pl.Float64).alias(c) for c in missing])
    return source, ifn.compute(scored.select("code", *ifn.COMPONENTS), weights)


def ifn_scenarios():
    """Saved IFN weighting scenarios (public: weights are no secret), by name."""
    return IfnScenario.objects.select_related("organisation", "created_by")


def ifn_scenario(slug: str) -> IfnScenario | None:
    return ifn_scenarios().filter(slug=(slug or "")[:140]).first()


def ifn_index_rows(weights: dict[str, float], codes: list[str] | None = None) -> list[dict]:
    """Per commune of the official IFN (or of ``codes``): its five notes, the official total and the index
    with ``weights``, with how many notes it rests on; empty when no official IFN is loaded."""
    frame = official_frame()
    if frame is None:
        return []
    frame = frame.with_columns([pl.col(c).cast(pl.Float64, strict=False) for c in ifn.COMPONENTS])
    if codes is not None:
        frame = frame.filter(pl.col("code").is_in(list(codes)))
    scored = ifn.compute(frame, weights).sort("code")
    names = (
        dict(zip(frame["code"].to_list(), frame["name"].to_list(), strict=True)) if "name" in frame else {}
    )
    return [
        {
            "code": r["code"],
            "nom": names.get(r["code"], ""),
            **{c: r[c] for c in ifn.COMPONENTS},
            "ifn_officiel": _float(r.get("total")),
            "ifn_pondere": None if r["score"] is None else round(r["score"], 4),
            "notes_utilisees": r["inputs"],
            "complet": r["complete"],
        }
        for r in scored.iter_rows(named=True)
    ]


def _float(value) -> float | None:
    try:
        return None if value in (None, "") else float(value)
    except (TypeError, ValueError):
        return None
