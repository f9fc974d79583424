"""Browse, create, edit and publish datasets."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parvis.accounts import policy
from parvis.accounts import selectors as accounts
from parvis.accounts.roles import EDITOR_ROLES
from parvis.catalog import selectors, services
from parvis.catalog.forms import DatasetForm, DatasetSearchForm
from parvis.catalog.models import Licence, Resource, ResourceVersion, Theme
from parvis.catalog.selectors import DatasetQuery
from parvis.catalog.views.common import editable_dataset, visible_dataset

FACET_PARAMS = {"keyword": "mot_cle", "licence": "licence", "organisation": "organisation", "theme": "theme"}


def _facet_links(request, facets: list[dict], active: dict) -> list[dict]:
    """Each facet value with the link that adds it to (or, when chosen, removes it from) the current search."""
    for facet in facets:
        param = FACET_PARAMS[facet["name"]]
        chosen = set(active.get(param) or ()) if param == "mot_cle" else {active.get(param)}
        for item in facet["values"]:
            params = request.GET.copy()
            params.pop("page", None)
            item["selected"] = item["value"] in chosen
            if item["selected"]:
                params.setlist(param, [v for v in params.getlist(param) if v != item["value"]])
            elif param == "mot_cle":
                params.appendlist(param, item["value"])
            else:
                params[param] = item["value"]
            item["href"] = "?" + params.urlencode()
        facet["param"] = param
    return facets


def index(request):
    form = DatasetSearchForm(request.GET or None)
    query = form.query() if request.GET else DatasetQuery()
    qs = selectors.search_datasets(request.user, query)
    if not query.q:
        qs = qs.order_by("-updated_at", "title")
    visible = selectors.visible_datasets(request.user).values("pk")
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    active = {
        "organisation": query.organisation,
        "theme": query.theme,
        "licence": query.licence,
        "territoire": query.territoire,
        "schema": query.schema,
        "format": query.format,
        "mot_cle": list(query.keywords),
    }
    facets = {
        "organisations": accounts.organisations()
        .filter(catalog_datasets__in=visible)
        .annotate(n=Count("catalog_datasets", filter=Q(catalog_datasets__in=visible), distinct=True))
        .order_by("name"),
        "themes": [(k, label) for k, label in Theme.choices],
        "licences": [(k, label) for k, label in Licence.choices],
        "schemas": _distinct(Resource.objects.filter(dataset__in=visible), "schema_source"),
        "formats": _distinct(ResourceVersion.objects.filter(resource__dataset__in=visible), "source_format"),
    }
    return render(
        request,
        "catalog/index.html",
        {
            "page": page,
            "q": query.q,
            "form": form,
            "active": active,
            "facets": facets,
            "counts": _facet_links(request, selectors.dataset_facets(qs), active),
            "total": page.paginator.count,
            "can_add": policy.can(request.user, "catalog.add_dataset"),
            "querystring": _querystring(request),
        },
    )


def _distinct(qs, field: str) -> list[str]:
    return sorted({v for v in qs.values_list(field, flat=True).distinct() if v and v != "inferred"})


def _querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def dataset(request, slug):
    ds = visible_dataset(request, slug)
    resources = []
    for resource in ds.resources.all():
        resources.append(
            {
                "resource": resource,
                "current": selectors.current_version(resource),
                "latest": resource.versions.first(),
            }
        )
    return render(
        request,
        "catalog/dataset.html",
        {
            "dataset": ds,
            "resources": resources,
            "can_change": policy.can(request.user, "catalog.change_dataset", ds),
            "can_publish": policy.can(request.user, "catalog.publish_dataset", ds),
        },
    )


def _editor_organisations(user):
    return accounts.organisations_for(user, *EDITOR_ROLES)


@login_required
def create(request):
    if not policy.can(request.user, "catalog.add_dataset"):
        raise PermissionDenied
    orgs = _editor_organisations(request.user)
    form = DatasetForm(request.POST or None, organisations=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.field_values()
        organisation = data.pop("organisation")
        if not policy.can(request.user, "catalog.add_dataset", organisation):
            raise PermissionDenied
        shared = data.pop("shared_with")
        ds = services.create_dataset(
            organisation=organisation, actor=request.user, shared_with=shared, request=request, **data
        )
        messages.success(request, _("Jeu de données créé. Ajoutez maintenant un fichier."))
        return redirect("catalog:resource_new", ds.slug)
    return render(request, "catalog/dataset_form.html", {"form": form, "dataset": None})


@login_required
def edit(request, slug):
    ds = editable_dataset(request, slug)
    form = DatasetForm(
        request.POST or None,
        instance=ds,
        organisations=accounts.organisations().filter(pk=ds.organisation_id),
    )
    if request.method == "POST" and form.is_valid():
        data = form.field_values()
        data.pop("organisation")
        services.update_dataset(dataset=ds, actor=request.user, request=request, **data)
        messages.success(request, _("Modifications enregistrées."))
        return redirect(ds)
    return render(request, "catalog/dataset_form.html", {"form": form, "dataset": ds})


@login_required
@require_POST
def publish(request, slug):
    ds = editable_dataset(request, slug, "catalog.publish_dataset")
    publish_it = request.POST.get("published") == "1"
    services.set_published(dataset=ds, published=publish_it, actor=request.user, request=request)
    messages.success(request, _("Jeu de données publié.") if publish_it else _("Jeu de données dépublié."))
    return redirect(ds)


@login_required
def delete(request, slug):
    ds = editable_dataset(request, slug, "catalog.delete_dataset")
    if request.method == "POST":
        services.delete_dataset(dataset=ds, actor=request.user, request=request)
        messages.success(request, _("Jeu de données supprimé."))
        return redirect("catalog:index")
    return render(request, "catalog/dataset_delete.html", {"dataset": ds})
