"""Resource pages: upload a file (new resource or new version), follow the import, preview the
data with its column statistics and validation report, browse versions, roll back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parvis.accounts import policy
from parvis.catalog import exports, query, reports, schemas, selectors, services
from parvis.catalog.diff import compare
from parvis.catalog.forms import DiffForm, ImportForm, ResourceForm
from parvis.catalog.lib.schema_text import as_schema_writes, value_as_schema_writes
from parvis.catalog.lib.tableschema import TYPE_LABELS, load_schema
from parvis.catalog.models import ImportJob, VersionStatus
from parvis.catalog.views.common import editable_dataset, resource_of, version_of, visible_dataset
from parvis.core import uploads
from parvis.core.lib import lazy
from parvis.core.ratelimit import hit, too_many_requests

if TYPE_CHECKING:
    import pyarrow as pa
else:
    pa = lazy.module("pyarrow")

# Eight rows, and the statistics of a table wider than INLINE_COLUMNS on a page of their own, keep the resource
# page of a wide table within EcoIndex A (« Lignes suivantes » pages on).
PREVIEW_ROWS = 8
INLINE_COLUMNS = 8


def _import_form(request, form_class, **kwargs):
    """Bind an import form, refusing (413) uploads that went past the size limit (nothing stored)."""
    form = form_class(request.POST, request.FILES, **kwargs)
    if uploads.too_large(request):
        return None, uploads.refusal(request)
    return form, None


@login_required
def resource_new(request, slug):
    ds = editable_dataset(request, slug)
    if request.method == "POST":
        if not hit(request, "catalog-import", 60, 3600):
            return too_many_requests(request, 3600)
        form, refused = _import_form(request, ResourceForm, schema_choices=schemas.catalogue_choices())
        if refused:
            return refused
        if form.is_valid():
            schema_id = form.cleaned_data["schema_catalogue"]
            resource = services.create_resource(
                dataset=ds,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                schema=schemas.from_catalogue(schema_id) if schema_id else None,
                schema_source=schema_id,
            )
            return _start_import(request, resource, form)
    else:
        form = ResourceForm(schema_choices=schemas.catalogue_choices())
    return render(request, "catalog/import_form.html", {"form": form, "dataset": ds, "resource": None})


def _start_import(request, resource, form):
    """Queues the import of the file or URL given in a validated upload form; shows the new version."""
    version = services.start_import(
        resource=resource,
        actor=request.user,
        upload=form.cleaned_data["file"],
        url=form.cleaned_data["url"] or "",
        options=form.options(),
        request=request,
    )
    return redirect(version.get_absolute_url())


@login_required
def resource_import(request, slug, resource):
    ds = editable_dataset(request, slug)
    res = resource_of(ds, resource)
    if request.method == "POST":
        if not hit(request, "catalog-import", 60, 3600):
            return too_many_requests(request, 3600)
        form, refused = _import_form(request, ImportForm)
        if refused:
            return refused
        if form.is_valid():
            return _start_import(request, res, form)
    else:
        form = ImportForm()
    return render(request, "catalog/import_form.html", {"form": form, "dataset": ds, "resource": res})


@login_required
@require_POST
def reimport(request, slug, resource, number):
    """Import the stored source of a version again (another sheet, or against a new schema)."""
    ds = editable_dataset(request, slug)
    res = resource_of(ds, resource)
    job = ImportJob.objects.filter(version=version_of(res, number)).first()
    if job is None or not job.stored_file:
        messages.error(
            request, _("Le fichier source de cette version n'est plus disponible : envoyez-le à nouveau.")
        )
        return redirect(res)
    options = {k: v for k, v in job.options.items() if k != "sheet"}
    if request.POST.get("sheet"):
        options["sheet"] = request.POST["sheet"][:100]
    if request.POST.get("publish_invalid"):
        options["publish_invalid"] = True
    version = services.start_import(
        resource=res,
        actor=request.user,
        stored_file=job.stored_file,
        source_name=job.version.source_name,
        options=options,
        request=request,
    )
    return redirect(version.get_absolute_url())


def resource_detail(request, slug, resource):
    ds = visible_dataset(request, slug)
    res = resource_of(ds, resource)
    version = selectors.current_version(res) or res.versions.first()
    return _version_page(request, ds, res, version)


def version_detail(request, slug, resource, number):
    ds = visible_dataset(request, slug)
    res = resource_of(ds, resource)
    return _version_page(request, ds, res, version_of(res, number))


def _version_page(request, ds, res, version):
    if services.expire_stale_imports(resource=res) and version is not None:
        version.refresh_from_db()
    context = {
        "dataset": ds,
        "resource": res,
        "version": version,
        "versions": res.versions.all()[:50],
        "can_change": policy.can(request.user, "catalog.change_dataset", ds),
        "latest": res.versions.first(),
        "can_review": policy.can(request.user, "catalog.review_correction", ds),
    }
    if context["can_review"]:
        context["pending_corrections"] = selectors.pending_corrections(res).count()
    if version is not None and version.is_ready:
        context.update(_preview(request, version))
        context["report"] = reports.page(version, request.GET.get("erreurs", "1"))
        summary = version.report_summary or {}
        labels = summary.get("labels", {})
        context["summary_rows"] = [
            (code, labels.get(code, code), n) for code, n in summary.get("by_type", {}).items()
        ]
        context["sheets"] = version.source_meta.get("sheets") or []
    return render(request, "catalog/resource.html", context)


PREVIEW_CELL_CHARS = 1000
PAGE_ONLY = ("_size", "_offset", "_facet", "_group", "_agg", "_col", "_version", "erreurs", "format")


def _preview(request, version) -> dict:
    """First rows of the version under the page's search, sort and column filters (``col__op=value``)."""
    path = selectors.version_path(version)
    params = request.GET.copy()
    for key in [k for k in params if k in PAGE_ONLY]:
        params.pop(key)
    view = params.copy()
    view.pop("_cursor", None)
    params["_size"] = str(PREVIEW_ROWS)
    try:
        spec = query.parse(params, query.schema_of(path))
        page = query.rows(path, spec, selectors.limits())
    except query.QueryError as exc:
        return {"query_error": exc.message_fr, "columns": _columns(version), "inline_columns": INLINE_COLUMNS}
    next_params = view.copy()
    next_params["_cursor"] = page.next_cursor or ""
    try:
        facets = _facets(request, path, params, view)
    except query.QueryError as exc:
        return {"query_error": exc.message_fr, "columns": _columns(version), "inline_columns": INLINE_COLUMNS}
    return {
        "facets": facets,
        "facet_columns": [f["column"] for f in facets],
        "facet_size": request.GET.get("_facet_size", ""),
        "columns": _columns(version),
        "inline_columns": INLINE_COLUMNS,
        "rows": [  # (line as people count it, for the « signaler une erreur » link; cells)
            (rowid + 1, [_shortened(v) for v in r.values()])
            for rowid, r in zip(page.rowids, _as_schema_writes(page.table, version).to_pylist(), strict=True)
        ],
        "headers": page.table.column_names,
        "total": page.total,
        "next_cursor": page.next_cursor,
        "next_query": next_params.urlencode(),
        "q": spec.q,
        "sort": request.GET.get("_sort", ""),
        "filters": spec.filters,
        "geo": exports.geo_columns(query.schema_of(path)) is not None,
        "export_query": view.urlencode(),
        "hidden_params": [(k, v) for k, values in view.lists() if k not in ("_q", "_sort") for v in values],
    }


