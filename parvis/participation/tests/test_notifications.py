"""Participation events that mail someone: a content entering the moderation queue (its moderators), an
official answer (the proposal's author)."""

import pytest
from django.core import mail

from parvis.accounts.services.notifications import set_preferences
from parvis.participation import services
from parvis.participation.services import moderation

pytestmark = pytest.mark.django_db


def test_the_first_report_tells_the_moderators_once(proposal, make_citizen):
    moderation.report(target=proposal, user=make_citizen(1), reason="injurieux")
    moderation.report(target=proposal, user=make_citizen(2), reason="spam")
    assert [m.to for m in mail.outbox] == [["gestionnaire@test.parvis.local"]]
    assert "attend une modération" in mail.outbox[0].subject
    assert f"/{proposal.process.slug}/moderation/" in mail.outbox[0].body


def test_a_proposal_held_by_the_spam_filter_tells_the_moderators(process, users):
    services.create_proposal(process=process, user=users["citoyen"], title="Promo", body="Casino en ligne")
    assert [m.to for m in mail.outbox] == [["gestionnaire@test.parvis.local"]]
    assert "anti-spam" in mail.outbox[0].body


def test_the_author_hears_of_the_official_answer(proposal, users):
    services.answer_proposal(
        proposal=proposal,
        actor=users["gestionnaire"],
        status="retenue",
        answer="Les travaux commencent en mars.",
    )
    assert [m.to for m in mail.outbox] == [["citoyen@test.parvis.local"]]
    assert "Les travaux commencent en mars." in mail.outbox[0].body
    assert "Retenue" in mail.outbox[0].body


def test_an_author_who_turned_answers_off_gets_no_mail(proposal, users):
    set_preferences(users["citoyen"], enabled_kinds=set())
    services.answer_proposal(proposal=proposal, actor=users["gestionnaire"], status="retenue", answer="Oui.")
    assert mail.outbox == []
