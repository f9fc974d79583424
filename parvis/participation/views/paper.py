"""Agents type in what was collected on paper or at a meeting: questionnaire answers, proposals, signed
support sheets and budget ballots. Each page keeps the place, date and channel between entries, so a pile
of forms from one meeting is typed in quickly."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.utils.translation import gettext as _

from parvis.accounts.decorators import require
from parvis.participation import services
from parvis.participation.forms import (
    PAPER_CHANNELS,
    PaperBallotForm,
    PaperContributionForm,
    PaperProposalForm,
    PaperSupportsForm,
)
from parvis.participation.services import paper
from parvis.participation.views.public import get_process, get_proposal
from parvis.participation.views.submit import bound, form_page, submit


def _entry_page(request, *, form, template: str, context: dict, save, saved_message: str, again: str):
    """Validate, save with ``save(form)``, then come back to an empty form keeping place, date and channel."""
    outcome = submit(request, form, save, saved_message)
    if outcome.saved:
        kept = {k: form.data.get(k, "") for k in ("channel", "place", "collected_on")}
        return redirect(f"{again}?{urlencode({k: v for k, v in kept.items() if v})}")
    collection = form.data if form.is_bound else request.GET
    return form_page(
        request,
        template,
        {**context, "post": form.data, "collection": collection, "channels": PAPER_CHANNELS},
        outcome.error,
    )


@require("participation.enter_paper", get_object=get_process)
def paper_entry(request, slug):
    process = request.permission_object
    form = bound(request, PaperContributionForm, process)
    return _entry_page(
        request,
        form=form,
        template="participation/paper.html",
        context={"process": process, "questions": form.question_values()},
        save=lambda f: services.enter_paper_contribution(
            process=process,
            agent=request.user,
            answers=f.answers(),
            postcode=f.cleaned_data["postcode"],
            request=request,
            **f.collection(),
        ),
        saved_message=_("Contribution papier enregistrée. Vous pouvez saisir la suivante."),
        again=request.path,
    )


@require("participation.enter_paper", get_object=get_process)
def paper_proposal(request, slug):
    process = request.permission_object
    return _entry_page(
        request,
        form=bound(request, PaperProposalForm),
        template="participation/paper_proposal.html",
        context={"process": process},
        save=lambda f: paper.enter_proposal(
            process=process,
            agent=request.user,
            title=f.cleaned_data["title"],
            body=f.cleaned_data["body"],
            request=request,
            **f.collection(),
        ),
        saved_message=_("Proposition papier enregistrée. Vous pouvez saisir la suivante."),
        again=request.path,
    )


@require("participation.enter_paper", get_object=get_proposal)
def paper_supports(request, slug, pk):
    proposal = request.permission_object
    return _entry_page(
        request,
        form=bound(request, PaperSupportsForm),
        template="participation/paper_supports.html",
        context={"process": proposal.process, "proposal": proposal},
        save=lambda f: paper.enter_supports(
            proposal=proposal,
            agent=request.user,
            count=f.cleaned_data["count"],
            request=request,
            **f.collection(),
        ),
        saved_message=_("Soutiens papier enregistrés."),
        again=request.path,
    )


@require("participation.enter_paper", get_object=get_process)
def paper_ballot(request, slug):
    process = request.permission_object
    form = bound(request, PaperBallotForm, process)
    return _entry_page(
        request,
        form=form,
        template="participation/paper_ballot.html",
        context={"process": process, "projects": process.budget_projects.all(), "chosen": form.chosen_ids()},
        save=lambda f: paper.enter_ballot(
            process=process,
            agent=request.user,
            project_ids=[p.pk for p in f.cleaned_data["projects"]],
            request=request,
            **f.collection(),
        ),
        saved_message=_("Bulletin papier enregistré. Vous pouvez saisir le suivant."),
        again=request.path,
    )
