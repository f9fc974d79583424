"""Observatory pages: index, indicator creation/edition, indicator page with map, ranking and exports."""

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parvis.accounts import policy
from parvis.accounts import selectors as accounts
from parvis.accounts.decorators import require
from parvis.accounts.roles import EDITOR_ROLES
from parvis.catalog import selectors as catalog
from parvis.observatory import selectors
from parvis.observatory.forms import IndicatorForm, ResourceChoiceForm
from parvis.observatory.models import Indicator
from parvis.observatory.selectors import (
    current_run,
    group_ranking,
    indicator_view,
    values_frame,
    visible_indicators,
)
from parvis.observatory.services import IndicatorError, delete_indicator, refresh_if_stale, save_indicator
from parvis.observatory.views import figures
from parvis.territory import selectors as territories
from parvis.territory.selectors import home_territory


def territory_pick(request) -> territories.Pick:
    """The territory typed in the picker (a name, a postcode, or a choice link), the home one by default."""
    return territories.pick(request.GET.get("territoire", ""), default=home_territory())


def chosen_territory(request) -> "territories.Territory | None":
    return territory_pick(request).territory


def _indicator(request, slug, **_kwargs):
    return get_object_or_404(Indicator.objects.select_related("organisation", "resource"), slug=slug)


def index(request):
    return render(
        request,
        "observatory/index.html",
        {
            "indicators": visible_indicators(request.user),
            "home": home_territory(),
            "can_add": policy.can(request.user, "observatory.add_indicator"),
        },
    )


def _editable_resources(user):
    orgs = policy.organisation_ids(user, *EDITOR_ROLES)
    datasets = catalog.visible_datasets(user)
    if not policy.is_admin(user):
        datasets = datasets.filter(organisation__in=orgs)
    resources = []
    for dataset in datasets.prefetch_related("resources"):
        resources += [r for r in dataset.resources.all() if catalog.current_version(r) is not None]
    return resources


def _public(dataset) -> bool:
    return catalog.is_public_dataset(dataset)


@require_http_methods(["GET", "POST"])
@require("observatory.add_indicator")
def indicator_create(request):
    resources = _editable_resources(request.user)
    picked = ResourceChoiceForm(request.GET if "resource" in request.GET else None, resources=resources)
    if not picked.is_valid():
        return render(
            request, "observatory/indicator_resource.html", {"form": picked, "resources": resources}
        )
    resource = next(r for r in resources if str(r.pk) == picked.cleaned_data["resource"])
    return _indicator_form(request, Indicator(resource=resource, created_by=request.user))


@require_http_methods(["GET", "POST"])
@require("observatory.change_indicator", get_object=_indicator)
def indicator_edit(request, slug):
    return _indicator_form(request, request.permission_object)


def _indicator_form(request, indicator):
    version = catalog.current_version(indicator.resource)
    columns = [c["name"] if isinstance(c, dict) else str(c) for c in (version.columns if version else [])]
    organisations = accounts.organisations_for(request.user, *EDITOR_ROLES)
    form = IndicatorForm(
        request.POST or None,
        instance=indicator,
        columns=columns,
        organisations=organisations,
        public_allowed=_public(indicator.resource.dataset),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_indicator(actor=request.user, indicator=form.save(commit=False), request=request)
        except IndicatorError as error:
            form.add_error(None, str(error))
            if indicator.pk is None:
                indicator.pk = None
        else:
            messages.success(
                request, _("Indicateur « %(title)s » calculé et enregistré.") % {"title": saved.title}
            )
            return redirect(saved)
    return render(
        request,
        "observatory/indicator_form.html",
        {"form": form, "indicator": indicator, "resource": indicator.resource},
    )


@require("observatory.view_indicator", get_object=_indicator, hide=True)
def indicator_detail(request, slug):
    indicator = request.permission_object
    refresh_if_stale(indicator)
    picked = territory_pick(request)
    territory = picked.territory
    view = indicator_view(indicator, territory) if territory and current_run(indicator) else {}
    bars, evolution = {}, {}
    if view:
        if territory.kind == "commune":
            group, ranking = group_ranking(indicator, territory)
            if group is not None:
                bars = figures.ranking_bars(indicator, ranking, group, highlight=territory.code)
        else:
            bars = figures.ranking_bars(indicator, view["ranking"], territory)
        evolution = figures.evolution_chart(
            indicator, selectors.evolution(indicator, territory, request.user), territory
        )
    return render(
        request,
        "observatory/indicator.html",
        {
            "indicator": indicator,
            "territory": territory,
            "picked": picked,
            "view": view,
            "bars": bars,
            "evolution": evolution,
            "history": indicator.runs.all()[:20],
            "can_change": policy.can(request.user, "observatory.change_indicator", indicator),
            "can_delete": policy.can(request.user, "observatory.delete_indicator", indicator),
        },
    )


@require_http_methods(["POST"])
@require("observatory.delete_indicator", get_object=_indicator)
def indicator_delete(request, slug):
    delete_indicator(actor=request.user, indicator=request.permission_object, request=request)
    messages.success(request, _("Indicateur supprimé."))
    return redirect("observatory:index")


@require("observatory.view_indicator", get_object=_indicator, hide=True)
def indicator_export(request, slug, fmt):
    if fmt not in ("csv", "json", "svg"):
        raise Http404
    indicator = request.permission_object
    run = current_run(indicator)
    if run is None:
        raise Http404
    if fmt == "svg":
        territory = chosen_territory(request)
        svg = indicator_view(indicator, territory)["svg"] if territory else ""
        response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    else:
        frame = values_frame(run)
        names = territories.names_of(indicator.level, frame["code"].to_list())
        rows = [
            {
                "code": r["code"],
                "nom": names.get(r["code"], ""),
                "valeur": r["value"],
                "numerateur": r["numerator"],
                "denominateur": r["denominator"],
                "lignes_source": r["rows"],
            }
            for r in frame.iter_rows(named=True)
        ]
        if fmt == "json":
            meta = {
                "titre": indicator.title,
                "annee": indicator.year,
                "unite": indicator.unit,
                "source": indicator.source,
                "agregation": indicator.aggregation,
                "niveau": indicator.level,
                "version_ressource": run.version_number,
                "calcule_le": run.computed_at.isoformat(),
                "lignes_non_rapprochees": run.unmatched_count,
            }
            return JsonResponse(
                {"indicateur": meta, "valeurs": rows}, json_dumps_params={"ensure_ascii": False}
            )
        buffer = io.StringIO()
        writer = csv.DictWriter(
            buffer, fieldnames=["code", "nom", "valeur", "numerateur", "denominateur", "lignes_source"]
        )
        writer.writeheader()
        writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{indicator.slug}.{fmt}"'
    return response
