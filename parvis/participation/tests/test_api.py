"""The JSON API: suggestions, proposals, supports and synthesis, with French errors."""

import pytest

pytestmark = pytest.mark.django_db


def test_similar_returns_close_proposals_with_their_url(process, proposal, client):
    data = client.get(
        f"/api/participation/processes/{process.slug}/similar", {"q": "pistes cyclables"}
    ).json()
    assert [d["id"] for d in data] == [proposal.pk] and data[0]["url"] == proposal.get_absolute_url()


def test_similar_ignores_masked_proposals(process, proposal, client):
    proposal.visibility = "masque"
    proposal.save()
    assert (
        client.get(f"/api/participation/processes/{process.slug}/similar", {"q": "pistes cyclables"}).json()
        == []
    )


def test_empty_proposal_is_a_400_in_french(process, client_as):
    response = client_as("citoyen").post(
        f"/api/participation/processes/{process.slug}/proposals",
        {"title": "", "body": ""},
        content_type="application/json",
    )
    assert response.status_code == 400 and "Donnez un titre" in response.json()["detail"]


def test_second_support_is_a_400_in_french(proposal, client_as):
    client = client_as("gestionnaire")
    assert client.post(f"/api/participation/proposals/{proposal.pk}/supports").status_code == 201
    response = client.post(f"/api/participation/proposals/{proposal.pk}/supports")
    assert (
        response.status_code == 400 and response.json()["detail"] == "Vous soutenez déjà cette proposition."
    )


def test_api_writes_are_rate_limited_with_a_french_429(process, client_as):
    client = client_as("citoyen")
    statuses = [
        client.post(
            f"/api/participation/processes/{process.slug}/proposals",
            {"title": f"Idée {i}", "body": f"Texte {i}"},
            content_type="application/json",
        ).status_code
        for i in range(21)
    ]
    assert statuses[:20] == [201] * 20 and statuses[20] == 429


def test_synthesis_is_404_with_a_message_before_the_first_run(process, client):
    response = client.get(f"/api/participation/processes/{process.slug}/synthesis")
    assert response.status_code == 404 and "Pas encore de synthèse" in response.json()["detail"]


def test_unknown_process_is_a_french_404(client):
    response = client.get("/api/participation/processes/inconnue")
    assert response.status_code == 404 and response.json()["detail"] == "Ressource introuvable."
