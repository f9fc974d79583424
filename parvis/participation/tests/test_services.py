"""Writes: contributions, proposals, supports, comments, meetings, budget — with their French refusals."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parvis.participation import services
from parvis.participation.models import (
    Ballot,
    Channel,
    Contribution,
    Meeting,
    ModerationDecision,
    Support,
    Visibility,
)
from parvis.participation.services import ParticipationError

pytestmark = pytest.mark.django_db


def test_an_online_contribution_keeps_answers_and_postcode(process, questions, users):
    c = services.submit_contribution(
        process=process,
        user=users["citoyen"],
        answers={str(questions["ouverte"].pk): " Plus de bus ", str(questions["fermee"].pk): "Oui"},
    )
    assert c.channel == Channel.ONLINE and c.postcode == "94000"
    assert c.answers == {str(questions["ouverte"].pk): "Plus de bus", str(questions["fermee"].pk): "Oui"}


def test_an_empty_contribution_is_refused_in_french(process, users):
    with pytest.raises(ParticipationError, match="vide"):
        services.submit_contribution(process=process, user=users["citoyen"], answers={})
    assert not Contribution.objects.exists()


def test_a_one_megabyte_answer_is_refused_with_the_question_and_sizes(process, questions, users):
    with pytest.raises(
        ParticipationError, match=r"Que faudrait-il améliorer \? » : la réponse fait 1000000 caractères"
    ):
        services.submit_contribution(
            process=process, user=users["citoyen"], answers={str(questions["ouverte"].pk): "a" * 1_000_000}
        )


def test_a_closed_question_accepts_only_its_choices(process, questions, users):
    with pytest.raises(ParticipationError, match="choisissez une des réponses"):
        services.submit_contribution(
            process=process, user=users["citoyen"], answers={str(questions["fermee"].pk): "Peut-être"}
        )


def test_one_online_answer_per_person(process, questions, users):
    answers = {str(questions["ouverte"].pk): "Des bus"}
    services.submit_contribution(process=process, user=users["citoyen"], answers=answers)
    with pytest.raises(ParticipationError, match="déjà répondu"):
        services.submit_contribution(process=process, user=users["citoyen"], answers=answers)


def test_contributing_after_the_closing_date_is_refused_with_the_date(process, questions, users):
    process.ends_on = timezone.localdate() - timedelta(days=1)
    process.save()
    with pytest.raises(ParticipationError, match="close depuis le"):
        services.submit_contribution(
            process=process, user=users["citoyen"], answers={str(questions["ouverte"].pk): "x"}
        )


def test_residents_only_process_refuses_other_postcodes(process, questions, make_citizen):
    process.residents_only = True
    process.save()
    outsider = make_citizen(1, postcode="23000")
    with pytest.raises(ParticipationError, match="réservée aux habitants"):
        services.submit_contribution(
            process=process, user=outsider, answers={str(questions["ouverte"].pk): "x"}
        )
    c = services.submit_contribution(
        process=process, user=outsider, answers={str(questions["ouverte"].pk): "x"}, postcode="94370"
    )
    assert c.postcode == "94370"


def test_script_tags_are_stored_as_text(process, questions, users):
    c = services.submit_contribution(
        process=process,
        user=users["citoyen"],
        answers={str(questions["ouverte"].pk): "<script>alert(1)</script>"},
    )
    assert c.answers[str(questions["ouverte"].pk)] == "<script>alert(1)</script>"


def test_paper_contribution_is_flagged_with_place_and_date(process, questions, users):
    c = services.enter_paper_contribution(
        process=process,
        agent=users["contributeur"],
        answers={str(questions["ouverte"].pk): "Des bancs"},
        place="Mairie de Créteil",
        collected_on=timezone.localdate(),
        postcode="94000",
    )
    assert (c.channel, c.entered_by, c.place, c.author) == (
        Channel.PAPER,
        users["contributeur"],
        "Mairie de Créteil",
        None,
    )


def test_paper_contribution_needs_a_place(process, questions, users):
    with pytest.raises(ParticipationError, match="lieu"):
        services.enter_paper_contribution(
            process=process,
            agent=users["contributeur"],
            answers={str(questions["ouverte"].pk): "x"},
            place=" ",
            collected_on=timezone.localdate(),
        )


def test_one_support_per_person_and_counter_updated(proposal, users):
    services.support(proposal=proposal, user=users["gestionnaire"])
    with pytest.raises(ParticipationError, match="déjà"):
        services.support(proposal=proposal, user=users["gestionnaire"])
    proposal.refresh_from_db()
    assert proposal.supports_count == 1 == Support.objects.count()


def test_banned_person_cannot_support(proposal, users, org):
    from parvis.participation.models import Ban

    Ban.objects.create(organisation=org, user=users["partenaire"], reason="spam")
    with pytest.raises(ParticipationError, match="exclu"):
        services.support(proposal=proposal, user=users["partenaire"])


def test_spam_proposal_is_held_for_moderation(process, users):
    p = services.create_proposal(
        process=process,
        user=users["citoyen"],
        title="Promo",
        body="http://a.ru http://b.ru http://c.ru casino",
    )
    assert p.visibility == Visibility.PENDING
    assert ModerationDecision.objects.get(target_id=p.pk).action == "spam"


def test_threaded_comment_must_reply_within_the_same_proposal(proposal, process, users):
    first = services.add_comment(proposal=proposal, user=users["citoyen"], body="Bonne idée")
    reply = services.add_comment(proposal=proposal, user=users["gestionnaire"], body="Merci", parent=first)
    assert reply.parent == first
    other = services.create_proposal(process=process, user=users["citoyen"], title="Autre", body="Autre idée")
    with pytest.raises(ParticipationError, match="n'appartient pas"):
        services.add_comment(proposal=other, user=users["citoyen"], body="x", parent=first)


def test_meeting_registration_stops_at_capacity(process, users):
    meeting = Meeting.objects.create(
        process=process,
        title="Atelier",
        starts_at=timezone.now() + timedelta(days=3),
        place="Maison des associations",
        capacity=1,
    )
    services.register(meeting=meeting, user=users["citoyen"])
    with pytest.raises(ParticipationError, match="complète"):
        services.register(meeting=meeting, user=users["gestionnaire"])


def test_budget_vote_within_ceiling(process, users):
    ids = list(process.budget_projects.filter(cost__gte=30_000).values_list("pk", flat=True))
    ballot = services.vote_budget(process=process, user=users["citoyen"], project_ids=ids)
    assert ballot.total == 90_000 and ballot.projects.count() == 2


def test_budget_vote_over_ceiling_is_refused_with_amounts(process, users):
    ids = list(process.budget_projects.values_list("pk", flat=True))
    with pytest.raises(ParticipationError, match="au-delà du plafond"):
        services.vote_budget(process=process, user=users["citoyen"], project_ids=ids)
    assert not Ballot.objects.exists()


def test_budget_vote_after_closing_is_refused(process, users):
    process.ends_on = timezone.localdate() - timedelta(days=1)
    process.save()
    with pytest.raises(ParticipationError, match="close"):
        services.vote_budget(
            process=process, user=users["citoyen"], project_ids=[process.budget_projects.first().pk]
        )


def test_official_answer_requires_a_text_except_for_study(proposal, users):
    with pytest.raises(ParticipationError, match="réponse officielle"):
        services.answer_proposal(proposal=proposal, actor=users["gestionnaire"], status="retenue", answer="")
    services.answer_proposal(
        proposal=proposal, actor=users["gestionnaire"], status="retenue", answer="Inscrite au budget 2027."
    )
    proposal.refresh_from_db()
    assert proposal.get_status_display() == "Retenue"


def test_a_masked_proposal_takes_no_comment(proposal, users):
    proposal.visibility = "masque"
    proposal.save()
    with pytest.raises(ParticipationError, match="masquée"):
        services.add_comment(proposal=proposal, user=users["citoyen"], body="Toujours là ?")


def test_an_agent_verified_resident_may_participate_whatever_the_account_postcode(
    process, questions, users, make_citizen
):
    process.residents_only = True
    process.save()
    person = make_citizen(2, postcode="75011")
    services.verify_resident(
        process=process, agent=users["contributeur"], email=person.email.upper(), postcode="94370"
    )
    c = services.submit_contribution(
        process=process, user=person, answers={str(questions["ouverte"].pk): "Des bancs"}
    )
    assert c.author == person


def test_resident_verification_refuses_unknown_accounts_and_outside_postcodes(process, users):
    with pytest.raises(ParticipationError, match="Aucun compte"):
        services.verify_resident(
            process=process, agent=users["contributeur"], email="inconnu@exemple.fr", postcode="94000"
        )
    with pytest.raises(ParticipationError, match="pas dans le territoire"):
        services.verify_resident(
            process=process, agent=users["contributeur"], email=users["citoyen"].email, postcode="23000"
        )
