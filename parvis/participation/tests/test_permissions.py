"""Permissions per role on every page and every API endpoint."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parvis.participation.models import Contribution, Meeting
from parvis.participation.services import synthesis

pytestmark = pytest.mark.django_db
ROLES = ["anonyme", "citoyen", "partenaire", "contributeur", "gestionnaire", "admin"]
LOGIN = 302


@pytest.fixture
def world(process, questions, proposal, users):
    qid = str(questions["ouverte"].pk)
    Contribution.objects.bulk_create(
        Contribution(process=process, answers={qid: t})
        for t in ("Plus de bus le soir", "Des arbres", "Des bus", "Des parcs")
    )
    synthesis.run(process=process, actor=None)
    meeting = Meeting.objects.create(
        process=process,
        title="Atelier",
        starts_at=timezone.now() + timedelta(days=2),
        place="Créteil",
        capacity=50,
    )
    return {"slug": process.slug, "pk": proposal.pk, "meeting": meeting.pk}


PUBLIC_PAGES = [
    "/participation/",
    "/participation/{slug}/",
    "/participation/{slug}/resultats/",
    "/participation/{slug}/questionnaire/imprimer/",
    "/participation/{slug}/propositions/",
    "/participation/{slug}/propositions/{pk}/",
    "/participation/{slug}/reunions/{meeting}/",
    "/participation/{slug}/budget/",
    "/participation/{slug}/moderation/journal/",
    "/participation/{slug}/synthese/",
    "/participation/{slug}/synthese/imprimer/",
    "/participation/{slug}/synthese/export.csv",
    "/participation/{slug}/synthese/export.json",
    "/participation/{slug}/donnees.csv",
    "/api/participation/processes",
    "/api/participation/processes/{slug}",
    "/api/participation/processes/{slug}/proposals",
    "/api/participation/processes/{slug}/similar?q=piste",
    "/api/participation/processes/{slug}/synthesis",
]
CONTRIBUTOR_PAGES = [
    "/participation/{slug}/questionnaire/",
    "/participation/{slug}/propositions/nouvelle/",
    "/participation/{slug}/signaler/proposal/{pk}/",
]
EXPECTED_AGENT = {
    "anonyme": LOGIN,
    "citoyen": 403,
    "partenaire": 403,
    "contributeur": 200,
    "gestionnaire": 200,
    "admin": 200,
}
EXPECTED_MANAGER = {**EXPECTED_AGENT, "contributeur": 403}


@pytest.mark.parametrize("role", ROLES)
def test_public_pages_and_api_reads_are_open_to_everyone(world, client_as, role):
    client = client_as(role)
    for url in PUBLIC_PAGES:
        assert client.get(url.format(**world)).status_code == 200, url


@pytest.mark.parametrize("role", ROLES)
def test_contribution_forms_need_a_signed_in_person(world, client_as, role):
    for url in CONTRIBUTOR_PAGES:
        assert client_as(role).get(url.format(**world)).status_code == (
            LOGIN if role == "anonyme" else 200
        ), url


def test_contribution_forms_need_a_verified_email(world, client, make_citizen):
    client.force_login(make_citizen(9, email_verified=False))
    for url in CONTRIBUTOR_PAGES:
        assert client.get(url.format(**world)).status_code == 403, url


@pytest.mark.parametrize("role", ROLES)
def test_paper_entry_is_for_the_organisations_agents(world, client_as, role):
    assert (
        client_as(role).get("/participation/{slug}/saisie-papier/".format(**world)).status_code
        == EXPECTED_AGENT[role]
    )


@pytest.mark.parametrize("role", ROLES)
def test_moderation_queue_and_import_are_for_gestionnaires(world, client_as, role):
    for url in ("/participation/{slug}/moderation/", "/participation/{slug}/import/"):
        assert client_as(role).get(url.format(**world)).status_code == EXPECTED_MANAGER[role], url


@pytest.mark.parametrize("role", ROLES)
def test_process_setup_pages_are_for_gestionnaires(world, client_as, role):
    client = client_as(role)
    for url in (
        "/participation/nouvelle/",
        "/participation/{slug}/modifier/",
        "/participation/{slug}/reunions/nouvelle/",
        "/participation/{slug}/reunions/{meeting}/modifier/",
    ):
        assert client.get(url.format(**world)).status_code == EXPECTED_MANAGER[role], url


@pytest.mark.parametrize("role", ROLES)
def test_manager_posts_are_refused_to_others(world, client_as, role):
    client = client_as(role)
    posts = [
        (
            "/participation/{slug}/propositions/{pk}/repondre/",
            {"status": "retenue", "official_answer": "Oui"},
        ),
        ("/participation/{slug}/moderation/proposal/{pk}/", {"action": "masquer", "reason": "test"}),
        ("/participation/{slug}/publier/", {}),
    ]
    for url, data in posts:
        status = client.post(url.format(**world), data).status_code
        assert status == (302 if EXPECTED_MANAGER[role] == 200 else EXPECTED_MANAGER[role]), url


@pytest.mark.parametrize("role", ROLES)
def test_synthesis_edits_are_for_agents(world, client_as, role):
    status = (
        client_as(role)
        .post("/participation/{slug}/synthese/modifier/".format(**world), {"op": "run"})
        .status_code
    )
    assert status == (302 if EXPECTED_AGENT[role] == 200 else EXPECTED_AGENT[role])


@pytest.mark.parametrize("role", ROLES)
def test_citizen_posts_need_a_signed_in_person(world, client_as, role):
    client = client_as(role)
    posts = (
        "/participation/{slug}/propositions/{pk}/soutenir/",
        "/participation/{slug}/propositions/{pk}/commenter/",
        "/participation/{slug}/reunions/{meeting}/",
        "/participation/{slug}/budget/",
    )
    for url in posts:
        response = client.post(url.format(**world), {"body": "Bien", "projects": []})
        if role == "anonyme":
            assert response.status_code == 302 and "/compte/connexion/" in response["Location"], url
        else:  # accepted (redirect) or refused with a French message on the page (empty ballot)
            assert response.status_code in (302, 400), url


@pytest.mark.parametrize("role", ROLES)
def test_api_writes_per_role(world, client_as, role):
    client = client_as(role)
    expected_citizen = 401 if role == "anonyme" else 201
    proposal = client.post(
        "/api/participation/processes/{slug}/proposals".format(**world),
        {"title": f"Idée de {role}", "body": "Des bancs au parc"},
        content_type="application/json",
    )
    assert proposal.status_code == expected_citizen
    support = client.post("/api/participation/proposals/{pk}/supports".format(**world))
    assert support.status_code == expected_citizen
    run = client.post("/api/participation/processes/{slug}/synthesis".format(**world))
    assert run.status_code == {"anonyme": 401, "citoyen": 403, "partenaire": 403}.get(role, 201)


def test_api_refuses_unverified_emails_in_french(world, client, make_citizen):
    client.force_login(make_citizen(8, email_verified=False))
    response = client.post("/api/participation/proposals/{pk}/supports".format(**world))
    assert response.status_code == 403 and "droits" in response.json()["detail"]
