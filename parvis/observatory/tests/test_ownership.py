"""Derived public objects re-check their sources; a gestionnaire claims only their own territory's dashboard."""

import pytest

from parvis.catalog.models import Access
from parvis.observatory.models import Indicator
from parvis.observatory.services import IndicatorError, compute_indicator, refresh_if_stale


@pytest.fixture
def public_indicator(make_resource, org, referentiel):  # noqa: F811
    resource = make_resource("code,n\n94028,1\n94068,2\n", title="Source publique")
    indicator = Indicator.objects.create(
        title="Indicateur public",
        slug="indicateur-public",
        organisation=org,
        resource=resource,
        code_column="code",
        aggregation="sum",
        value_column="n",
        level="commune",
        year=2026,
        source="Test",
        is_public=True,
    )
    compute_indicator(indicator)
    return indicator


def test_a_dataset_made_private_stops_feeding_its_public_indicator_with_a_visible_note(
    public_indicator, client
):
    dataset = public_indicator.resource.dataset
    dataset.access = Access.PRIVATE
    dataset.save()
    before = public_indicator.runs.count()
    with pytest.raises(IndicatorError):  # what a new version of the dataset triggers
        compute_indicator(public_indicator)
    assert refresh_if_stale(public_indicator) is None
    public_indicator.refresh_from_db()
    assert public_indicator.runs.count() == before
    assert "n’est plus public" in public_indicator.source_note
    page = client.get(public_indicator.get_absolute_url()).content.decode()
    assert "n’est plus mis à jour" in page


def test_the_note_goes_away_once_the_dataset_is_public_again(public_indicator):
    dataset = public_indicator.resource.dataset
    dataset.access = Access.PRIVATE
    dataset.save()
    refresh_if_stale(public_indicator)
    dataset.access = Access.PUBLIC
    dataset.save()
    refresh_if_stale(public_indicator)
    public_indicator.refresh_from_db()
    assert public_indicator.source_note == ""


def test_a_gestionnaire_can_claim_only_their_own_territory_s_dashboard(demo, users, client_as):
    gestionnaire = client_as("gestionnaire")  # of the EPT 200058006
    assert gestionnaire.get("/observatoire/tableau/commune/94028/modifier/").status_code == 200
    assert gestionnaire.get("/observatoire/tableau/departement/94/modifier/").status_code == 403
    response = gestionnaire.post("/observatoire/tableau/departement/94/modifier/", {})
    assert response.status_code == 403
