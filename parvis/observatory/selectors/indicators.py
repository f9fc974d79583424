"""An indicator's values and what the pages read from them.

* ``visible_indicators(user)`` – indicators the user may read (public ones for everybody).
* ``current_run(indicator)``, ``values_frame(run)`` – the latest computation as a polars table.
* ``indicator_view(indicator, territory)`` – everything an indicator page shows for one territory:
  choropleth SVG, legend, ranking rows, comparison territory / département / France, report.
* ``coverage(indicator, frame)`` – what the values cover (« 302 communes du jeu de données »), and whether
  ranks may be called national; ``method_label`` – how a comparison value was obtained.
* ``territory_value`` – one territory's value, rolled up by the indicator's declared aggregation.
* ``group_ranking``, ``series_indicators``, ``evolution``, ``compare_communes`` – the data of the bar
  charts, time series and commune comparison (drawn by ``observatory.lib.charts``).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parvis.accounts import policy
from parvis.core.lib import lazy
from parvis.core.lib.typography import number, plural_index
from parvis.observatory.lib.aggregate import roll_up
from parvis.observatory.lib.classify import choropleth, class_index
from parvis.observatory.lib.stats import competition_ranks
from parvis.observatory.models import Indicator, IndicatorRun
from parvis.territory.maps import render_map_svg
from parvis.territory.selectors import (
    Kind,
    Territory,
    commune_populations,
    communes_of,
    get_territory,
    national_count,
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
    """A value rounded for reading (``digits`` decimals, none for a whole number), with its unit."""
    if value is None:
        return _("pas de donnée")
    value = round(value, digits) + 0.0  # no « -0 »
    text = number(value, digits if value % 1 else 0)
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


def _of_dataset(level: str, count: int) -> str:
    """« 302 communes du jeu de données » (literal messages, so that makemessages extracts them)."""
    k, n = plural_index(count), {"n": number(count)}
    if level == "epci":
        return (
            ngettext(
                "%(n)s intercommunalité du jeu de données", "%(n)s intercommunalités du jeu de données", k
            )
            % n
        )
    if level == "departement":
        return ngettext("%(n)s département du jeu de données", "%(n)s départements du jeu de données", k) % n
    return ngettext("%(n)s commune du jeu de données", "%(n)s communes du jeu de données", k) % n


LEVEL_KIND = {"commune": Kind.COMMUNE, "epci": Kind.EPCI, "departement": Kind.DEPARTEMENT}


def coverage(indicator: Indicator, frame: pl.DataFrame) -> dict:
    """What the indicator's values cover, said plainly: « 303 communes du jeu de données », and whether
    ranks may be called national (every territory of that level in France has a value)."""
    count = frame.filter(pl.col("value").is_not_null()).height
    rows = frame.height
    france = national_count(LEVEL_KIND[indicator.level])
    national = france is not None and bool(france) and count >= 0.95 * france
    label = _of_dataset(indicator.level, rows)
    if count != rows:
        label += " " + _("(%(n)s avec une valeur)") % {"n": number(count)}
    if national:
        rank_label = _("Rang national")
        name = _("France (%(label)s)") % {"label": label}
    else:
        rank_label = _("Rang parmi les %(label)s") % {"label": _of_dataset(indicator.level, count)}
        name = label
    return {"count": count, "rows": rows, "national": national, "name": name, "rank_label": rank_label}


def comparison(indicator: Indicator, frame: pl.DataFrame, territory: Territory) -> list[dict]:
    """Value of the territory, of its (first) département and of every territory of the dataset, each
    rolled up by the indicator's declared aggregation (« non agrégeable » gives no value for a group)."""
    if indicator.level != "commune":
        rows = [(territory, frame.filter(pl.col("code") == territory.code))]
    else:
        rows = [(territory, frame.filter(pl.col("code").is_in(_codes(territory))))]
        dep = get_territory(Kind.DEPARTEMENT, territory.departement or _first_dep(territory))
        if dep is not None and dep.pk != territory.pk:
            rows.append((dep, frame.filter(pl.col("code").is_in(_codes(dep)))))
    weights = _weights(frame) if indicator.aggregation == "weighted_mean" else None
    out = [
        {
            "name": t.name,
            "url": t.get_absolute_url(),
            "value": roll_up(part, indicator.aggregation, weights),
            "communes": part.filter(pl.col("value").is_not_null()).height,
        }
        for t, part in rows
    ]
    out.append(
        {
            "name": coverage(indicator, frame)["name"],
            "url": "",
            "value": roll_up(frame, indicator.aggregation, weights),
            "communes": frame.filter(pl.col("value").is_not_null()).height,
        }
    )
    for row in out:
        row["label"] = fmt(row["value"], indicator.unit)
        if row["value"] is None and indicator.aggregation == "none" and row["communes"] > 1:
            row["label"] = _("non agrégeable")
        row["method"] = method_label(indicator.aggregation, row["communes"], indicator.level)
    return out


