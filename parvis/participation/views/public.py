"""Public pages: processes, questionnaire, proposals, supports, comments, reports, meetings, budget, logs."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parvis.accounts import policy
from parvis.accounts.decorators import require
from parvis.accounts.roles import Role
from parvis.core.ratelimit import ratelimit
from parvis.participation import selectors, services
from parvis.participation.models import (
    BudgetProject,
    Comment,
    Meeting,
    ModerationDecision,
    Process,
    Proposal,
    Report,
)
from parvis.participation.services import ParticipationError, moderation

WRITE_LIMIT, WRITE_PERIOD = 20, 60
PAGE_SIZE = 30


def get_process(request, slug, **kwargs):
    return get_object_or_404(Process.objects.select_related("organisation"), slug=slug)


def get_proposal(request, slug, pk, **kwargs):
    return get_object_or_404(
        Proposal.objects.select_related("process__organisation"), process__slug=slug, pk=pk
    )


def can_manage(request, process):
    return {
        "can_manage": policy.can(request.user, "participation.manage_process", process),
        "can_enter_paper": policy.can(request.user, "participation.enter_paper", process),
        "can_edit_synthesis": policy.can(request.user, "participation.edit_synthesis", process),
    }


def index(request):

    can_create = policy.is_admin(request.user) or bool(
        policy.organisation_ids(request.user, Role.GESTIONNAIRE)
    )
    return render(
        request,
        "participation/index.html",
        {"groups": selectors.processes_by_state(), "can_create": can_create},
    )


@require("participation.view_process", get_object=get_process)
def process_detail(request, slug):
    process = request.permission_object
    return render(
        request,
        "participation/process.html",
        {
            "process": process,
            "proposals": selectors.visible_proposals(process)[:5],
            "channels": selectors.channel_counts(process),
            "meetings": process.meetings.all(),
            **can_manage(request, process),
        },
    )


@require("participation.view_process", get_object=get_process)
def results(request, slug):
    process = request.permission_object
    return render(
        request,
        "participation/results.html",
        {
            "process": process,
            "channels": selectors.channel_counts(process),
            "closed": selectors.closed_results(process),
            "budget": selectors.budget_results(process) if process.budget_ceiling else None,
            "synthesis": selectors.latest_synthesis(process),
        },
    )


@require("participation.view_process", get_object=get_process)
def questionnaire_print(request, slug):
    process = request.permission_object
    return render(request, "participation/questionnaire_print.html", {"process": process})


@ratelimit("participation.write", WRITE_LIMIT, WRITE_PERIOD)
@require("participation.contribute", get_object=get_process)
def questionnaire(request, slug):
    process = request.permission_object
    values, error = {}, None
    if request.method == "POST":
        values = {k[2:]: v for k, v in request.POST.items() if k.startswith("q-")}
        try:
            services.submit_contribution(
                process=process, user=request.user, answers=values, postcode=request.POST.get("postcode", "")
            )
        except ParticipationError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Merci, votre contribution est enregistrée."))
            return redirect("participation:process", slug=slug)
    questions = [{"q": q, "value": values.get(str(q.pk), "")} for q in process.questions.all()]
    return render(
        request,
        "participation/questionnaire.html",
        {
            "process": process,
            "questions": questions,
            "error": error,
            "postcode": request.POST.get("postcode", request.user.postcode),
        },
        status=400 if error else 200,
    )


@require("participation.view_process", get_object=get_process)
def proposals(request, slug):
    process = request.permission_object
    status = request.GET.get("etat", "")
    status = status if status in Proposal.Status.values else ""
    return render(
        request,
        "participation/proposals.html",
        {
            "process": process,
            "page": Paginator(selectors.visible_proposals(process, status), PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "status": status,
            "statuses": Proposal.Status.choices,
        },
    )


@ratelimit("participation.write", WRITE_LIMIT, WRITE_PERIOD)
@require("participation.contribute", get_object=get_process)
def proposal_new(request, slug):
    """Without JavaScript, « Voir les propositions similaires » is a server round trip that keeps the text."""
    process = request.permission_object
    title, body = request.POST.get("title", ""), request.POST.get("body", "")
    similar, error = [], None
    if request.method == "POST" and "publish" in request.POST:
        try:
            proposal = services.create_proposal(process=process, user=request.user, title=title, body=body)
        except ParticipationError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Votre proposition est publiée."))
            return redirect(proposal)
    if request.method == "POST":
        similar = selectors.similar_proposals(process, f"{title} {body}")
    return render(
        request,
        "participation/proposal_form.html",
        {
            "process": process,
            "title": title,
            "body": body,
            "similar": similar,
            "error": error,
            "checked": request.method == "POST",
        },
        status=400 if error else 200,
    )


@require("participation.view_process", get_object=get_proposal)
def proposal_detail(request, slug, pk):
    proposal = request.permission_object
    context = can_manage(request, proposal.process)
    if not proposal.is_visible and not context["can_manage"]:
        return render(
            request, "participation/masked.html", {"proposal": proposal, "process": proposal.process}
        )
    return render(
        request,
        "participation/proposal.html",
        {
            "proposal": proposal,
            "process": proposal.process,
            "comments": selectors.comment_tree(proposal),
            "statuses": Proposal.Status.choices,
            "reasons": Report.Reason.choices,
            **context,
        },
    )


@require_POST
@ratelimit("participation.write", WRITE_LIMIT, WRITE_PERIOD)
@require("participation.contribute", get_object=get_proposal)
def support(request, slug, pk):
    proposal = request.permission_object
    try:
        services.support(proposal=proposal, user=request.user)
    except ParticipationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Votre soutien est enregistré."))
    return redirect(proposal)


@require_POST
@ratelimit("participation.write", WRITE_LIMIT, WRITE_PERIOD)
@require("participation.contribute", get_object=get_proposal)
def comment(request, slug, pk):
    proposal = request.permission_object
    parent = Comment.objects.filter(pk=request.POST.get("parent") or 0).first()
    try:
        services.add_comment(
            proposal=proposal, user=request.user, body=request.POST.get("body", ""), parent=parent
        )
    except ParticipationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Votre commentaire est publié."))
    return redirect(proposal)


@ratelimit("participation.write", WRITE_LIMIT, WRITE_PERIOD)
@require("participation.contribute", get_object=get_process)
def report(request, slug, kind, pk):
    process = request.permission_object
    target = moderation.get_target(kind, pk)
    if target is None or moderation.process_of(target) != process:
        return render(request, "core/errors/404.html", status=404)
    error = None
    if request.method == "POST":
        try:
            moderation.report(
                target=target,
                user=request.user,
                reason=request.POST.get("reason", ""),
                details=request.POST.get("details", ""),
            )
        except ParticipationError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Merci, votre signalement a été transmis à la modération."))
            if kind == "comment":
                return redirect(f"{target.proposal.get_absolute_url()}#commentaire-{target.pk}")
            return redirect(target.get_absolute_url() if kind == "proposal" else process.get_absolute_url())
    return render(
        request,
        "participation/report.html",
        {
            "process": process,
            "target": target,
            "kind": kind,
            "reasons": Report.Reason.choices,
            "error": error,
        },
        status=400 if error else 200,
    )


@ratelimit("participation.write", WRITE_LIMIT, WRITE_PERIOD)
@require("participation.view_process", get_object=get_process)
def meeting(request, slug, pk):
    process = request.permission_object
    item = get_object_or_404(Meeting, process=process, pk=pk)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        policy.ensure(request.user, "participation.contribute", process)
        try:
            services.register(meeting=item, user=request.user)
        except ParticipationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Votre inscription est enregistrée."))
        return redirect("participation:meeting", slug=slug, pk=pk)
    registered = request.user.is_authenticated and item.registrations.filter(user=request.user).exists()
    return render(
        request,
        "participation/meeting.html",
        {
            "process": process,
            "meeting": item,
            "taken": item.registrations.count(),
            "registered": registered,
        },
    )


@ratelimit("participation.write", WRITE_LIMIT, WRITE_PERIOD)
@require("participation.view_process", get_object=get_process)
def budget(request, slug):
    process = request.permission_object
    chosen, error = [], None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        policy.ensure(request.user, "participation.contribute", process)
        chosen = [int(v) for v in request.POST.getlist("projects") if v.isdigit()]
        try:
            services.vote_budget(process=process, user=request.user, project_ids=chosen)
        except ParticipationError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Votre vote est enregistré."))
            return redirect("participation:budget", slug=slug)
    voted = request.user.is_authenticated and process.ballots.filter(user=request.user).exists()
    return render(
        request,
        "participation/budget.html",
        {
            "process": process,
            "projects": BudgetProject.objects.filter(process=process),
            "chosen": chosen,
            "error": error,
            "voted": voted,
            "results": selectors.budget_results(process),
        },
        status=400 if error else 200,
    )


@require("participation.view_process", get_object=get_process)
def moderation_log(request, slug):
    process = request.permission_object
    return render(
        request,
        "participation/moderation_log.html",
        {
            "process": process,
            "decisions": ModerationDecision.objects.filter(process=process)[:500],
        },
    )
