"""The territory picker understands what people type: a name, a postcode; offers a choice when several
territories match, and says so when none does — never the silent fallback to the home territory."""

import pytest

from parvis.territory.selectors import pick

pytestmark = pytest.mark.django_db


def test_a_commune_name_picks_the_commune(referentiel):
    chosen = pick("Créteil").territory
    assert (chosen.kind, chosen.code) == ("commune", "94028")


def test_a_departement_name_picks_the_departement(referentiel):
    assert pick("Creuse").territory.kind == "departement"


def test_several_matches_are_offered_as_a_choice(referentiel):
    found = pick("Saint")
    assert found.territory is None and len(found.choices) > 1


def test_an_unknown_name_says_so_and_keeps_the_default(referentiel):
    home = pick("Créteil").territory
    found = pick("Atlantide", default=home)
    assert found.not_found and found.territory == home


def test_a_choice_link_picks_exactly_that_territory(referentiel):
    assert pick("ept:200058006").territory.name == "Grand Paris Sud Est Avenir"


def test_the_ifn_page_shows_the_commune_typed_not_the_home_territory(client, referentiel):
    body = client.get("/observatoire/ifn/", {"territoire": "Créteil"}).text
    assert "Indice de fragilité numérique (IFN) — Créteil" in body
    assert "type:code" not in body


def test_the_ifn_page_offers_a_choice_for_an_ambiguous_name(client, referentiel):
    body = client.get("/observatoire/ifn/", {"territoire": "Saint"}).text
    assert "Plusieurs territoires correspondent à « Saint »" in body and "?territoire=commune:" in body