def method_label(aggregation: str, communes: int, level: str = "commune") -> str:
    """How a comparison value was obtained from its communes (or groups), in plain words."""
    if communes <= 1:
        return _("valeur de la commune") if level == "commune" else _("valeur du territoire")
    return {
        "sum": _("somme des communes"),
        "count": _("somme des communes"),
        "rate": _("taux recalculé sur les totaux"),
        "weighted_mean": _("moyenne pondérée par la population"),
        "mean": _("moyenne simple des communes"),
        "none": _("non agrégeable"),
    }.get(aggregation, "")


def communes_in(territory: Territory) -> list[str]:
    """INSEE codes of the current communes of ``territory``."""
    return list(communes_of(territory).values_list("code", flat=True))


_codes = communes_in


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
    ranking = _ranking(indicator, frame, communes, per_commune)
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
        "coverage": coverage(indicator, frame),
        "comparison": comparison(indicator, frame, territory) if run else [],
    }


def _ranking(indicator: Indicator, frame: pl.DataFrame, communes, per_commune) -> list[dict]:
    """Communes highest first (ties by name), competition ranks inside the territory and in the dataset."""
    known = frame.filter(pl.col("value").is_not_null())
    dataset_rank = dict(
        zip(known["code"].to_list(), competition_ranks(known["value"].to_list()), strict=True)
    )
    ranking = sorted(
        (
            {
                "code": c.code,
                "name": c.name,
                "url": c.get_absolute_url(),
                "value": per_commune[c.code],
                "label": fmt(per_commune[c.code], indicator.unit),
                "national_rank": dataset_rank.get(c.code),
            }
            for c in communes
        ),
        key=lambda r: (r["value"] is None, -(r["value"] or 0), r["name"]),
    )
    for row, rank in zip(ranking, competition_ranks([r["value"] for r in ranking]), strict=True):
        row["rank"] = rank
    return ranking


def group_ranking(indicator: Indicator, commune: Territory) -> tuple[Territory | None, list[dict]]:
    """The communes of the commune's EPT, or else EPCI, ranked (for a bar chart that places the commune)."""
    group = get_territory(Kind.EPT, commune.ept) if commune.ept else None
    group = group or (get_territory(Kind.EPCI, commune.epci) if commune.epci else None)
    if group is None:
        return None, []
    communes = list(communes_of(group))
    frame = values_frame(current_run(indicator))
    return group, _ranking(indicator, frame, communes, _commune_values(indicator, frame, communes))


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


def series_indicators(indicator: Indicator, user) -> list[Indicator]:
    """The indicators of ``indicator``'s series that ``user`` may read, one per year, oldest first."""
    if not indicator.series:
        return [indicator]
    by_year = {indicator.year: indicator}
    for other in visible_indicators(user).filter(series=indicator.series, level=indicator.level):
        by_year.setdefault(other.year, other)
    return [by_year[year] for year in sorted(by_year)]


def evolution(indicator: Indicator, territory: Territory, user) -> list[dict]:
    """The territory's value for each year of the series (and its département's, unless the values add up:
    a sum for a département dwarfs a commune's on one axis). [] when the series has a single year."""
    members = series_indicators(indicator, user)
    if len(members) < 2:
        return []
    places = [territory]
    dep = get_territory(Kind.DEPARTEMENT, territory.departement or _first_dep(territory))
    if indicator.aggregation not in ("sum", "count") and dep is not None and dep.pk != territory.pk:
        places.append(dep)
    lines = []
    for place in places:
        points = []
        for member in members:
            value = territory_value(member, place)
            points.append({"year": member.year, "value": value, "label": fmt(value, member.unit)})
        lines.append({"name": place.name, "points": points})
    return lines


def compare_communes(indicators: list[Indicator], communes: list[Territory]) -> list[dict]:
    """For each indicator: each chosen commune's value and its rank among the dataset's territories."""
    out = []
    for indicator in indicators:
        run = current_run(indicator)
        frame = values_frame(run)
        known = frame.filter(pl.col("value").is_not_null())
        ranks = dict(zip(known["code"].to_list(), competition_ranks(known["value"].to_list()), strict=True))
        per_commune = _commune_values(indicator, frame, communes)
        out.append(
            {
                "indicator": indicator,
                "coverage": coverage(indicator, frame),
                "cells": [
                    {
                        "commune": c,
                        "value": per_commune[c.code],
                        "label": fmt(per_commune[c.code], indicator.unit),
                        "rank": ranks.get(c.code) if indicator.level == "commune" else None,
                    }
                    for c in communes
                ],
            }
        )
    return out
