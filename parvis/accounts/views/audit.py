"""The audit log of the instance (administrator) and of each organisation (its gestionnaire): French labels,
filters by who, what, when and organisation, pages of 100 entries, CSV export of the filtered entries."""

import csv

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


class _Echo:
    def write(self, value):
        return value


def _csv(request, organisation):
    _form, events = _filtered(request, organisation)
    writer = csv.writer(_Echo(), delimiter=";")

    def rows():
        yield "\ufeff" + writer.writerow(CSV_HEADER)
        for event in events.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    safe_cell(value)
                    for value in (
                        timezone.localtime(event.created_at).strftime("%d/%m/%Y %H:%M:%S"),
                        event.actor_label,
                        audit_labels.label(event.action),
                        event.action,
                        event.target_label,
                        event.organisation.name if event.organisation else "",
                        event.ip_address or "",
                        event.details or "",
                    )
                ]
            )

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
