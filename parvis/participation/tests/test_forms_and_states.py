"""Every input goes through a form (no 500 on odd values) and the states follow the rules the pages show."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parvis.participation import services
from parvis.participation.models import Ballot, Comment, Meeting, Proposal

pytestmark = pytest.mark.django_db


def url(process, suffix=""):
    return f"/participation/{process.slug}/{suffix}"


def meeting_in(process, days: int) -> Meeting:
    return Meeting.objects.create(
        process=process,
        title="Atelier mobilités",
        starts_at=timezone.now() + timedelta(days=days),
        place="Maison des associations",
        capacity=20,
    )


def test_a_superscript_two_as_synthesis_version_is_a_404_not_a_500(process, client_as):
    response = client_as("citoyen").get(url(process, "synthese/?version=²"))
    assert response.status_code == 404


def test_a_superscript_two_as_budget_project_is_a_french_400(process, client_as):
    response = client_as("citoyen").post(url(process, "budget/"), {"projects": "²"})
    assert response.status_code == 400 and "Ce projet ne fait pas partie de la liste." in response.text
    assert not Ballot.objects.exists()


def test_a_comment_answering_a_non_numeric_parent_is_refused_in_french(proposal, client_as):
    response = client_as("citoyen").post(
        url(proposal.process, f"propositions/{proposal.pk}/commenter/"),
        {"body": "Bonne idée", "parent": "abc"},
        follow=True,
    )
    assert response.status_code == 200
    assert "n&#x27;existe pas sur cette proposition" in response.text
    assert not Comment.objects.exists()


def test_a_superscript_two_as_meeting_capacity_is_a_french_400(process, client_as):
    response = client_as("gestionnaire").post(
        url(process, "reunions/nouvelle/"),
        {
            "title": "Atelier",
            "kind": "atelier",
            "place": "Mairie",
            "starts_at": "2027-01-10 18:30",
            "capacity": "²",
        },
    )
    assert response.status_code == 400 and "Places : Saisissez un nombre entier." in response.text
    assert 'value="Mairie"' in response.text and not Meeting.objects.exists()


def test_a_superscript_two_as_support_threshold_is_a_french_400(org, client_as):
    response = client_as("gestionnaire").post(
        "/participation/nouvelle/",
        {
            "organisation": str(org.pk),
            "title": "Budget 2027",
            "territory_kind": "commune",
            "territory_label": "Créteil",
            "starts_on": "2027-01-01",
            "ends_on": "2027-02-01",
            "support_threshold": "²",
        },
    )
    assert response.status_code == 400 and "Seuil de soutiens : Saisissez un nombre entier." in response.text
    assert 'value="Budget 2027"' in response.text


def test_a_budget_ceiling_typed_with_spaces_is_read_as_the_number(org, client_as):
    from parvis.participation.models import Process

    response = client_as("gestionnaire").post(
        "/participation/nouvelle/",
        {
            "organisation": str(org.pk),
            "title": "Budget 2027",
            "territory_kind": "commune",
            "territory_label": "Créteil",
            "starts_on": "2027-01-01",
            "ends_on": "2027-02-01",
            "budget_ceiling": "1 000 000",
        },
    )
    assert response.status_code == 302 and Process.objects.get().budget_ceiling == 1_000_000


def test_an_unknown_proposal_filter_shows_every_proposal(proposal, client_as):
    response = client_as("anonyme").get(url(proposal.process, "propositions/?etat=²&page=abc"))
    assert response.status_code == 200 and proposal.title in response.text


def test_a_new_proposal_gathers_supports_before_it_is_studied(proposal, client_as):
    response = client_as("anonyme").get(proposal.get_absolute_url())
    assert proposal.status == Proposal.Status.SUPPORTS
    assert "En recherche de soutiens" in response.text and "À l&#x27;étude" not in response.text


def test_reaching_the_threshold_puts_the_proposal_under_study(proposal, make_citizen):
    for n in range(proposal.process.support_threshold):
        services.support(proposal=proposal, user=make_citizen(n))
    proposal.refresh_from_db()
    assert proposal.supports_count == 3 and proposal.status == Proposal.Status.STUDY


def test_supporting_turns_the_button_into_withdraw_and_withdrawing_works(proposal, client_as):
    client = client_as("citoyen")
    support_url = url(proposal.process, f"propositions/{proposal.pk}/soutenir/")
    page = client.post(support_url, follow=True).text
    assert "Votre soutien est enregistré." in page and "Retirer mon soutien" in page
    assert "Soutenir cette proposition" not in page
    page = client.post(support_url, {"withdraw": "1"}, follow=True).text
    assert "Votre soutien est retiré." in page and "Soutenir cette proposition" in page
    proposal.refresh_from_db()
    assert proposal.supports_count == 0


def test_withdrawing_below_the_threshold_returns_to_gathering_supports(proposal, make_citizen):
    people = [make_citizen(n) for n in range(3)]
    for person in people:
        services.support(proposal=proposal, user=person)
    services.withdraw_support(proposal=proposal, user=people[0])
    proposal.refresh_from_db()
    assert proposal.supports_count == 2 and proposal.status == Proposal.Status.SUPPORTS


def test_an_answered_proposal_keeps_its_answer_when_supports_move(proposal, users, make_citizen):
    services.answer_proposal(
        proposal=proposal, actor=users["gestionnaire"], status="retenue", answer="Inscrite au plan vélo."
    )
    services.support(proposal=proposal, user=make_citizen(1))
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED


def test_budget_results_are_hidden_while_voting_is_open(process, client_as):
    page = client_as("anonyme").get(url(process, "budget/")).text
    assert "Les résultats seront publiés après la clôture du vote" in page
    assert "Résultats du budget participatif" not in page
    results = client_as("anonyme").get(url(process, "resultats/")).text
    assert "Résultats du budget participatif" not in results


def test_budget_results_are_shown_once_voting_is_closed(process, client_as):
    process.ends_on = timezone.localdate() - timedelta(days=1)
    process.save()
    page = client_as("anonyme").get(url(process, "budget/")).text
    assert "Résultats du budget participatif" in page


def test_a_past_meeting_offers_no_registration(process, client_as):
    past = meeting_in(process, -2)
    page = client_as("citoyen").get(url(process, f"reunions/{past.pk}/")).text
    assert "M'inscrire" not in page and "Cette réunion a déjà eu lieu" in page


def test_an_upcoming_meeting_offers_registration(process, client_as):
    upcoming = meeting_in(process, 2)
    page = client_as("citoyen").get(url(process, f"reunions/{upcoming.pk}/")).text
    assert "M'inscrire" in page


def test_editing_a_meeting_shows_its_current_values(process, client_as):
    upcoming = meeting_in(process, 2)
    page = client_as("gestionnaire").get(url(process, f"reunions/{upcoming.pk}/modifier/")).text
    assert 'value="Atelier mobilités"' in page and 'value="Maison des associations"' in page
