"""The IFN page: official 2023 scores, the total recomputed with the chosen weights, and the index
recomputed from raw inputs when a raw-input dataset is configured (``IfnSource``), side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.utils.translation import gettext as _

from parvis.core.lib import lazy
from parvis.observatory.lib import ifn
from parvis.observatory.lib.classify import class_index, palette
from parvis.observatory.lib.stats import reading_gap
from parvis.observatory.messages import IFN_LABELS as LABELS
from parvis.observatory.models import IfnSource
from parvis.observatory.selectors import fmt, ifn_frame, raw_ifn_scores
from parvis.territory.selectors import communes_of

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy.module("polars")

EDGES = [2.8, 4.6, 6.4, 8.2, 10.0]  # five equal classes on the 1–10 scale


def build(territory, weights: dict[str, float]) -> dict:
    source, frame = ifn_frame(IfnSource.Kind.OFFICIAL)
    if frame is None:
        return {"missing": True}
    for component in ifn.COMPONENTS:
        frame = frame.with_columns(pl.col(component).cast(pl.Float64, strict=False))
    scored = ifn.compute(frame, weights)
    equal = ifn.compute(frame)
    check = ifn.compare(frame, equal)
    reproduced = check.filter(pl.col("official").is_not_null())
    max_gap = cast(float, reproduced["difference"].abs().max()) if reproduced.height else None
    raw_source, raw = raw_ifn_scores(weights)
    communes = {c.code: c for c in communes_of(territory)}
    part = scored.filter(pl.col("code").is_in(list(communes)))
    if raw is not None:
        part = part.join(
            raw.select(
                "code",
                pl.col("score").alias("raw_score"),
                pl.col("complete").alias("raw_complete"),
                pl.col("inputs").alias("raw_inputs"),
            ),
            on="code",
            how="left",
        )
    colours = palette(len(EDGES), "orange")
    rows, map_values = [], {}
    for r in part.sort("score", descending=True, nulls_last=True).iter_rows(named=True):
        commune = communes[r["code"]]
        idx = class_index(r["score"], EDGES)
        map_values[r["code"]] = (colours[idx] if idx is not None else "#ffffff", fmt(r["score"], "", 1))
        raw_score = r.get("raw_score")
        rows.append(
            {
                "commune": commune,
                "components": [fmt(r[c], "", 1) for c in ifn.COMPONENTS],
                "official": fmt(r["total"], "", 2),
                "score": fmt(r["score"], "", 2),
                "complete": r["complete"],
                "difference": fmt(r["score"] - r["total"], "", 2)
                if r["score"] is not None and r["total"] is not None
                else "—",
                "raw_score": fmt(raw_score, "", 2) if raw is not None else None,
                "raw_difference": fmt(raw_score - r["total"], "", 2)
                if raw_score is not None and r["total"] is not None
                else "—",
                "raw_complete": r.get("raw_complete"),
                "raw_inputs": r.get("raw_inputs"),
            }
        )
    absent = [c for c in communes if c not in set(part["code"].to_list())]
    legend = [
        (colours[i], _("de %(a)s à %(b)s") % {"a": fmt(lo, "", 1), "b": fmt(hi, "", 1)})
        for i, (lo, hi) in enumerate(zip([1.0] + EDGES[:-1], EDGES, strict=True))
    ]
    return {
        "source": source,
        "raw_source": raw_source,
        "rows": rows,
        "map_values": map_values,
        "legend": legend + [("#ffffff", _("pas de donnée"))],
        "absent": [communes[c] for c in absent],
        "labels": [LABELS[c] for c in ifn.COMPONENTS],
        "weights": weights,
        "reproduced": reproduced.height,
        "max_gap": reading_gap(max_gap),
        "national_rows": frame.height,
        "raw_missing": [
            LABELS[c] for c in ifn.COMPONENTS if raw_source is None or c not in raw_source.columns
        ],
    }
