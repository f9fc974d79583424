"""What the observatory adds to a territory's page: the key figures of its public dashboard, the receivers
of the territory page's signals, and who may create that dashboard.
"""

from __future__ import annotations

from django.urls import reverse

from parvis.accounts import policy
from parvis.accounts import selectors as accounts
from parvis.accounts.roles import Role
from parvis.core.cache import data_stamp
from parvis.core.selectors import instance_settings
from parvis.observatory.models import Dashboard, DashboardCard, Indicator, IndicatorRun
from parvis.observatory.selectors.indicators import fmt, territory_value
from parvis.territory.hierarchy import up
from parvis.territory.selectors import Territory, home_territory


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


def territory_key_figures(sender, territory, user=None, **kwargs) -> dict:
    """Receiver of ``territory_page_requested``: the territory's public key figures."""
    return {"indicators": key_figures(territory)}


def key_figures_version(sender, **kwargs) -> str:
    """Receiver of ``territory_page_version``: changes whenever ``key_figures`` may (indicators, their current
    runs, dashboards and their cards, the home territory), read from the database in one query."""
    stamp = data_stamp(
        (Indicator, "count(*)", ""),
        (Indicator, "max(updated_at)", ""),
        (IndicatorRun, "count(*)", "is_current"),
        (IndicatorRun, "sum(id)", "is_current"),
        (Dashboard, "count(*)", ""),
        (Dashboard, "max(updated_at)", ""),
        (DashboardCard, "count(*)", ""),
        (DashboardCard, "sum(id)", ""),
    )
    return f"{stamp}:{instance_settings().home_territory}"


def claiming_organisation(user, territory):
    """The organisation for which ``user`` may create the territory's first dashboard: one they manage whose
    own territory is this one or contains it (any organisation for an instance administrator)."""
    keys = {f"{t.kind}:{t.code}" for t in [territory, *up(territory)]}
    managed = accounts.organisations_for(user, Role.GESTIONNAIRE).order_by("pk")
    own = managed.filter(territory_code__in=keys).first()
    return own or (managed.first() if policy.is_admin(user) else None)
