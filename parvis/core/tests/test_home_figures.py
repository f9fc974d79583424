"""Key figures on the home page, gathered from each module's `home.py`."""

import pytest
from django.core.cache import cache

from parvis.territory.testing import referentiel  # noqa: F401  (fixture)


@pytest.mark.django_db
def test_the_home_page_shows_the_home_territory_population(client, referentiel):  # noqa: F811
    html = client.get("/").text
    assert "Le territoire en chiffres" in html
    assert "habitants de Grand Paris Sud Est Avenir" in html
    assert "16 communes" in html


@pytest.mark.django_db
def test_an_empty_instance_shows_no_figures(client):
    assert "Le territoire en chiffres" not in client.get("/").text


@pytest.mark.django_db
def test_a_failing_module_is_left_out_and_the_page_still_answers(client, referentiel, monkeypatch):  # noqa: F811
    from parvis.territory import home

    def broken(user):
        raise RuntimeError("boom")

    monkeypatch.setattr(home, "summary", broken)
    response = client.get("/")
    assert response.status_code == 200
    assert "habitants de" not in response.text


@pytest.mark.django_db
def test_anonymous_figures_are_cached_for_a_minute(client, referentiel):  # noqa: F811
    client.get("/")
    assert cache.get("core.home.figures.fr")  # one entry per language
