"""Agents type in proposals, signed support sheets and budget ballots collected on paper: they count like
online ones, say where they came from, and every entry is audited."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parvis.accounts.models import AuditEvent
from parvis.participation.models import Ballot, Proposal, Support

pytestmark = pytest.mark.django_db


def url(process, suffix=""):
    return f"/participation/{process.slug}/{suffix}"


def collected(**extra):
    return {
        "channel": "papier",
        "place": "Mairie de Créteil",
        "collected_on": timezone.localdate().isoformat(),
        **extra,
    }


def test_a_paper_proposal_is_published_as_entered_by_an_agent(process, client_as, users):
    client = client_as("contributeur")
    response = client.post(
        url(process, "saisie-papier/proposition/"),
        collected(title="Un banc devant la poste", body="Pour se reposer en attendant le bus."),
    )
    assert response.status_code == 302 and "place=Mairie" in response["Location"]
    proposal = Proposal.objects.get()
    assert (proposal.channel, proposal.entered_by, proposal.author) == ("papier", users["contributeur"], None)
    page = client_as("anonyme").get(proposal.get_absolute_url()).text
    assert "recueillie sur papier (Mairie de Créteil" in page
    assert AuditEvent.objects.filter(action="participation.proposal.enter_paper").exists()


def test_a_signed_sheet_adds_its_supports_and_can_reach_the_threshold(proposal, client_as):
    response = client_as("contributeur").post(
        url(proposal.process, f"propositions/{proposal.pk}/soutiens-papier/"), collected(count="3")
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.supports_count == 3 and proposal.status == Proposal.Status.STUDY
    assert Support.objects.filter(user__isnull=True, channel="papier").count() == 3
    assert AuditEvent.objects.get(action="participation.support.enter_paper").details["count"] == 3


def test_a_paper_ballot_respects_the_ceiling(process, client_as):
    ids = list(process.budget_projects.values_list("pk", flat=True))
    client = client_as("contributeur")
    too_much = client.post(url(process, "saisie-papier/budget/"), collected(projects=ids))
    assert too_much.status_code == 400 and "au-delà du plafond" in too_much.text
    cheap = process.budget_projects.get(title="Jardin partagé")
    assert (
        client.post(url(process, "saisie-papier/budget/"), collected(projects=[cheap.pk])).status_code == 302
    )
    ballot = Ballot.objects.get()
    assert (ballot.user, ballot.channel, ballot.total) == (None, "papier", 30_000)


def test_several_paper_ballots_may_be_entered(process, client_as):
    cheap = process.budget_projects.get(title="Abris vélos")
    client = client_as("contributeur")
    for _n in range(2):
        client.post(url(process, "saisie-papier/budget/"), collected(projects=[cheap.pk]))
    assert Ballot.objects.count() == 2


def test_paper_must_have_been_collected_while_the_participation_was_open(process, client_as):
    before = (process.starts_on - timedelta(days=3)).isoformat()
    response = client_as("contributeur").post(
        url(process, "saisie-papier/proposition/"), collected(collected_on=before, title="T", body="B")
    )
    assert response.status_code == 400 and "pendant la participation" in response.text


def test_a_citizen_cannot_enter_paper(process, proposal, client_as):
    client = client_as("citoyen")
    assert client.get(url(process, "saisie-papier/proposition/")).status_code == 403
    assert client.get(url(process, f"propositions/{proposal.pk}/soutiens-papier/")).status_code == 403
    assert client.get(url(process, "saisie-papier/budget/")).status_code == 403


def test_an_odd_signature_count_is_a_french_400(proposal, client_as):
    response = client_as("contributeur").post(
        url(proposal.process, f"propositions/{proposal.pk}/soutiens-papier/"), collected(count="²")
    )
    assert (
        response.status_code == 400 and "Nombre de signatures : Saisissez un nombre entier." in response.text
    )
