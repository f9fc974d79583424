"""Pure code helpers: what a spreadsheet does to INSEE codes and how we repair it."""

import pytest

from parvis.territory.lib.codes import (
    EMPTY,
    INVALID,
    arrondissement_parent,
    clean_commune_code,
    looks_like_siren,
    search_key,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1001", "01001"),
        (1001, "01001"),
        (1001.0, "01001"),
        ("1001.0", "01001"),
        (" 94028 ", "94028"),
        ("2a004", "2A004"),
        ("2B033", "2B033"),
    ],
)
def test_repairs_codes_damaged_by_spreadsheets(raw, expected):
    assert clean_commune_code(raw) == (expected, None)


@pytest.mark.parametrize("raw", [None, "", "  ", float("nan")])
def test_empty_cells_are_reported_as_empty(raw):
    assert clean_commune_code(raw) == (None, EMPTY)


@pytest.mark.parametrize("raw", ["Paris", "940280", "200058006", "2C004", 12.5])
def test_values_that_cannot_be_commune_codes_are_invalid(raw):
    assert clean_commune_code(raw) == (None, INVALID)


def test_municipal_arrondissements_know_their_commune():
    assert arrondissement_parent("13201") == "13055"
    assert arrondissement_parent("75112") == "75056"
    assert arrondissement_parent("69385") == "69123"
    assert arrondissement_parent("94028") is None


def test_siren_detection():
    assert looks_like_siren("200058006")
    assert not looks_like_siren("94028")


def test_search_key_drops_accents_case_and_punctuation():
    assert search_key("Créteil") == "creteil"
    assert search_key("Boissy-Saint-Léger") == "boissy saint leger"
    assert search_key("L'Haÿ-les-Roses") == "l hay les roses"
    assert search_key("Œuilly") == "oeuilly"
