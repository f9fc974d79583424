"""Territory pages: search, detail with map and hierarchy, SVG download, custom territories."""

import hashlib
from pathlib import Path

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parvis.accounts import policy
from parvis.accounts import selectors as accounts
from parvis.accounts.decorators import require
from parvis.accounts.roles import EDITOR_ROLES
from parvis.territory import hierarchy
from parvis.territory.forms import CustomTerritoryForm, SearchForm
from parvis.territory.maps import france_communes_svg, france_coverage, render_overview_svg, territory_map
from parvis.territory.models import Kind, Territory
from parvis.territory.selectors import communes_of, home_territory, search
from parvis.territory.services import delete_custom_territory, save_custom_territory


def _territory(request, kind, code):
    if kind not in Kind.values:
        raise Http404
    return get_object_or_404(Territory, kind=kind, code=code)


@require("territory.view_territory")
def index(request):
    form = SearchForm(request.GET or None)
    results = search(form.cleaned_data["q"]) if form.is_valid() else None
    context = {
        "form": form,
        "results": results,
        "home": home_territory(),
        "regions": Territory.objects.filter(kind=Kind.REGION).order_by("name"),
        "departements": Territory.objects.filter(kind=Kind.DEPARTEMENT).order_by("code"),
        "overview": render_overview_svg() if results is None else "",
        "custom": Territory.objects.filter(kind=Kind.CUSTOM).order_by("name")[:50],
        "can_add": policy.can(request.user, "territory.add_custom"),
    }
    return render(request, "territory/index.html", context)


@require("territory.view_territory", get_object=_territory)
def detail(request, kind, code):
    territory = request.permission_object
    if request.user.is_authenticated:  # links to edit, datasets shared with the visitor's organisations
        body = _detail_body(request, territory)
    else:  # the same for every anonymous visitor: kept in the shared cache until the data changes
        version = f"{hierarchy.page_version()}|{get_language()}|{_BODY_STAMP}"
        key = f"territory-page:{kind}:{code}:" + hashlib.sha256(version.encode()).hexdigest()
        body = cache.get(key)
        if body is None:
            body = _detail_body(request, territory)
            cache.set(key, body, PAGE_CACHE_SECONDS)
    return render(request, "territory/detail.html", {"territory": territory, "body": mark_safe(body)})  # noqa: S308


# The page body of anonymous visitors stays in the shared cache under the version of its data, at most this
# long (a deployment that changes how figures are written shows within that time).
PAGE_CACHE_SECONDS = 600
_BODY_STAMP = hashlib.sha256(
    (Path(__file__).parent.parent / "templates" / "territory" / "detail_body.html").read_bytes()
).hexdigest()[:12]


def _detail_body(request, territory) -> str:
    is_region = territory.kind == Kind.REGION
    communes = (
        [] if is_region else list(communes_of(territory).only("code", "name", "population", "postcodes"))
    )
    context = {
        "territory": territory,
        "communes": communes,
        "commune_count": communes_of(territory).count() if is_region else len(communes),
        "up": hierarchy.up(territory),
        "down": hierarchy.down(territory),
        "map_svg": territory_map(territory),
        "related": hierarchy.related(territory, request.user),
        "can_change": territory.kind == Kind.CUSTOM
        and policy.can(request.user, "territory.change_custom", territory),
        "can_delete": territory.kind == Kind.CUSTOM
        and policy.can(request.user, "territory.delete_custom", territory),
    }
    return render_to_string("territory/detail_body.html", context, request)


@require("territory.view_territory", get_object=_territory)
def map_svg(request, kind, code):
    svg = territory_map(request.permission_object)
    if not svg:
        raise Http404
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="carte-{kind}-{code}.svg"'
    return response


@require("territory.view_territory")
def france_map(request):
    return render(
        request, "territory/france.html", {"map_svg": france_communes_svg(), "cover": france_coverage()}
    )


def _organisations(user):
    return accounts.organisations_for(user, *EDITOR_ROLES)


def _custom(request, code=None):
    return get_object_or_404(Territory, kind=Kind.CUSTOM, code=code)


@require_http_methods(["GET", "POST"])
@require("territory.add_custom")
def custom_create(request):
    return _custom_form(request, None)


@require_http_methods(["GET", "POST"])
@require("territory.change_custom", get_object=_custom)
def custom_edit(request, code):
    return _custom_form(request, request.permission_object)


def _custom_form(request, territory):
    organisations = _organisations(request.user)
    initial = {}
    if territory is not None:
        organisations = organisations.filter(pk=territory.organisation_id)
        initial = {
            "organisation": territory.organisation,
            "name": territory.name,
            "description": territory.description,
            "communes": "\n".join(territory.members.order_by("code").values_list("code", flat=True)),
        }
    form = CustomTerritoryForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        if not policy.can(request.user, "territory.add_custom", organisation):
            raise Http404
        saved = save_custom_territory(
            actor=request.user,
            organisation=organisation,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            communes=form.cleaned_communes,
            territory=territory,
            request=request,
        )
        messages.success(request, _("Territoire « %(name)s » enregistré.") % {"name": saved.name})
        return redirect(saved)
    return render(request, "territory/custom_form.html", {"form": form, "territory": territory})


@require_http_methods(["POST"])
@require("territory.delete_custom", get_object=_custom)
def custom_delete(request, code):
    territory = request.permission_object
    delete_custom_territory(actor=request.user, territory=territory, request=request)
    messages.success(request, _("Territoire « %(name)s » supprimé.") % {"name": territory.name})
    return redirect("territory:index")
