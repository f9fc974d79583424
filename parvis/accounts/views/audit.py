"""The audit log of the instance (administrator) and of each organisation (its gestionnaire): French labels,
filters by who, what, when and organisation, pages of 100 entries, CSV export of the filtered entries."""

import csv
import io

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from parvis.accounts import audit_labels, selectors
from parvis.accounts.admin_forms import AuditFilterForm
from parvis.accounts.decorators import require
from parvis.accounts.models import Organisation
from parvis.core.lib.csvcells import safe_cell

CSV_HEADER = ["Date", "Qui", "Action", "Clé de l'action", "Objet", "Organisation", "Adresse IP", "Détails"]


def _organisation(request, slug, **_):
    return get_object_or_404(Organisation, slug=slug)


def _filtered(request, organisation):
    form = AuditFilterForm(
        request.GET or None, organisations=None if organisation else selectors.organisations()
    )
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {key: value for key, value in form.cleaned_data.items() if value}
    filters.setdefault("organisation", organisation)
    return form, selectors.audit_events(**filters)


def _render(request, organisation):
    form, events = _filtered(request, organisation)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    for event in page:
        event.label = audit_labels.label(event.action)
    return render(
        request,
        "accounts/audit_log.html",
        {"form": form, "page": page, "organisation": organisation},
        status=400 if form.errors else 200,
    )


CSV_COLUMNS = (
    "created_at",
    "actor_label",
    "action",
    "action",
    "target_label",
    "organisation__name",
    "ip_address",
)


def _csv(request, organisation):
    """Streams the filtered entries, 2,000 rows a chunk, read as tuples (no model instance per row)."""
    _form, events = _filtered(request, organisation)
    labels = {key: str(text) for key, text in audit_labels.LABELS.items()}
    zone = timezone.get_current_timezone()

    def rows():
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        buffer.write("\ufeff")
        writer.writerow(CSV_HEADER)
        rows = events.values_list(*CSV_COLUMNS, "details").iterator(chunk_size=2000)
        for count, (created, who, action, key, target, org, ip, details) in enumerate(rows, 1):
            writer.writerow(
                [
                    created.astimezone(zone).strftime("%d/%m/%Y %H:%M:%S"),
                    safe_cell(who),
                    labels.get(action, action),
                    key,
                    safe_cell(target),
                    safe_cell(org or ""),
                    ip or "",
                    safe_cell(details or ""),
                ]
            )
            if count % 2000 == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    name = f"journal-{organisation.slug if organisation else 'instance'}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require("accounts.manage_instance")
def audit_log(request):
    return _render(request, None)


@require("accounts.manage_instance")
def audit_log_csv(request):
    return _csv(request, None)


@require("accounts.view_audit_log", get_object=_organisation)
def organisation_audit_log(request, slug):
    return _render(request, request.permission_object)


@require("accounts.view_audit_log", get_object=_organisation)
def organisation_audit_log_csv(request, slug):
    return _csv(request, request.permission_object)
