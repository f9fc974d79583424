"""Services other apps call: search, code normalisation, population, centroid, postcodes, size classes."""

import pytest

from parvis.territory.selectors import (
    centroid,
    communes_for_postcode,
    normalise_commune_code,
    population,
    resolver,
    search,
    size_class,
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("creteil", "94028"),
        ("Créteil", "94028"),
        ("CRÉTEIL", "94028"),
        ("94000", "94028"),
        ("94028", "94028"),
        ("boissy saint leger", "94004"),
        ("Guéret", "23096"),
    ],
)
def test_search_finds_communes_by_name_code_or_postcode(referentiel, query, expected):
    assert search(query)[0].code == expected


def test_search_finds_groups_by_name_and_siren(referentiel):
    assert search("Grand Paris Sud Est")[0].code == "200058006"
    assert search("200058006")[0].name.startswith("Grand Paris Sud Est Avenir")
    assert search("23")[0].name == "Creuse"


def test_search_with_nothing_to_find_is_empty(referentiel):
    assert search("zzzz introuvable") == []
    assert search("   ") == []
    assert search("!!! ---") == []


@pytest.mark.parametrize(
    ("raw", "kwargs", "expected"),
    [
        ("1001", {}, "01001"),
        (1001, {}, "01001"),
        ("2A004", {}, "2A004"),
        ("2a004", {}, "2A004"),
        ("13201", {"roll_up_arrondissements": True}, "13055"),
        ("13201", {}, "13201"),
        ("94028", {}, "94028"),
    ],
)
def test_codes_are_normalised(referentiel, raw, kwargs, expected):
    assert normalise_commune_code(raw, **kwargs) == (expected, None)


def test_old_codes_of_merged_communes_resolve_to_the_new_commune(referentiel):
    assert normalise_commune_code("23121") == ("23109", None)


@pytest.mark.parametrize(
    ("raw", "message"),
    [("99999", "inconnu du référentiel"), ("Créteil", "n’est pas un code commune"), ("", "code vide")],
)
def test_bad_codes_are_reported_in_french(referentiel, raw, message):
    code, problem = normalise_commune_code(raw)
    assert code is None and message in problem


def test_resolver_gives_the_same_answers_for_a_whole_column(referentiel):
    resolve = resolver(roll_up_arrondissements=True)
    assert [resolve(x)[0] for x in ["1001", "2A004", "13201", "99999"]] == ["01001", "2A004", "13055", None]


def test_population_and_centroid_of_creteil(referentiel):
    assert population("94028") == 93397
    lat, lon = centroid("94028")
    assert 48.7 < lat < 48.85 and 2.4 < lon < 2.5
    assert population("99999") is None and centroid("99999") is None


def test_communes_for_postcode(referentiel):
    assert [c.code for c in communes_for_postcode("94000")] == ["94028"]
    assert communes_for_postcode("9400") == []


def test_size_classes(referentiel):
    assert size_class("94028")[0] == "50k-100k"
    assert size_class(800) == ("lt1k", "moins de 1 000 habitants")
    assert size_class(250_000)[0] == "100k+"
    assert size_class("99999") is None
