"""Charts of the observatory pages: selector data drawn by ``observatory.lib.charts`` (SVG, no JavaScript).

Each builder returns ``{"svg", "title", "caption", ...}`` for ``observatory/_figure.html``, which puts the
SVG in a ``<figure>`` with its ``<figcaption>`` and an equivalent data table."""

from __future__ import annotations

from django.utils.translation import gettext as _

from parvis.observatory.lib.charts import Bar, Point, Series, bar_chart, line_chart, starts_at_zero

MAX_BARS = 40


def ranking_bars(
    indicator, ranking: list[dict], territory, *, highlight: str = "", svg_id: str = "barres"
) -> dict:
    """Bars of the communes of a territory, highest first; beyond 40 communes, the 20 highest and 20 lowest
    with a value (the table below keeps them all)."""
    rows = [r for r in ranking if r["value"] is not None]
    cut = len(rows) > MAX_BARS
    if cut:
        rows = rows[: MAX_BARS // 2] + rows[-MAX_BARS // 2 :]
    title = _("%(indicator)s (%(year)s) par commune — %(territory)s") % {
        "indicator": indicator.title,
        "year": indicator.year,
        "territory": territory.name,
    }
    description = (
        _(
            "Les 20 valeurs les plus élevées et les 20 plus faibles ; toutes les communes sont dans le tableau."
        )
        if cut
        else _("Une barre par commune, de la plus élevée à la plus faible ; l'axe part de zéro.")
    )
    bars = [Bar(r["name"], r["value"], r["label"], r["code"] == highlight) for r in rows]
    return {
        "svg": bar_chart(bars, title=title, description=description, svg_id=svg_id) if bars else "",
        "title": title,
        "caption": description,
        "first_header": _("Commune"),
        "columns": [_("Valeur"), _("Rang")],
        "rows": [{"head": r["name"], "cells": [r["label"], r["rank"] or "—"]} for r in ranking],
    }


def evolution_chart(indicator, lines: list[dict], territory, *, svg_id: str = "evolution") -> dict:
    """Line chart of the series' years, with its table (one row per year, one column per territory)."""
    if not lines:
        return {}
    title = _("Évolution %(first)s–%(last)s : %(indicator)s — %(territory)s") % {
        "first": lines[0]["points"][0]["year"],
        "last": lines[0]["points"][-1]["year"],
        "indicator": indicator.title,
        "territory": territory.name,
    }
    series = [
        Series(line["name"], [Point(p["year"], p["value"], p["label"]) for p in line["points"]])
        for line in lines
    ]
    years = [p["year"] for p in lines[0]["points"]]
    description = _("Valeurs pour les années %(years)s ; les années sont placées à leur vraie distance.") % {
        "years": ", ".join(str(y) for y in years)
    }
    svg = line_chart(series, title=title, description=description, svg_id=svg_id)
    values = [p["value"] for line in lines for p in line["points"] if p["value"] is not None]
    if values and not starts_at_zero(values):
        description += " " + _(
            "Attention : l'axe vertical ne commence pas à zéro, les écarts paraissent plus grands."
        )
        svg = line_chart(series, title=title, description=description, svg_id=svg_id)
    table = [
        {"head": year, "cells": [line["points"][i]["label"] for line in lines]}
        for i, year in enumerate(years)
    ]
    return {
        "svg": svg,
        "title": title,
        "caption": description,
        "first_header": _("Année"),
        "columns": [line["name"] for line in lines],
        "rows": table,
    }


def comparison_charts(blocks: list[dict]) -> list[dict]:
    """One small bar chart per indicator for the chosen communes (indicators have different units)."""
    charts = []
    for i, block in enumerate(blocks):
        indicator = block["indicator"]
        title = f"{indicator.title} ({indicator.year})"
        bars = [Bar(c["commune"].name, c["value"], c["label"]) for c in block["cells"]]
        charts.append(
            {
                "svg": bar_chart(
                    bars,
                    title=title,
                    description=_(
                        "Une barre par commune choisie, dans l'ordre du formulaire ; l'axe part de zéro."
                    ),
                    svg_id=f"comparaison-{i + 1}",
                ),
                "title": title,
                "svg_id": f"comparaison-{i + 1}",
                "caption": block["coverage"]["rank_label"],
                "first_header": _("Commune"),
                "columns": [_("Valeur"), block["coverage"]["rank_label"]],
                "rows": [
                    {"head": c["commune"].name, "cells": [c["label"], c["rank"] or "—"]}
                    for c in block["cells"]
                ],
            }
        )
    return charts
