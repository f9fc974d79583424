"""Agents' pages: paper entry, moderation queue and decisions, official answers, import, open data."""

from datetime import date

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parvis.accounts.decorators import require
from parvis.participation import services
from parvis.participation.models import Channel, ModerationDecision
from parvis.participation.services import ParticipationError, moderation, opendata
from parvis.participation.views.public import get_process, get_proposal


def _date(value: str):
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


@require("participation.enter_paper", get_object=get_process)
def paper_entry(request, slug):
    process = request.permission_object
    values, error = {}, None
    if request.method == "POST":
        values = {k[2:]: v for k, v in request.POST.items() if k.startswith("q-")}
        channel = (
            request.POST.get("channel")
            if request.POST.get("channel") in (Channel.PAPER, Channel.MEETING)
            else Channel.PAPER
        )
        try:
            services.enter_paper_contribution(
                process=process,
                agent=request.user,
                answers=values,
                place=request.POST.get("place", ""),
                collected_on=_date(request.POST.get("collected_on", "")),
                postcode=request.POST.get("postcode", ""),
                channel=channel,
                request=request,
            )
        except ParticipationError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Contribution papier enregistrée. Vous pouvez saisir la suivante."))
            return redirect("participation:paper", slug=slug)
    questions = [{"q": q, "value": values.get(str(q.pk), "")} for q in process.questions.all()]
    return render(
        request,
        "participation/paper.html",
        {
            "process": process,
            "questions": questions,
            "error": error,
            "post": request.POST,
            "channels": [(Channel.PAPER, Channel.PAPER.label), (Channel.MEETING, Channel.MEETING.label)],
        },
        status=400 if error else 200,
    )


@require("participation.manage_process", get_object=get_process)
def moderation_queue(request, slug):
    process = request.permission_object
    return render(
        request,
        "participation/moderation_queue.html",
        {
            "process": process,
            "entries": moderation.queue(process),
            "actions": [
                (a.value, a.label)
                for a in (
                    ModerationDecision.Action.HIDE,
                    ModerationDecision.Action.RESTORE,
                    ModerationDecision.Action.BAN,
                )
            ],
        },
    )


@require_POST
@require("participation.manage_process", get_object=get_process)
def moderation_decide(request, slug, kind, pk):
    process = request.permission_object
    target = moderation.get_target(kind, pk)
    if target is None or moderation.process_of(target) != process:
        return render(request, "core/errors/404.html", status=404)
    try:
        moderation.decide(
            target=target,
            actor=request.user,
            action=request.POST.get("action", ""),
            reason=request.POST.get("reason", ""),
            request=request,
        )
    except ParticipationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Décision enregistrée et publiée dans le journal de modération."))
    return redirect("participation:moderation", slug=slug)


@require_POST
@require("participation.manage_process", get_object=get_proposal)
def proposal_answer(request, slug, pk):
    proposal = request.permission_object
    try:
        services.answer_proposal(
            proposal=proposal,
            actor=request.user,
            status=request.POST.get("status", ""),
            answer=request.POST.get("official_answer", ""),
            request=request,
        )
    except ParticipationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Réponse officielle publiée."))
    return redirect(proposal)


@require("participation.manage_process", get_object=get_process)
def import_file(request, slug):
    process = request.permission_object
    error, report = None, None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = _("Choisissez un fichier CSV au format du Grand Débat.")
        else:
            try:
                report = opendata.start_grand_debat_import(
                    process=process, upload=upload, actor=request.user, request=request
                )
            except ParticipationError as exc:
                error = str(exc)
    return render(
        request,
        "participation/import.html",
        {
            "process": process,
            "error": error,
            "report": report,
            "reports": process.imports.all()[:10],
        },
        status=400 if error else 200,
    )


@require("participation.view_process", get_object=get_process)
def open_data_csv(request, slug):
    process = request.permission_object
    response = HttpResponse(opendata.export_csv(process), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="contributions-{process.slug}.csv"'
    return response


@require_POST
@require("participation.manage_process", get_object=get_process)
def publish(request, slug):
    process = request.permission_object
    opendata.publish(process=process, actor=request.user, request=request)
    messages.success(request, _("Les contributions anonymisées sont publiées dans le catalogue de données."))
    return redirect(process)


@require("participation.enter_paper", get_object=get_process)
def residents(request, slug):
    """Agents record people whose residence they checked, for processes reserved to residents."""
    process = request.permission_object
    error = None
    if request.method == "POST":
        try:
            services.verify_resident(
                process=process,
                agent=request.user,
                email=request.POST.get("email", ""),
                postcode=request.POST.get("postcode", ""),
                request=request,
            )
        except ParticipationError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Habitant vérifié : il peut participer à cette démarche."))
            return redirect("participation:residents", slug=slug)
    return render(
        request,
        "participation/residents.html",
        {
            "process": process,
            "error": error,
            "post": request.POST,
            "residents": process.residents.select_related("user").order_by("-created_at")[:200],
        },
        status=400 if error else 200,
    )
