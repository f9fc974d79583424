"""« Signaler une erreur ou proposer une correction » on a help place (anyone), and the review of these
reports by the collectivité's moderators (side by side, accept or refuse with a reason)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parvis.accounts.decorators import require
from parvis.core.forms import RefusalForm
from parvis.core.ratelimit import hit, too_many_requests
from parvis.inclusion.forms import PlaceReportForm
from parvis.inclusion.models import Place, PlaceReport, PlaceStatus, SubmissionStatus
from parvis.inclusion.services import reports

REPORTS_PER_HOUR = 10


@require_http_methods(["GET", "POST"])
def report_place(request, pk: int):
    place = get_object_or_404(Place, pk=pk, status=PlaceStatus.PUBLISHED)
    form = PlaceReportForm(request.POST or None, values=reports.report_values(place))
    if request.method == "POST":
        if not hit(request, "inclusion-report", REPORTS_PER_HOUR, 3600):
            return too_many_requests(request, 3600)
        if form.is_valid():
            try:
                reports.submit_report(
                    place=place,
                    proposed=form.proposed(),
                    comment=form.cleaned_data["comment"],
                    email=form.cleaned_data["email"],
                    user=request.user,
                    request=request,
                )
            except ValueError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Merci ! Votre signalement sera examiné par la collectivité avant toute modification."),
                )
                return redirect(place)
    return render(request, "inclusion/report_form.html", {"place": place, "form": form})


@require("inclusion.review_report")
def report_list(request):
    found = PlaceReport.objects.select_related("place")
    return render(
        request,
        "inclusion/manage/reports.html",
        {
            "pending": found.filter(status=SubmissionStatus.PENDING),
            "done": found.exclude(status=SubmissionStatus.PENDING)[:50],
        },
    )


@require("inclusion.review_report")
@require_http_methods(["GET", "POST"])
def report_review(request, pk: int):
    report = get_object_or_404(PlaceReport.objects.select_related("place", "author"), pk=pk)
    refusal = RefusalForm(request.POST if request.POST.get("action") == "refuser" else None)
    if request.method == "POST" and report.status == SubmissionStatus.PENDING:
        try:
            if request.POST.get("action") == "accepter":
                place = reports.accept_report(report=report, user=request.user, request=request)
                messages.success(
                    request,
                    _("Signalement accepté : la fiche du lieu est à jour ; la personne est prévenue."),
                )
                return redirect(place)
            if refusal.is_valid():
                reports.refuse_report(
                    report=report, user=request.user, reason=refusal.cleaned_data["reason"], request=request
                )
                messages.success(request, _("Signalement refusé ; la personne est prévenue avec le motif."))
                return redirect("inclusion:reports")
        except ValueError as exc:
            messages.error(request, str(exc))
    pending = report.status == SubmissionStatus.PENDING
    current = reports.report_values(report.place)
    rows = [
        {
            "name": name,
            "label": PlaceReportForm.label_of(name),
            "original": value,
            "current": current.get(name, ""),
            "proposed": report.proposed.get(name),
        }
        for name, value in report.original.items()
    ]
    return render(
        request,
        "inclusion/manage/report_review.html",
        {
            "report": report,
            "rows": rows,
            "problem": reports.report_problem(report) if pending else "",
            "refusal": refusal,
        },
    )
