"""Reports, automatic hiding after 3 reports, decisions with reasons, public log, queue."""

import pytest

from parvis.participation import services
from parvis.participation.models import Ban, ModerationDecision, Visibility
from parvis.participation.services import ParticipationError, moderation

pytestmark = pytest.mark.django_db


def test_content_is_hidden_pending_review_after_three_reports(proposal, make_citizen):
    for n in range(2):
        moderation.report(target=proposal, user=make_citizen(n), reason="injurieux")
    proposal.refresh_from_db()
    assert proposal.visibility == Visibility.VISIBLE
    moderation.report(target=proposal, user=make_citizen(3), reason="spam")
    proposal.refresh_from_db()
    assert proposal.visibility == Visibility.PENDING
    assert ModerationDecision.objects.get().action == ModerationDecision.Action.AUTO_HIDE


def test_one_report_per_person_and_content(proposal, users):
    moderation.report(target=proposal, user=users["gestionnaire"], reason="spam")
    with pytest.raises(ParticipationError, match="déjà signalé"):
        moderation.report(target=proposal, user=users["gestionnaire"], reason="autre")


def test_report_needs_a_known_reason(proposal, users):
    with pytest.raises(ParticipationError, match="motif"):
        moderation.report(target=proposal, user=users["citoyen"], reason="")


def test_restore_makes_content_visible_and_closes_reports(proposal, make_citizen, users):
    for n in range(3):
        moderation.report(target=proposal, user=make_citizen(n), reason="spam")
    moderation.decide(
        target=proposal, actor=users["gestionnaire"], action="retablir", reason="Propos acceptables"
    )
    proposal.refresh_from_db()
    assert proposal.visibility == Visibility.VISIBLE
    assert moderation.queue(proposal.process) == []


def test_decision_needs_a_reason(proposal, users):
    with pytest.raises(ParticipationError, match="motif"):
        moderation.decide(target=proposal, actor=users["gestionnaire"], action="masquer", reason=" ")


def test_ban_hides_and_excludes_the_author(proposal, users, org):
    moderation.decide(
        target=proposal, actor=users["gestionnaire"], action="bannir", reason="Insultes répétées"
    )
    assert Ban.objects.filter(organisation=org, user=users["citoyen"]).exists()
    proposal.refresh_from_db()
    assert proposal.visibility == Visibility.HIDDEN
    with pytest.raises(ParticipationError, match="exclu"):
        services.create_proposal(process=proposal.process, user=users["citoyen"], title="t", body="b")


def test_queue_lists_reported_and_held_contents_most_reported_first(process, proposal, users, make_citizen):
    comment = services.add_comment(
        proposal=proposal, user=users["citoyen"], body="aaaaaaaaaaaaaaaaaaaaaa"
    )  # held
    moderation.report(target=proposal, user=make_citizen(1), reason="hors_sujet")
    entries = moderation.queue(process)
    assert [(e["kind"], e["object"].pk) for e in entries] == [
        ("proposal", proposal.pk),
        ("comment", comment.pk),
    ]
    assert entries[0]["reasons"] == ["Hors sujet"]
