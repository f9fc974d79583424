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
from parvis.participation.forms import (
    AnswersForm,
    BudgetBallotForm,
    CommentForm,
    ProposalFilterForm,
    ProposalForm,
    ReportForm,
    SupportForm,
    error_message,
)
from parvis.participation.models import (
    BudgetProject,
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
            "by_channel": selectors.participation_by_channel(process),
            "closed": selectors.closed_results(process),
            "budget": selectors.budget_results(process) if process.budget_ceiling else None,
            "budget_hidden": selectors.budget_results_hidden(process),
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
    form = AnswersForm(process, request.POST if request.method == "POST" else None)
    error = None
    if form.is_bound:
        try:
            if not form.is_valid():
                raise ParticipationError(error_message(form))
            services.submit_contribution(
                process=process,
                user=request.user,
                answers=form.answers(),
                postcode=form.cleaned_data["postcode"],
            )
        except ParticipationError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Merci, votre contribution est enregistrée."))
            return redirect("participation:process", slug=slug)
    return render(
        request,
        "participation/questionnaire.html",
        {
            "process": process,
            "questions": form.question_values(),
            "error": error,
            "postcode": form.data.get("postcode", "") if form.is_bound else request.user.postcode,
        },
        status=400 if error else 200,
    )


@require("participation.view_process", get_object=get_process)
def proposals(request, slug):
    process = request.permission_object
    filters = ProposalFilterForm(request.GET)
    status = filters.status()
    return render(
        request,
        "participation/proposals.html",
        {
            "process": process,
            "page": Paginator(selectors.visible_proposals(process, status), PAGE_SIZE).get_page(
                filters.page_number()
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
    form = ProposalForm(request.POST if request.method == "POST" else None)
    title, body = form.data.get("title", ""), form.data.get("body", "")
    similar, error = [], None
    if form.is_bound and "publish" in form.data:
        try:
            if not form.is_valid():
                raise ParticipationError(error_message(form))
            proposal = services.create_proposal(
                process=process,
                user=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except ParticipationError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Votre proposition est publiée."))
            return redirect(proposal)
    if form.is_bound:
        similar = selectors.similar_proposals(process, f"{title} {body}"[:10_000])
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
            "supporting": selectors.is_supporting(proposal, request.user),
            **context,
        },
    )


@require_POST
@ratelimit("participation.write", WRITE_LIMIT, WRITE_PERIOD)
@require("participation.contribute", get_object=get_proposal)
def support(request, slug, pk):
    proposal = request.permission_object
    form = SupportForm(request.POST)
    withdraw = form.is_valid() and form.cleaned_data["withdraw"]
    try:
        if withdraw:
            services.withdraw_support(proposal=proposal, user=request.user)
        else:
            services.support(proposal=proposal, user=request.user)
    except ParticipationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Votre soutien est retiré.") if withdraw else _("Votre soutien est enregistré.")
        )
    return redirect(proposal)


@require_POST
@ratelimit("participation.write", WRITE_LIMIT, WRITE_PERIOD)
@require("participation.contribute", get_object=get_proposal)
def comment(request, slug, pk):
    proposal = request.permission_object
    form = CommentForm(proposal, request.POST)
    try:
        if not form.is_valid():
            raise ParticipationError(error_message(form))
        services.add_comment(
            proposal=proposal,
            user=request.user,
            body=form.cleaned_data["body"],
            parent=form.cleaned_data["parent"],
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
    form = ReportForm(request.POST if request.method == "POST" else None)
    if form.is_bound:
        try:
            if not form.is_valid():
                raise ParticipationError(error_message(form))
            moderation.report(
                target=target,
                user=request.user,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
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
            "values": form.data,
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
            "past": selectors.meeting_is_past(item),
            **can_manage(request, process),
        },
    )


@ratelimit("participation.write", WRITE_LIMIT, WRITE_PERIOD)
@require("participation.view_process", get_object=get_process)
def budget(request, slug):
    process = request.permission_object
    form = BudgetBallotForm(process, request.POST if request.method == "POST" else None)
    error = None
    if form.is_bound:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        policy.ensure(request.user, "participation.contribute", process)
        try:
            if not form.is_valid():
                raise ParticipationError(error_message(form))
            services.vote_budget(
                process=process, user=request.user, project_ids=[p.pk for p in form.cleaned_data["projects"]]
            )
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
            "chosen": form.chosen_ids(),
            "error": error,
            "voted": voted,
            "results": selectors.budget_results(process),
            "results_hidden": selectors.budget_results_hidden(process),
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
