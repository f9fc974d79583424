"""RGPD across apps: the ZIP export holds every kind of participation; erasure keeps results unchanged."""

import io
import json
import zipfile

import pytest

from parvis.accounts.models import AuditEvent, User
from parvis.accounts.services import audit
from parvis.accounts.services.rgpd import erase_account, export_zip
from parvis.participation import selectors, services
from parvis.participation.models import Ballot, Comment, Contribution, Proposal, Support

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen_activity(process, questions, proposal, users, make_citizen):
    citoyen = users["citoyen"]
    other = make_citizen(1)
    services.support(proposal=proposal, user=citoyen)
    services.support(proposal=proposal, user=other)
    services.add_comment(proposal=proposal, user=citoyen, body="Oui, avec un éclairage la nuit.")
    cheap = list(process.budget_projects.filter(cost__lte=30_000).values_list("pk", flat=True))
    services.vote_budget(process=process, user=citoyen, project_ids=cheap)
    services.vote_budget(process=process, user=other, project_ids=cheap[:1])
    services.submit_contribution(
        process=process, user=citoyen, answers={str(questions["ouverte"].pk): "Plus de bus le soir"}
    )
    audit(actor=citoyen, action="participation.proposal.create", target=proposal)
    return citoyen


def read_zip(data: bytes) -> tuple[dict, dict[str, str]]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    content = json.loads(archive.read("donnees.json"))
    csvs = {
        name: archive.read(name).decode("utf-8-sig") for name in archive.namelist() if name.endswith(".csv")
    }
    return content, csvs


def test_the_export_holds_proposal_comment_support_ballot_and_answer(citizen_activity):
    content, csvs = read_zip(export_zip(citizen_activity))
    mine = content["participation"]
    assert mine["propositions"][0]["titre"] == "Une piste cyclable rue de Paris"
    assert mine["commentaires"][0]["texte"] == "Oui, avec un éclairage la nuit."
    assert mine["soutiens"][0]["proposition"] == "Une piste cyclable rue de Paris"
    assert sorted(mine["votes"][0]["projets"]) == ["Abris vélos", "Jardin partagé"]
    assert "Plus de bus le soir" in json.dumps(mine["reponses_aux_questionnaires"], ensure_ascii=False)
    assert content["accounts"]["compte"][0]["adresse_electronique"] == "citoyen@test.parvis.local"
    assert "Plus de bus le soir" in csvs["csv/participation-reponses_aux_questionnaires.csv"]
    assert "Abris vélos" in csvs["csv/participation-votes.csv"]


def test_erasure_keeps_every_vote_and_support_counted(citizen_activity, process, proposal):
    proposal.refresh_from_db()
    results_before = [
        (r["project"].title, r["votes"], r["funded"]) for r in selectors.budget_results(process)
    ]
    supports_before = (proposal.supports_count, proposal.supports.count())
    assert supports_before == (2, 2)

    erase_account(user=citizen_activity)

    proposal.refresh_from_db()
    assert [(r["project"].title, r["votes"], r["funded"]) for r in selectors.budget_results(process)] == (
        results_before
    )
    assert (proposal.supports_count, proposal.supports.count()) == supports_before
    assert Ballot.objects.filter(user=None).count() == 1 and Support.objects.filter(user=None).count() == 1
    assert Proposal.objects.get().author is None and Comment.objects.get().author is None
    assert Contribution.objects.get().author is None


def test_erasure_leaves_no_name_in_the_audit_log(citizen_activity):
    erase_account(user=citizen_activity)
    assert not User.objects.filter(email="citoyen@test.parvis.local").exists()
    labels = " ".join(AuditEvent.objects.values_list("actor_label", flat=True))
    labels += " ".join(AuditEvent.objects.values_list("target_label", flat=True))
    assert "citoyen@test.parvis.local" not in labels
    assert (
        AuditEvent.objects.filter(action="participation.proposal.create")
        .get()
        .actor_label.startswith("compte supprimé ")
    )
