"""Pages of the collectivité (imports, moderation, duplicates, gap analysis) and of partners (my places)."""

import csv
import io

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from parvis.accounts import policy
from parvis.accounts import selectors as accounts
from parvis.accounts.decorators import require
from parvis.accounts.services import audit
from parvis.inclusion import gaps, services
from parvis.inclusion.forms import ImportForm, PlaceForm, RejectForm
from parvis.inclusion.lib.vocab import vocabularies
from parvis.inclusion.models import (
    DuplicateCandidate,
    DuplicateStatus,
    ImportBatch,
    Place,
    PlaceReport,
    PlaceStatus,
    PlaceSubmission,
    SubmissionStatus,
)
from parvis.inclusion.selectors import stale_places
from parvis.inclusion.tasks import refresh_after_import


def _place(request, pk):
    return get_object_or_404(Place, pk=pk, status=PlaceStatus.PUBLISHED)


@require("inclusion.import_places")
def dashboard(request):
    return render(
        request,
        "inclusion/manage/dashboard.html",
        {
            "published": Place.objects.filter(status=PlaceStatus.PUBLISHED).count(),
            "stale": stale_places().count(),
            "pending": PlaceSubmission.objects.filter(status=SubmissionStatus.PENDING).count(),
            "duplicates": DuplicateCandidate.objects.filter(status=DuplicateStatus.OPEN).count(),
            "reports": PlaceReport.objects.filter(status=SubmissionStatus.PENDING).count(),
            "batches": ImportBatch.objects.all()[:10],
            "stale_places": stale_places().order_by("date_maj")[:50],
            "can_moderate": policy.can(request.user, "inclusion.moderate"),
        },
    )


@require("inclusion.import_places")
@require_http_methods(["GET", "POST"])
def import_places(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["fichier"]
        orgs = policy.organisation_ids(request.user)
        batch = services.start_import(
            data=_read(upload),
            filename=upload.name,
            user=request.user,
            organisation=_org(min(orgs)) if orgs else None,
        )
        audit(
            actor=request.user,
            action="inclusion.import",
            target=batch,
            details={"created": batch.created, "updated": batch.updated, "rejected": batch.rejected},
            request=request,
        )
        if not batch.pending and not batch.error and (batch.created or batch.updated):
            refresh_after_import.enqueue()
        return redirect("inclusion:import-report", pk=batch.pk)
    return render(
        request, "inclusion/manage/import.html", {"form": form, "batches": ImportBatch.objects.all()[:20]}
    )


def _read(upload) -> bytes:
    upload.seek(0)
    return upload.read()


def _org(pk):
    return accounts.organisation_by_pk(pk)


@require("inclusion.import_places")
def import_report(request, pk: int):
    batch = get_object_or_404(ImportBatch, pk=pk)
    if request.GET.get("format") == "csv":
        return _rejected_csv(batch)
    return render(request, "inclusion/manage/import_report.html", {"batch": batch})


def _rejected_csv(batch: ImportBatch):
    """The rejected rows as received, with their line and the reasons, to fix and re-import."""

    columns = sorted({k for r in batch.rejected_rows for k in (r["ligne_brute"] or {})})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["ligne", "erreurs", *columns])
    for r in batch.rejected_rows:
        raw = r["ligne_brute"] or {}
        writer.writerow([r["ligne"], " ; ".join(r["erreurs"]), *[_cell(raw.get(c)) for c in columns]])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lignes-rejetees-{batch.pk}.csv"'
    return response


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not text[1:2].isdigit() else text


@require("inclusion.moderate")
def moderation(request):
    pending = PlaceSubmission.objects.filter(status=SubmissionStatus.PENDING).select_related(
        "place", "organisation"
    )
    return render(
        request, "inclusion/manage/moderation.html", {"submissions": pending, "reject_form": RejectForm()}
    )


@require("inclusion.moderate")
@require_POST
def moderate(request, pk: int, decision: str):
    submission = get_object_or_404(PlaceSubmission, pk=pk, status=SubmissionStatus.PENDING)
    if decision == "accepter":
        try:
            place = services.approve_submission(submission=submission, user=request.user, request=request)
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Lieu « %(nom)s » publié.") % {"nom": place.nom})
    else:
        form = RejectForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        services.reject_submission(submission=submission, user=request.user, note=note, request=request)
        messages.success(request, _("Déclaration refusée."))
    return redirect("inclusion:moderation")