def _facets(request, path, params, view) -> list[dict]:
    """The value counts of the columns asked with ``_facet`` under the page's filters, each value a link
    that filters on it, with the number of distinct values when the list is cut (« 30 valeurs sur 502 »)."""
    columns = request.GET.getlist("_facet")
    if not columns:
        return []
    asked = params.copy()
    asked.setlist("_facet", columns)
    asked["_facet_size"] = request.GET.get("_facet_size", "")
    spec = query.parse(asked, query.schema_of(path))
    shown = []
    for column, facet in query.facets(path, spec, selectors.limits()).items():
        values = []
        for value, count in facet.values:
            link = view.copy()
            link.setlist("_facet", columns)
            if value is None:
                link[f"{column}__isnull"] = "1"
            else:
                link[column] = str(value)
            values.append({"value": value, "count": count, "href": "?" + link.urlencode() + "#apercu"})
        more = view.copy()
        more.setlist("_facet", columns)
        more["_facet_size"] = str(min(facet.distinct, query.MAX_FACET_SIZE))
        shown.append(
            {
                "column": column,
                "values": values,
                "distinct": facet.distinct,
                "truncated": facet.truncated,
                "more": "?" + more.urlencode() + "#facettes" if facet.truncated else "",
            }
        )
    return shown


def _shortened(value):
    """A cell as the preview shows it: a huge text (a 50 MB cell) is cut, the export keeps it whole."""
    if isinstance(value, str) and len(value) > PREVIEW_CELL_CHARS:
        return value[:PREVIEW_CELL_CHARS] + "…"
    return value


