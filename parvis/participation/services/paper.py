"""Participation collected on paper or at a meeting and typed in by an agent: proposals, supports (a signed
sheet) and budget ballots. Each entry keeps who typed it, where and when it was collected, and is audited;
it counts like an online one (a proposal reaches its threshold with paper supports too)."""

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from parvis.accounts.services import audit
from parvis.core.lib import typography
from parvis.participation.models import Ballot, Channel, Proposal, Support
from parvis.participation.services import (
    MAX_ANSWER_CHARS,
    ParticipationError,
    budget_selection,
    check_collection,
    check_open,
    follow_threshold,
)

MAX_SUPPORTS_PER_SHEET = 5000


def _collected(process, agent, place: str, collected_on, channel) -> dict:
    """Paper may be typed in after the participation closed, but must have been collected while it was open."""
    if process.imported:
        check_open(process)  # refuses with the imported process's message
    check_collection(place, collected_on)
    if not process.starts_on <= collected_on <= process.ends_on:
        raise ParticipationError(
            _("La date de recueil doit être pendant la participation, du %(start)s au %(end)s.")
            % {"start": typography.date_long(process.starts_on), "end": typography.date_long(process.ends_on)}
        )
    if channel not in (Channel.PAPER, Channel.MEETING):
        raise ParticipationError(_("Choisissez le canal de recueil : papier ou réunion."))
    return {
        "channel": channel,
        "entered_by": agent,
        "place": place.strip()[:200],
        "collected_on": collected_on,
    }


def enter_proposal(
    *, process, agent, title: str, body: str, place: str, collected_on, channel=Channel.PAPER, request=None
) -> Proposal:
    title, body = title.strip(), body.strip()
    if not title or not body:
        raise ParticipationError(_("Recopiez le titre et la description de la proposition."))
    if len(title) > 150 or len(body) > MAX_ANSWER_CHARS:
        raise ParticipationError(
            _("Le titre est limité à 150 caractères et la description à %(max)s.") % {"max": MAX_ANSWER_CHARS}
        )
    proposal = Proposal.objects.create(
        process=process, title=title, body=body, **_collected(process, agent, place, collected_on, channel)
    )
    audit(
        actor=agent,
        action="participation.proposal.enter_paper",
        target=proposal,
        organisation=process.organisation,
        details={"place": proposal.place},
        request=request,
    )
    return proposal


def enter_supports(
    *, proposal, agent, count: int, place: str, collected_on, channel=Channel.PAPER, request=None
) -> int:
    """A sheet of signatures for a proposal: one support per signature, without an account."""
    if not proposal.is_visible:
        raise ParticipationError(_("Cette proposition est masquée : elle ne peut pas recevoir de soutien."))
    if not 1 <= count <= MAX_SUPPORTS_PER_SHEET:
        raise ParticipationError(
            _("Indiquez le nombre de signatures de la feuille (de 1 à %(max)s).")
            % {"max": MAX_SUPPORTS_PER_SHEET}
        )
    collected = _collected(proposal.process, agent, place, collected_on, channel)
    with transaction.atomic():
        Support.objects.bulk_create(Support(proposal=proposal, **collected) for _n in range(count))
        Proposal.objects.filter(pk=proposal.pk).update(supports_count=F("supports_count") + count)
        follow_threshold(proposal.pk)
    audit(
        actor=agent,
        action="participation.support.enter_paper",
        target=proposal,
        organisation=proposal.process.organisation,
        details={"count": count, "place": collected["place"]},
        request=request,
    )
    return count


def enter_ballot(
    *, process, agent, project_ids: list[int], place: str, collected_on, channel=Channel.PAPER, request=None
) -> Ballot:
    """A paper ballot: the same ceiling as online; the ballot box, not an account, makes it one per person."""
    collected = _collected(process, agent, place, collected_on, channel)
    projects, total = budget_selection(process, project_ids)
    with transaction.atomic():
        ballot = Ballot.objects.create(process=process, total=total, **collected)
        ballot.projects.set(projects)
    audit(
        actor=agent,
        action="participation.ballot.enter_paper",
        target=ballot,
        organisation=process.organisation,
        details={"place": ballot.place, "projects": [p.pk for p in projects]},
        request=request,
    )
    return ballot
