"""Agents' pages: moderation queue and decisions, official answers, import, open data."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parvis.accounts.decorators import require
from parvis.participation import services
from parvis.participation.forms import (
    AnswerForm,
    ImportForm,
    ModerationDecisionForm,
    ResidentForm,
    error_message,
)
from parvis.participation.services import ParticipationError, moderation, opendata
from parvis.participation.views.public import get_process, get_proposal


@require("participation.manage_process", get_object=get_process)
def moderation_queue(request, slug):
    process = request.permission_object
    return render(
        request,
        "participation/moderation_queue.html",
        {
            "process": process,
            "entries": moderation.queue(process),
            "actions": ModerationDecisionForm.base_fields["action"].choices,
        },
    )


@require_POST
@require("participation.manage_process", get_object=get_process)
def moderation_decide(request, slug, kind, pk):
    process = request.permission_object
    target = moderation.get_target(kind, pk)
    if target is None or moderation.process_of(target) != process:
        return render(request, "core/errors/404.html", status=404)
    form = ModerationDecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ParticipationError(error_message(form))
        moderation.decide(
            target=target,
            actor=request.user,
            action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"],
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
    form = AnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise ParticipationError(error_message(form))
        services.answer_proposal(
            proposal=proposal,
            actor=request.user,
            status=form.cleaned_data["status"],
            answer=form.cleaned_data["official_answer"],
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
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else None
    if form is not None:
        try:
            if not form.is_valid():
                raise ParticipationError(error_message(form))
            report = opendata.start_grand_debat_import(
                process=process, upload=form.cleaned_data["file"], actor=request.user, request=request
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
    form = ResidentForm(request.POST if request.method == "POST" else None)
    if form.is_bound:
        try:
            if not form.is_valid():
                raise ParticipationError(error_message(form))
            services.verify_resident(
                process=process,
                agent=request.user,
                email=form.cleaned_data["email"],
                postcode=form.cleaned_data["postcode"],
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
            "post": form.data,
            "residents": process.residents.select_related("user").order_by("-created_at")[:200],
        },
        status=400 if error else 200,
    )
