"""Agents' pages: moderation queue and decisions, official answers, import, open data."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parvis.accounts.decorators import require
from parvis.participation import services
from parvis.participation.forms import AnswerForm, ImportForm, ModerationDecisionForm, ResidentForm
from parvis.participation.services import moderation, opendata
from parvis.participation.views.public import get_process, get_proposal
from parvis.participation.views.submit import Outcome, attempt, bound, form_page, submit, submit_and_flash


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
    submit_and_flash(
        request,
        ModerationDecisionForm(request.POST),
        lambda f: moderation.decide(
            target=target,
            actor=request.user,
            action=f.cleaned_data["action"],
            reason=f.cleaned_data["reason"],
            request=request,
        ),
        _("Décision enregistrée et publiée dans le journal de modération."),
    )
    return redirect("participation:moderation", slug=slug)


@require_POST
@require("participation.manage_process", get_object=get_proposal)
def proposal_answer(request, slug, pk):
    proposal = request.permission_object
    submit_and_flash(
        request,
        AnswerForm(request.POST),
        lambda f: services.answer_proposal(
            proposal=proposal,
            actor=request.user,
            status=f.cleaned_data["status"],
            answer=f.cleaned_data["official_answer"],
            request=request,
        ),
        _("Réponse officielle publiée."),
    )
    return redirect(proposal)


@require("participation.manage_process", get_object=get_process)
def import_file(request, slug):
    process = request.permission_object
    outcome = Outcome()
    if request.method == "POST":
        outcome = attempt(
            ImportForm(request.POST, request.FILES),
            lambda f: opendata.start_grand_debat_import(
                process=process, upload=f.cleaned_data["file"], actor=request.user, request=request
            ),
        )
    return form_page(
        request,
        "participation/import.html",
        {"process": process, "report": outcome.result, "reports": process.imports.all()[:10]},
        outcome.error,
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
    form = bound(request, ResidentForm)
    outcome = submit(
        request,
        form,
        lambda f: services.verify_resident(
            process=process,
            agent=request.user,
            email=f.cleaned_data["email"],
            postcode=f.cleaned_data["postcode"],
            request=request,
        ),
        _("Habitant vérifié : il peut participer à cette démarche."),
    )
    if outcome.saved:
        return redirect("participation:residents", slug=slug)
    return form_page(
        request,
        "participation/residents.html",
        {
            "process": process,
            "post": form.data,
            "residents": process.residents.select_related("user").order_by("-created_at")[:200],
        },
        outcome.error,
    )
