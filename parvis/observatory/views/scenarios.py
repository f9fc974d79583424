"""Saved IFN weighting scenarios: save (agents of an organisation), delete, export as CSV or JSON."""

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parvis.accounts import selectors as accounts
from parvis.accounts.decorators import require
from parvis.accounts.roles import EDITOR_ROLES
from parvis.observatory.forms import IfnScenarioForm, weights_from
from parvis.observatory.lib import ifn
from parvis.observatory.selectors import communes_in, ifn_index_rows, ifn_scenario
from parvis.observatory.services.scenarios import ScenarioError, delete_ifn_scenario, save_ifn_scenario
from parvis.observatory.views.public import territory_pick

WEIGHT_COLUMNS = [f"poids_{c}" for c in ifn.COMPONENTS]
EXPORT_COLUMNS = [
    "code",
    "nom",
    *ifn.COMPONENTS,
    *WEIGHT_COLUMNS,
    "ifn_officiel",
    "ifn_pondere",
    "notes_utilisees",
    "complet",
]


def _scenario(request, slug, **_kwargs):
    scenario = ifn_scenario(slug)
    if scenario is None:
        raise Http404
    return scenario


@require_http_methods(["GET", "POST"])
@require("observatory.add_ifn_scenario")
def scenario_create(request):
    organisations = accounts.organisations_for(request.user, *EDITOR_ROLES)
    initial = {c: request.GET.get(c) for c in ifn.COMPONENTS if request.GET.get(c)}
    form = IfnScenarioForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            scenario = save_ifn_scenario(
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                weights=form.weights(),
                request=request,
            )
        except ScenarioError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Scénario « %(name)s » enregistré.") % {"name": scenario.name})
            return redirect(scenario)
    return render(request, "observatory/scenario_form.html", {"form": form})


@require_http_methods(["POST"])
@require("observatory.delete_ifn_scenario", get_object=_scenario)
def scenario_delete(request, slug):
    scenario = request.permission_object
    delete_ifn_scenario(actor=request.user, scenario=scenario, request=request)
    messages.success(request, _("Scénario « %(name)s » supprimé.") % {"name": scenario.name})
    return redirect("observatory:ifn")


@require("observatory.view_ifn", get_object=_scenario)
def scenario_export(request, slug, fmt):
    """The weights of a saved scenario and the resulting index of every commune (or of ``territoire``)."""
    scenario = request.permission_object
    meta = {
        "nom": scenario.name,
        "organisation": scenario.organisation.name,
        "description": scenario.description,
    }
    return _export(request, fmt, scenario.weights, meta, f"ifn-{scenario.slug}")


@require("observatory.view_ifn")
def weights_export(request, fmt):
    """The same export for the weights typed on the IFN page, without saving them."""
    weights, form = weights_from(request.GET)
    if form.errors:
        return HttpResponse(
            " ".join(str(e) for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    return _export(request, fmt, weights, {"nom": _("poids choisis sur la page")}, "ifn-poids-choisis")


def _export(request, fmt, weights, meta, filename):
    if fmt not in ("csv", "json"):
        raise Http404
    territory = territory_pick(request).territory if request.GET.get("territoire") else None
    rows = ifn_index_rows(weights, communes_in(territory) if territory else None)
    if fmt == "json":
        meta = {
            **meta,
            "poids": weights,
            "territoire": f"{territory.kind}:{territory.code}" if territory else None,
            "methode": "IFN = somme(poids × note) / somme des poids des notes présentes (notes de 1 à 10)",
            "source": "La MedNum / ANCT, indice de fragilité numérique 2023",
        }
        response = JsonResponse(
            {"scenario": meta, "communes": rows}, json_dumps_params={"ensure_ascii": False}
        )
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS)
        writer.writeheader()
        columns = {f"poids_{c}": weights.get(c) for c in ifn.COMPONENTS}
        writer.writerows({**row, **columns, "complet": "oui" if row["complet"] else "non"} for row in rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
