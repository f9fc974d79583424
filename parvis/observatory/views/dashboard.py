"""Dashboards per territory (public, printable, embeddable) and the IFN page."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_http_methods

from parvis.accounts import policy
from parvis.accounts.decorators import require
from parvis.observatory.forms import DashboardForm, weights_from
from parvis.observatory.lib import ifn as ifn_lib
from parvis.observatory.selectors import (
    claiming_organisation,
    current_run,
    fmt,
    ifn_scenario,
    ifn_scenarios,
    indicator_view,
    territory_value,
    visible_indicators,
)
from parvis.observatory.services import refresh_if_stale, save_dashboard
from parvis.observatory.views import ifn as ifn_page
from parvis.observatory.views.public import territory_pick
from parvis.territory.maps import render_map_svg
from parvis.territory.selectors import get_territory

EMBED_CSP = {
    "default-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "script-src": ["'none'"],
    "frame-ancestors": ["*"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}


def _territory(request, kind, code):
    territory = get_territory(kind, code)
    if territory is None:
        raise Http404
    return territory


def _cards(request, territory, small_maps=True):
    dashboard = getattr(territory, "dashboard", None)
    if dashboard is None:
        return []
    cards = []
    for card in dashboard.cards.select_related("indicator", "indicator__organisation"):
        indicator = card.indicator
        if not policy.can(request.user, "observatory.view_indicator", indicator):
            continue
        refresh_if_stale(indicator)
        runs = list(indicator.runs.all()[:2])
        if not runs:
            continue
        value = territory_value(indicator, territory, runs[0])
        previous = territory_value(indicator, territory, runs[1]) if len(runs) > 1 else None
        view = (
            indicator_view(indicator, territory, svg_id=f"carte-{indicator.pk}", svg_legend=False)
            if small_maps
            else {}
        )
        trend = None if previous is None or value is None else value - previous
        cards.append(
            {
                "indicator": indicator,
                "value": fmt(value, indicator.unit),
                "view": view,
                "trend": trend,
                "trend_label": fmt(abs(trend), indicator.unit) if trend else "",
                "previous_version": runs[1].version_number if len(runs) > 1 else None,
            }
        )
    return cards


@require("observatory.view_dashboard", get_object=_territory)
def dashboard(request, kind, code):
    territory = request.permission_object
    return render(
        request,
        "observatory/dashboard.html",
        {
            "territory": territory,
            "cards": _cards(request, territory),
            "can_edit": policy.can(request.user, "observatory.change_dashboard", territory),
            "embed_url": request.build_absolute_uri(f"/observatoire/tableau/{kind}/{code}/integrer/"),
        },
    )


@xframe_options_exempt
@csp_override(EMBED_CSP)
@require("observatory.view_dashboard", get_object=_territory)
def dashboard_embed(request, kind, code):
    territory = request.permission_object
    return render(
        request,
        "observatory/embed.html",
        {"territory": territory, "cards": _cards(request, territory, False)},
    )


@require_http_methods(["GET", "POST"])
@require("observatory.change_dashboard", get_object=_territory)
def dashboard_edit(request, kind, code):
    territory = request.permission_object
    dashboard = getattr(territory, "dashboard", None)
    current = list(dashboard.cards.values_list("indicator_id", flat=True)) if dashboard else []
    available = [i for i in visible_indicators(request.user) if current_run(i) is not None]
    form = DashboardForm(request.POST or None, available=available, current=current)
    if request.method == "POST" and form.is_valid():
        organisation = dashboard.organisation if dashboard else claiming_organisation(request.user, territory)
        if organisation is None:
            raise Http404
        save_dashboard(
            actor=request.user,
            territory=territory,
            organisation=organisation,
            indicator_ids=form.chosen(),
            request=request,
        )
        messages.success(request, _("Tableau de bord enregistré."))
        return redirect("observatory:dashboard", kind, code)
    return render(request, "observatory/dashboard_form.html", {"form": form, "territory": territory})


@require("observatory.view_ifn")
def ifn(request):
    picked = territory_pick(request)
    territory = picked.territory
    scenario = ifn_scenario(request.GET.get("scenario", "")) if request.GET.get("scenario") else None
    params = request.GET
    if scenario is not None and not any(c in request.GET for c in ifn_lib.COMPONENTS):
        params = {c: str(w) for c, w in scenario.weights.items()}
    weights, form = weights_from(params)
    context = ifn_page.build(territory, weights) if territory else {"missing": True}
    context.update(
        {
            "scenario": scenario,
            "scenario_missing": bool(request.GET.get("scenario")) and scenario is None,
            "scenarios": [
                (s, policy.can(request.user, "observatory.delete_ifn_scenario", s)) for s in ifn_scenarios()
            ],
            "can_save_scenario": policy.can(request.user, "observatory.add_ifn_scenario"),
            "weights_query": urlencode(weights),
            "territory": territory,
            "picked": picked,
            "weights_form": form,
            "map_svg": render_map_svg(
                territory,
                values=context.get("map_values"),
                legend=context.get("legend", ()),
                legend_title=_("Indice de fragilité numérique (1 à 10)"),
                title=_("IFN — %(name)s") % {"name": territory.name},
            )
            if territory and context.get("map_values")
            else "",
        }
    )
    return render(request, "observatory/ifn.html", context)