@require("inclusion.merge_places")
def duplicates(request):
    if request.method == "POST":
        created = services.detect_duplicates()
        messages.success(request, _("%(n)s nouveaux doublons possibles.") % {"n": created})
        return redirect("inclusion:duplicates")
    candidates = DuplicateCandidate.objects.filter(status=DuplicateStatus.OPEN).select_related(
        "place_a", "place_b"
    )[:200]
    return render(request, "inclusion/manage/duplicates.html", {"candidates": candidates})


COMPARED = (
    "nom",
    "pivot",
    "adresse",
    "code_postal",
    "commune",
    "latitude",
    "longitude",
    "telephone",
    "courriels",
    "site_web",
    "horaires",
    "services",
    "frais_a_charge",
    "modalites_acces",
    "modalites_accompagnement",
    "dispositif_programmes_nationaux",
    "source",
    "date_maj",
)


@require("inclusion.merge_places")
@require_http_methods(["GET", "POST"])
def duplicate_review(request, pk: int):
    candidate = get_object_or_404(DuplicateCandidate.objects.select_related("place_a", "place_b"), pk=pk)
    if request.method == "POST" and candidate.status == DuplicateStatus.OPEN:
        action = request.POST.get("action")
        if action in ("garder-a", "garder-b"):
            keep = candidate.place_a if action == "garder-a" else candidate.place_b
            services.merge_places(candidate=candidate, keep=keep, user=request.user, request=request)
            messages.success(request, _("Lieux fusionnés dans « %(nom)s ».") % {"nom": keep.nom})
            return redirect(keep.get_absolute_url())
        if action == "distincts":
            services.mark_distinct(candidate=candidate, user=request.user, request=request)
            messages.success(request, _("Les deux lieux sont gardés séparément."))
        return redirect("inclusion:duplicates")
    a, b = candidate.place_a.record(), candidate.place_b.record()
    rows = [(name, _shown(a.get(name)), _shown(b.get(name)), a.get(name) == b.get(name)) for name in COMPARED]
    return render(request, "inclusion/manage/duplicate_review.html", {"candidate": candidate, "rows": rows})


def _shown(value) -> str:
    if isinstance(value, list):
        return " | ".join(value) or "—"
    return "—" if value in (None, "") else str(value)


@require("inclusion.view_gaps")
def gap_analysis(request):
    services_list = vocabularies()["services"]
    service = request.GET.get("service") if request.GET.get("service") in services_list else services_list[0]
    if request.method == "POST":
        n = gaps.compute()
        messages.success(request, _("Analyse recalculée : %(n)s indicateurs.") % {"n": n})
        return redirect("inclusion:gaps")
    territory, communes = gaps.territory_communes()
    codes = [c.code for c in communes]
    rows = gaps.ranking(service, codes)
    if request.GET.get("format") == "csv":
        response = HttpResponse(gaps.to_csv(rows, service), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="carences-inclusion-numerique.csv"'
        return response
    beyond = sum(r["population"] for r in rows if r["beyond"])
    return render(
        request,
        "inclusion/manage/gaps.html",
        {
            "territory": territory,
            "rows": rows,
            "service": service,
            "services": services_list,
            "map": gaps.map_svg(territory, rows, service) if rows and territory else "",
            "population_beyond": beyond,
            "population": sum(r["population"] for r in rows),
            "threshold": rows[0]["threshold_km"] if rows else gaps.DEFAULT_THRESHOLD_KM,
            "has_ifn": any(r["ifn"] is not None for r in rows),
        },
    )


# --- partners ---------------------------------------------------------------------------------------------
@require("inclusion.declare_place")
def my_places(request):
    orgs = policy.organisation_ids(request.user)
    return render(
        request,
        "inclusion/partner/my_places.html",
        {
            "places": Place.objects.filter(organisation_id__in=orgs, status=PlaceStatus.PUBLISHED),
            "submissions": PlaceSubmission.objects.filter(organisation_id__in=orgs)[:50],
        },
    )


@require("inclusion.declare_place")
@require_http_methods(["GET", "POST"])
def declare(request, pk: int | None = None):
    place = None
    if pk is not None:
        place = _place(request, pk)
        policy.ensure(request.user, "inclusion.propose_update", place)
    initial = PlaceForm.initial_from(place) if place else None
    form = PlaceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        org = place.organisation if place else _org(min(policy.organisation_ids(request.user)))
        try:
            services.submit_place(
                user=request.user, organisation=org, data=form.as_row(), place=place, request=request
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Merci ! Votre déclaration sera vérifiée par la collectivité avant publication.")
            )
            return redirect("inclusion:my-places")
    return render(request, "inclusion/partner/declare.html", {"form": form, "place": place})
