"""The IFN page: official 2023 scores, the total recomputed with the chosen weights, and the index
recomputed from raw inputs when a raw-input dataset is configured (``IfnSource``), side by side."""

import polars as pl
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parvis.catalog import selectors as catalog
from parvis.territory.selectors import communes_of

from .lib import ifn
from .lib.classify import class_index, palette
from .models import IfnSource
from .selectors import fmt

LABELS = {
    "no_thd_coverage_rate": gettext_lazy("Non-couverture en très haut débit fixe"),
    "no_4g_coverage_rate": gettext_lazy("Non-couverture en 4G"),
    "poverty_rate": gettext_lazy("Taux de pauvreté"),
    "older_65_rate": gettext_lazy("Part des 65 ans et plus"),
    "nscol15p_rate": gettext_lazy("Part des non ou peu diplômés"),
}
EDGES = [2.8, 4.6, 6.4, 8.2, 10.0]  # five equal classes on the 1–10 scale


class WeightsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for component in ifn.COMPONENTS:
            self.fields[component] = forms.DecimalField(label=LABELS[component], min_value=0, max_value=5,
                                                        decimal_places=1, initial=1, required=False)  # fmt: skip

    def rows(self):
        return [self[c] for c in ifn.COMPONENTS]


def weights_from(params) -> tuple[dict[str, float], WeightsForm]:
    form = WeightsForm(params if any(c in params for c in ifn.COMPONENTS) else None)
    weights = dict(ifn.DEFAULT_WEIGHTS)
    if form.is_bound and form.is_valid():
        weights = {c: float(form.cleaned_data[c]) if form.cleaned_data[c] is not None else 1.0
                   for c in ifn.COMPONENTS}  # fmt: skip
        if not any(weights.values()):
            form.add_error(None, _("Au moins un poids doit être supérieur à zéro."))
            weights = dict(ifn.DEFAULT_WEIGHTS)
    return weights, form


def _frame(kind: str):
    source = IfnSource.objects.filter(kind=kind).select_related("resource__dataset").first()
    version = catalog.current_version(source.resource) if source else None
    if version is None:
        return source, None
    frame = pl.from_arrow(catalog.read_rows(version))
    return source, frame.with_columns(pl.col(source.code_column).cast(pl.Utf8).str.zfill(5).alias("code"))


def official_frame() -> pl.DataFrame | None:
    return _frame(IfnSource.Kind.OFFICIAL)[1]


def _raw_scores(weights) -> tuple[IfnSource | None, pl.DataFrame | None]:
    source, frame = _frame(IfnSource.Kind.RAW)
    if frame is None:
        return source, None
    inputs = [ifn.Input(c, spec["column"], spec.get("higher_is_fragile", True))
              for c, spec in source.columns.items() if spec.get("column") in frame.columns]  # fmt: skip
    source.coverage = [
        {"label": LABELS[i.component], "column": i.column, "count": frame[i.column].cast(pl.Float64, strict=False).count(),
         "total": frame.height} for i in inputs
    ]  # fmt: skip
    scored = ifn.decile_scores(frame, inputs)
    missing = [c for c in ifn.COMPONENTS if c not in {i.component for i in inputs}]
    scored = scored.with_columns([pl.lit(None, pl.Float64).alias(c) for c in missing])
    return source, ifn.compute(scored.select("code", *ifn.COMPONENTS), weights)


def build(territory, weights: dict[str, float]) -> dict:
    source, frame = _frame(IfnSource.Kind.OFFICIAL)
    if frame is None:
        return {"missing": True}
    for component in ifn.COMPONENTS:
        frame = frame.with_columns(pl.col(component).cast(pl.Float64, strict=False))
    scored = ifn.compute(frame, weights)
    equal = ifn.compute(frame)
    check = ifn.compare(frame, equal)
    reproduced = check.filter(pl.col("official").is_not_null())
    max_gap = reproduced["difference"].abs().max() if reproduced.height else None
    raw_source, raw = _raw_scores(weights)
    communes = {c.code: c for c in communes_of(territory)}
    part = scored.filter(pl.col("code").is_in(list(communes)))
    if raw is not None:
        part = part.join(raw.select("code", pl.col("score").alias("raw_score"), pl.col("complete").alias("raw_complete"),
                                    pl.col("inputs").alias("raw_inputs")), on="code", how="left")  # fmt: skip
    colours = palette(len(EDGES), "orange")
    rows, map_values = [], {}
    for r in part.sort("score", descending=True, nulls_last=True).iter_rows(named=True):
        commune = communes[r["code"]]
        idx = class_index(r["score"], EDGES)
        map_values[r["code"]] = (colours[idx] if idx is not None else "#ffffff", fmt(r["score"], "", 1))
        raw_score = r.get("raw_score")
        rows.append({
            "commune": commune, "components": [fmt(r[c], "", 1) for c in ifn.COMPONENTS],
            "official": fmt(r["total"], "", 2), "score": fmt(r["score"], "", 2), "complete": r["complete"],
            "difference": fmt(r["score"] - r["total"], "", 2) if r["score"] is not None and r["total"] is not None else "—",
            "raw_score": fmt(raw_score, "", 2) if raw is not None else None,
            "raw_difference": fmt(raw_score - r["total"], "", 2) if raw_score is not None and r["total"] is not None else "—",
            "raw_complete": r.get("raw_complete"), "raw_inputs": r.get("raw_inputs"),
        })  # fmt: skip
    absent = [c for c in communes if c not in set(part["code"].to_list())]
    legend = [(colours[i], _("de %(a)s à %(b)s") % {"a": fmt(lo, "", 1), "b": fmt(hi, "", 1)})
              for i, (lo, hi) in enumerate(zip([1.0] + EDGES[:-1], EDGES, strict=True))]  # fmt: skip
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
        "max_gap": max_gap,
        "national_rows": frame.height,
        "raw_missing": [
            LABELS[c] for c in ifn.COMPONENTS if raw_source is None or c not in raw_source.columns
        ],  # fmt: skip
    }
