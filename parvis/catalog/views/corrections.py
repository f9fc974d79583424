"""« Signaler une erreur ou proposer une correction » on a row (anyone who can see the dataset), and the
review of the proposals by the owning organisation's editors (side by side, accept or refuse)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parvis.catalog import query, selectors
from parvis.catalog.forms import CorrectionForm
from parvis.catalog.models import CorrectionStatus, RowCorrection
from parvis.catalog.services.corrections import (
    CorrectionError,
    accept_correction,
    contributor_label,
    locate,
    refuse_correction,
    submit_correction,
)
from parvis.catalog.views.common import editable_dataset, resource_of, version_of, visible_dataset
from parvis.core.forms import RefusalForm
from parvis.core.ratelimit import hit, too_many_requests

# A person may send a few proposals an hour (per account, or per address without one).
PROPOSALS_PER_HOUR = 10


@require_http_methods(["GET", "POST"])
def propose(request, slug, resource, number, row):
    ds = visible_dataset(request, slug)
    res = resource_of(ds, resource)
    version = version_of(res, number)
    if not version.is_ready:
        raise Http404
    try:
        values = selectors.row_as_written(version, row - 1)
    except query.QueryError as exc:
        messages.error(request, exc.message_fr)
        return redirect(version.get_absolute_url())
    if values is None:
        raise Http404
    form = CorrectionForm(request.POST or None, row=values)
    if request.method == "POST":
        if not hit(request, "catalog-correction", PROPOSALS_PER_HOUR, 3600):
            return too_many_requests(request, 3600)
        if form.is_valid():
            try:
                submit_correction(
                    version=version,
                    row_number=row - 1,
                    proposed=form.proposed(),
                    comment=form.cleaned_data["comment"],
                    email=form.cleaned_data["email"],
                    user=request.user,
                    request=request,
                )
            except CorrectionError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("Merci ! Votre proposition a été transmise à {organisation}, qui l'examinera.").format(
                        organisation=ds.organisation.name
                    ),
                )
                return redirect(version.get_absolute_url())
    return render(
        request,
        "catalog/correction_form.html",
        {"dataset": ds, "resource": res, "version": version, "line": row, "form": form},
    )


@login_required
def review_list(request, slug, resource):
    ds = editable_dataset(request, slug, "catalog.review_correction")
    res = resource_of(ds, resource)
    return render(
        request,
        "catalog/corrections.html",
        {
            "dataset": ds,
            "resource": res,
            "pending": selectors.pending_corrections(res),
            "done": res.corrections.exclude(status=CorrectionStatus.PENDING).select_related(
                "version", "result_version"
            )[:50],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request, slug, resource, pk):
    ds = editable_dataset(request, slug, "catalog.review_correction")
    res = resource_of(ds, resource)
    correction = get_object_or_404(
        RowCorrection.objects.select_related("version", "author"), pk=pk, resource=res
    )
    refusal = RefusalForm(request.POST if request.POST.get("action") == "refuser" else None)
    if request.method == "POST" and correction.status == CorrectionStatus.PENDING:
        try:
            if request.POST.get("action") == "accepter":
                version = accept_correction(correction=correction, actor=request.user, request=request)
                if version is None:
                    messages.success(
                        request, _("Signalement marqué comme traité ; la personne est prévenue.")
                    )
                    return redirect("catalog:corrections", slug=ds.slug, resource=res.slug)
                messages.success(
                    request,
                    _(
                        "Correction acceptée : la version {n} est en cours de création ; la personne est prévenue."
                    ).format(n=version.number),
                )
                return redirect(version.get_absolute_url())
            if refusal.is_valid():
                refuse_correction(
                    correction=correction,
                    actor=request.user,
                    reason=refusal.cleaned_data["reason"],
                    request=request,
                )
                messages.success(request, _("Proposition refusée ; la personne est prévenue avec le motif."))
                return redirect("catalog:corrections", slug=ds.slug, resource=res.slug)
        except CorrectionError as exc:
            messages.error(request, exc.message)
    where = locate(correction) if correction.status == CorrectionStatus.PENDING else None
    current = (where.current if where else None) or {}
    rows = [
        {
            "name": name,
            "original": value,
            "current": current.get(name, value) if where else value,
            "proposed": correction.proposed.get(name),
        }
        for name, value in correction.original.items()
    ]
    return render(
        request,
        "catalog/correction_review.html",
        {
            "dataset": ds,
            "resource": res,
            "correction": correction,
            "where": where,
            "rows": rows,
            "refusal": refusal,
            "contributor": contributor_label(correction),
        },
    )