def _columns(version) -> list[dict]:
    """The column statistics, each type named in French, minimum and maximum as the schema writes them."""
    schema = load_schema(version.schema) if version.schema else None
    columns = []
    for c in version.columns:
        field = schema.get_field(c.get("name")) if schema else None
        written = {k: value_as_schema_writes(c.get(k), field) for k in ("min", "max")}
        columns.append({**c, **written, "type_label": _(TYPE_LABELS.get(c.get("type"), c.get("type") or ""))})
    return columns


def version_columns(request, slug, resource, number):
    """Types and statistics of every column of a version (their own page for wide tables)."""
    ds = visible_dataset(request, slug)
    res = resource_of(ds, resource)
    version = version_of(res, number)
    if not version.is_ready:
        raise Http404
    return render(
        request,
        "catalog/columns.html",
        {"dataset": ds, "resource": res, "version": version, "columns": _columns(version)},
    )


def _as_schema_writes(table: pa.Table, version) -> pa.Table:
    """Preview cells as the version's schema writes them (« oui », « 31/01/2024 », no float noise)."""
    if not version.schema or not table.num_rows:
        return table
    batch = as_schema_writes(table.combine_chunks().to_batches()[0], load_schema(version.schema))
    return pa.Table.from_batches([batch])


def errors_csv(request, slug, resource, number):
    ds = visible_dataset(request, slug)
    version = version_of(resource_of(ds, resource), number)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rapport-{ds.slug}-{resource}-v{number}.csv"'
    reports.write_csv(version, response)
    return response


@login_required
@require_POST
def make_current(request, slug, resource, number):
    ds = editable_dataset(request, slug)
    version = version_of(resource_of(ds, resource), number)
    if version.status != VersionStatus.READY:
        messages.error(request, _("Seule une version importée avec succès peut devenir la version en ligne."))
    else:
        services.make_current(version=version, actor=request.user, request=request)
        messages.success(
            request, _("La version {n} est maintenant la version en ligne.").format(n=version.number)
        )
    return redirect(version.resource)


def diff(request, slug, resource, number):
    """Compare version ``number`` with an older one (``?depuis=N``, default: the previous ready one)."""

    ds = visible_dataset(request, slug)
    res = resource_of(ds, resource)
    new = version_of(res, number)
    ready = res.versions.filter(status=VersionStatus.READY)
    since = DiffForm(request.GET)
    if since.is_valid() and since.cleaned_data["depuis"]:
        old = ready.filter(number=since.cleaned_data["depuis"]).first()
    else:
        old = ready.filter(number__lt=new.number).first()
    result, error = None, None
    if old and new.is_ready:
        try:
            result = compare(old, new)
        except query.QueryError as exc:
            error = exc.message_fr
    return render(
        request,
        "catalog/diff.html",
        {
            "dataset": ds,
            "resource": res,
            "version": new,
            "old": old,
            "diff": result,
            "diff_error": error,
            "choices": ready.exclude(pk=new.pk),
        },
    )
