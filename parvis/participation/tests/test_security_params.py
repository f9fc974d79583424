"""Issue 14, low findings: odd values in participation parameters get a French answer, never a 500."""

import pytest

from parvis.participation.tests.test_setup import form

pytestmark = pytest.mark.django_db
# Fixed by the conversion of the participation views to Django forms on the `ux` branch (issue 18 point 4);
# strict, so that these marks must go once it is merged.
SUP = "²"


@pytest.mark.parametrize("version", [SUP, "abc", "99999999999999999999", "-1"])
@pytest.mark.parametrize("page", ["synthese/", "synthese/imprimer/", "synthese/export.csv"])
def test_an_odd_synthesis_version_is_not_a_server_error(process, client_as, version, page):
    response = client_as("gestionnaire").get(f"/participation/{process.slug}/{page}", {"version": version})
    assert response.status_code < 500


@pytest.mark.parametrize("projects", [SUP, "99999999999999999999", "abc"])
def test_odd_budget_choices_are_not_a_server_error(process, client_as, projects):
    response = client_as("citoyen").post(f"/participation/{process.slug}/budget/", {"projects": projects})
    assert response.status_code < 500


@pytest.mark.parametrize("parent", ["abc", SUP, "99999999999999999999"])
def test_an_odd_comment_parent_is_not_a_server_error(process, proposal, client_as, parent):
    url = f"/participation/{process.slug}/propositions/{proposal.pk}/commenter/"
    response = client_as("citoyen").post(url, {"body": "Bonne idée", "parent": parent})
    assert response.status_code < 500


@pytest.mark.parametrize("capacity", [SUP, "99999999999999999999", "-5"])
def test_an_odd_meeting_capacity_is_refused_in_french(process, client_as, capacity):
    url = f"/participation/{process.slug}/reunions/nouvelle/"
    data = {"title": "Atelier", "kind": "atelier", "starts_at": "2027-01-10T18:00", "capacity": capacity}
    assert client_as("gestionnaire").post(url, data).status_code < 500


@pytest.mark.parametrize("threshold", [SUP, "99999999999999999999", "-3"])
def test_an_odd_support_threshold_is_refused_in_french(org, client_as, threshold):
    data = form(organisation=str(org.pk), support_threshold=threshold)
    assert client_as("gestionnaire").post("/participation/nouvelle/", data).status_code < 500


def test_a_stored_javascript_meeting_link_is_not_rendered_as_a_link(process, client):
    from django.utils import timezone

    from parvis.participation.models import Meeting

    meeting = Meeting.objects.create(
        process=process,
        title="Atelier",
        starts_at=timezone.now(),
        place="Créteil",
        online_url="javascript:alert(1)",
    )
    page = client.get(f"/participation/{process.slug}/reunions/{meeting.pk}/").content.decode()
    assert "javascript:" not in page


@pytest.mark.parametrize("url", ["javascript:alert(1)", "https://visio.example.org/x"])
def test_a_meeting_link_must_be_an_http_address(process, client_as, url):
    from parvis.participation.models import Meeting

    data = {"title": "Atelier", "kind": "hybride", "starts_at": "2027-01-10 18:00", "place": "Créteil"}
    client_as("gestionnaire").post(
        f"/participation/{process.slug}/reunions/nouvelle/", data | {"online_url": url}
    )
    assert list(Meeting.objects.values_list("online_url", flat=True)) in (
        [],
        [url] if url.startswith("http") else [],
    )
