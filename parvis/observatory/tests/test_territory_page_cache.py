"""The territory page keeps what it shows anonymous visitors in the shared cache under the version of its data:
a second visit costs a few queries, and every change of what the page shows is seen at the next visit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parvis.catalog import services as catalog
from parvis.observatory.models import Dashboard, Indicator
from parvis.observatory.services import save_dashboard
from parvis.territory.selectors import get_territory
from parvis.territory.services import save_custom_territory

PAGE = "/territoires/commune/94028/"
pytestmark = pytest.mark.django_db


def _visit(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(PAGE).content.decode()
    return html, len(queries)


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def test_a_second_anonymous_visit_is_served_from_the_cache(demo, client):
    first, first_queries = _visit(client)
    second, second_queries = _visit(client)
    assert _main(second) == _main(first)  # the layout around differs (the CSP nonce of each response)
    assert "Taux de chômage des 15-64 ans" in second
    assert second_queries <= 6 < first_queries


def test_datasets_created_published_or_unpublished_show_at_the_next_visit(demo, client, users):
    assert "Bornes du Val-de-Marne" not in _visit(client)[0]
    dataset = catalog.create_dataset(
        organisation=demo, title="Bornes du Val-de-Marne", coverage=["94"], published=True
    )
    assert "Bornes du Val-de-Marne" in _visit(client)[0]
    catalog.set_published(dataset=dataset, published=False, actor=users["gestionnaire"])
    assert "Bornes du Val-de-Marne" not in _visit(client)[0]


def test_a_dashboard_change_shows_at_the_next_visit(demo, client):
    assert "Taux de chômage des 15-64 ans" in _visit(client)[0]
    dashboard = Dashboard.objects.get()
    others = Indicator.objects.exclude(title="Taux de chômage des 15-64 ans").filter(is_public=True)
    save_dashboard(
        actor=None,
        territory=dashboard.territory,
        organisation=dashboard.organisation,
        indicator_ids=list(others.values_list("pk", flat=True)),
    )
    assert "Taux de chômage des 15-64 ans" not in _visit(client)[0]


def test_a_new_custom_territory_shows_at_the_next_visit(demo, client, users):
    assert "Quartiers prioritaires de Créteil" not in _visit(client)[0]
    save_custom_territory(
        actor=users["gestionnaire"],
        organisation=demo,
        name="Quartiers prioritaires de Créteil",
        description="",
        communes=[get_territory("commune", "94028")],
    )
    assert "Quartiers prioritaires de Créteil" in _visit(client)[0]


def test_signed_in_visitors_never_get_the_anonymous_copy(demo, client, client_as):
    catalog.create_dataset(organisation=demo, title="Bornes internes", coverage=["94028"], access="private")
    assert "Bornes internes" not in _visit(client)[0]
    assert "Bornes internes" in client_as("gestionnaire").get(PAGE).content.decode()
    assert "Bornes internes" not in _visit(client)[0]
