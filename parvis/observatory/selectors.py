"""Read services of the observatory, also used by the territory pages.

* ``visible_indicators(user)`` – indicators the user may read (public ones for everybody).
* ``current_run(indicator)``, ``values_frame(run)`` – the latest computation as a polars table.
* ``indicator_view(indicator, territory)`` – everything an indicator page shows for one territory:
  choropleth SVG, legend, ranking rows, comparison territory / département / France, report.
* ``key_figures(territory)`` – values of the territory's public dashboard cards, for its page.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from parvis.accounts import policy
from parvis.accounts import selectors as accounts
from parvis.accounts.roles import Role
from parvis.catalog import selectors as catalog
from parvis.core.lib import lazy, to_polars
from parvis.observatory.lib import ifn
from parvis.observatory.lib.aggregate import roll_up
from parvis.observatory.lib.classify import choropleth, class_index
from parvis.observatory.messages import IFN_LABELS
from parvis.observatory.models import IfnSource, Indicator, IndicatorRun
from parvis.territory.hierarchy import up
from parvis.territory.maps import render_map_svg
from parvis.territory.selectors import (
    Kind,
    Territory,
    commune_populations,
    communes_of,
    get_territory,
    home_territory,
)

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy.module("polars")


def visible_indicators(user):
    qs = Indicator.objects.select_related("organisation", "resource")
    if policy.is_admin(user):
        return qs
    return qs.filter(Q(is_public=True) | Q(organisation__in=policy.organisation_ids(user)))


def current_run(indicator: Indicator) -> IndicatorRun | None:
    return indicator.runs.filter(is_current=True).first()


def values_frame(run: IndicatorRun | None) -> pl.DataFrame:
    """Values of a run: one row per territory (code, value, numerator, denominator, rows)."""
    if run is None or not run.values_parquet:
        schema = {
            "code": pl.Utf8,
            "value": pl.Float64,
            "numerator": pl.Float64,
            "denominator": pl.Float64,
            "rows": pl.UInt32,
        }
        return pl.DataFrame(schema=schema)
    return pl.read_parquet(io.BytesIO(bytes(run.values_parquet)))


def fmt(value, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return _("pas de donnée")
    value = round(value, digits) + 0.0  # no « -0 »
    text = number_format(round(value, digits), decimal_pos=digits if value % 1 else 0, force_grouping=True)
    return f"{text} {unit}".strip()


def _commune_values(
    indicator: Indicator, frame: pl.DataFrame, communes: list[Territory]
) -> dict[str, float | None]:
    """Value per commune code: the commune's own value, or its group's for EPCI/département indicators."""
    values = dict(zip(frame["code"].to_list(), frame["value"].to_list(), strict=True))
    if indicator.level == "commune":
        return {c.code: values.get(c.code) for c in communes}
    field = "departement" if indicator.level == "departement" else "epci"
    return {c.code: values.get(getattr(c, field)) or values.get(c.ept) for c in communes}


def comparison(indicator: Indicator, frame: pl.DataFrame, territory: Territory) -> list[dict]:
    """Value of the territory, of its (first) département and of France (every row of the indicator)."""
    if indicator.level != "commune":
        rows = [(territory, frame.filter(pl.col("code") == territory.code))]
    else:
        rows = [(territory, frame.filter(pl.col("code").is_in(_codes(territory))))]
        dep = get_territory(Kind.DEPARTEMENT, territory.departement or _first_dep(territory))
        if dep is not None and dep.pk != territory.pk:
            rows.append((dep, frame.filter(pl.col("code").is_in(_codes(dep)))))
    weights = _weights(frame) if indicator.aggregation == "weighted_mean" else None
    out = [
        {"name": t.name, "url": t.get_absolute_url(), "value": roll_up(part, indicator.aggregation, weights)}
        for t, part in rows
    ]
    out.append(
        {
            "name": _("France (toutes les lignes du jeu de données)"),
            "url": "",
            "value": roll_up(frame, indicator.aggregation, weights),
        }
    )
    for row in out:
        row["label"] = fmt(row["value"], indicator.unit)
    return out


def _codes(territory: Territory) -> list[str]:
    return list(communes_of(territory).values_list("code", flat=True))


def _first_dep(territory: Territory) -> str:
    return communes_of(territory).values_list("departement", flat=True).first() or ""


def _weights(frame: pl.DataFrame) -> dict[str, int | None]:
    return commune_populations(frame["code"].to_list())


def indicator_view(
    indicator: Indicator, territory: Territory, *, svg_id: str = "carte", svg_legend: bool = True
) -> dict:
    """Map, legend, ranking and comparison of ``indicator`` for ``territory``; ``svg_legend=False`` leaves
    the legend out of the image (small maps: the page prints it as HTML)."""
    run = current_run(indicator)
    frame = values_frame(run)
    communes = list(communes_of(territory))
    per_commune = _commune_values(indicator, frame, communes)
    edges, colours = choropleth(
        [v for v in per_commune.values() if v is not None],
        indicator.method,
        indicator.classes,
        indicator.palette,
    )
    values = {}
    for code, value in per_commune.items():
        idx = class_index(value, edges)
        values[code] = (colours[idx] if idx is not None else "#ffffff", fmt(value, indicator.unit))
    legend = _legend(edges, colours, indicator.unit) + [("#ffffff", _("pas de donnée"))]
    national = frame.filter(pl.col("value").is_not_null()).sort("value", descending=True)
    national_rank = {code: i + 1 for i, code in enumerate(national["code"].to_list())}
    ranking = sorted(
        (
            {
                "code": c.code,
                "name": c.name,
                "url": c.get_absolute_url(),
                "value": per_commune[c.code],
                "label": fmt(per_commune[c.code], indicator.unit),
                "national_rank": national_rank.get(c.code),
            }
            for c in communes
        ),
        key=lambda r: (r["value"] is None, -(r["value"] or 0), r["name"]),
    )
    for i, row in enumerate(r for r in ranking if r["value"] is not None):
        row["rank"] = i + 1
    svg = render_map_svg(
        territory,
        values=values,
        legend=legend if svg_legend else (),
        legend_title=f"{indicator.title} ({indicator.year})",
        title=_("%(indicator)s — %(territory)s")
        % {"indicator": indicator.title, "territory": territory.name},
        description=_("Carte choroplèthe par commune ; les valeurs sont dans le tableau qui suit."),
        svg_id=svg_id,
    )
    return {
        "run": run,
        "svg": svg,
        "legend": legend,
        "ranking": ranking,
        "national_count": len(national_rank),
        "comparison": comparison(indicator, frame, territory) if run else [],
    }


def _legend(edges: list[float], colours: list[str], unit: str) -> list[tuple[str, str]]:
    items, low = [], None
    for edge, colour in zip(edges, colours, strict=True):
        label = (
            _("jusqu’à %(high)s") % {"high": fmt(edge, unit, 2)}
            if low is None
            else _("de %(low)s à %(high)s") % {"low": fmt(low, unit, 2), "high": fmt(edge, unit, 2)}
        )
        items.append((colour, label))
        low = edge
    return items


def territory_value(indicator: Indicator, territory: Territory, run: IndicatorRun | None = None):
    run = run or current_run(indicator)
    if run is None:
        return None
    frame = values_frame(run)
    if indicator.level != "commune":
        part = frame.filter(pl.col("code") == territory.code)
    else:
        part = frame.filter(pl.col("code").is_in(_codes(territory)))
    weights = _weights(part) if indicator.aggregation == "weighted_mean" else None
    return roll_up(part, indicator.aggregation, weights)


def key_figures(territory: Territory) -> list[dict]:
    """Values for ``territory`` of the public cards of its dashboard, or else of the home territory's."""

    dashboard = getattr(territory, "dashboard", None) if territory.pk else None
    if dashboard is None:
        home = home_territory()
        dashboard = getattr(home, "dashboard", None) if home is not None else None
    if dashboard is None:
        return []
    figures = []
    for card in dashboard.cards.select_related("indicator").filter(indicator__is_public=True)[:4]:
        indicator = card.indicator
        value = territory_value(indicator, territory)
        if value is None:
            continue
        figures.append(
            {
                "name": indicator.title,
                "value": fmt(value, indicator.unit),
                "url": reverse("observatory:indicator", args=[indicator.slug])
                + f"?territoire={territory.kind}:{territory.code}",
                "note": f"{indicator.source} · {indicator.year}",
            }
        )
    return figures


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


def territory_key_figures(sender, territory, user=None, **kwargs) -> dict:
    """Receiver of ``territory_page_requested``: the territory's public key figures."""
    return {"indicators": key_figures(territory)}


def claiming_organisation(user, territory):
    """The organisation for which ``user`` may create the territory's first dashboard: one they manage whose
    own territory is this one or contains it (any organisation for an instance administrator)."""
    keys = {f"{t.kind}:{t.code}" for t in [territory, *up(territory)]}
    managed = accounts.organisations_for(user, Role.GESTIONNAIRE).order_by("pk")
    own = managed.filter(territory_code__in=keys).first()
    return own or (managed.first() if policy.is_admin(user) else None)
