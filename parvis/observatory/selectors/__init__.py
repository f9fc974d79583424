"""Read services of the observatory, also used by the territory pages; one module per topic:

* ``indicators`` – an indicator's values and what the pages read from them (visible indicators, current
  run, values table, map/ranking/comparison, coverage, series, commune comparison).
* ``territory_page`` – the key figures a territory's page shows, the receivers of its signals, and who may
  create the territory's first dashboard.
* ``fragility`` – the digital fragility index (IFN): sources, scores, weighting scenarios.

Callers import from ``parvis.observatory.selectors``, never from a topic module: the names below are the
public ones (docs/architecture.md lists them).
"""

from parvis.observatory.selectors.fragility import (
    ifn_frame,
    ifn_index_rows,
    ifn_scenario,
    ifn_scenarios,
    ifn_scores,
    official_frame,
    raw_ifn_scores,
)
from parvis.observatory.selectors.indicators import (
    communes_in,
    compare_communes,
    comparison,
    coverage,
    current_run,
    evolution,
    fmt,
    group_ranking,
    indicator_view,
    method_label,
    series_indicators,
    territory_value,
    values_frame,
    visible_indicators,
)
from parvis.observatory.selectors.territory_page import (
    claiming_organisation,
    key_figures,
    key_figures_version,
    territory_key_figures,
)

__all__ = [
    "claiming_organisation",
    "communes_in",
    "compare_communes",
    "comparison",
    "coverage",
    "current_run",
    "evolution",
    "fmt",
    "group_ranking",
    "ifn_frame",
    "ifn_index_rows",
    "ifn_scenario",
    "ifn_scenarios",
    "ifn_scores",
    "indicator_view",
    "key_figures",
    "key_figures_version",
    "method_label",
    "official_frame",
    "raw_ifn_scores",
    "series_indicators",
    "territory_key_figures",
    "territory_value",
    "values_frame",
    "visible_indicators",
]
