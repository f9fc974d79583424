"""French typography rules: plurals, « de » and « à » before names, dates and numbers."""

from datetime import date

import pytest

from parvis.core.lib.typography import NBSP, NNBSP, a, date_long, date_short, de, number, percent, plural


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0 lieu"), (1, "1 lieu"), (2, "2 lieux"), (1234, f"1{NNBSP}234 lieux"), (1.5, "1,5 lieu")],
)
def test_zero_and_one_take_the_singular_in_french(n, expected):
    assert plural(n, "lieu", "lieux").replace(NBSP, " ") == expected


def test_english_uses_its_own_plural_rule():
    assert plural(0, "place", "places", language="en").replace(NBSP, " ") == "0 places"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Le Plessis-Trévise", "du Plessis-Trévise"),
        ("Les Lilas", "des Lilas"),
        ("Alfortville", "d'Alfortville"),
        ("Ormesson-sur-Marne", "d'Ormesson-sur-Marne"),
        ("Hérouville-Saint-Clair", "de Hérouville-Saint-Clair"),
        ("Haÿ-les-Roses", "d'Haÿ-les-Roses"),
        ("La Queue-en-Brie", "de La Queue-en-Brie"),
        ("L'Haÿ-les-Roses", "de L'Haÿ-les-Roses"),
        ("Créteil", "de Créteil"),
        ("Grand Paris Sud Est Avenir", "de Grand Paris Sud Est Avenir"),
    ],
)
def test_de_contracts_and_elides_before_a_name(name, expected):
    assert de(name) == expected


def test_a_contracts_before_le_and_les():
    assert (a("Le Plessis-Trévise"), a("Les Lilas"), a("Créteil")) == (
        "au Plessis-Trévise",
        "aux Lilas",
        "à Créteil",
    )


def test_dates_are_short_or_long_with_the_first_of_the_month():
    assert date_short(date(2026, 12, 4)).replace(NBSP, " ") == "4 déc. 2026"
    assert date_long(date(2026, 12, 4)).replace(NBSP, " ") == "4 décembre 2026"
    assert date_long(date(2027, 3, 1)).replace(NBSP, " ") == "1er mars 2027"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234567, None, f"1{NNBSP}234{NNBSP}567"),
        (1234567.891, None, f"1{NNBSP}234{NNBSP}568"),
        (12.345, None, "12,3"),
        (2.5, None, "2,5"),
        (0.000000, None, "0"),
        (0.1234, None, "0,12"),
        (-0.001, None, "0"),
        (3.14159, 3, "3,142"),
    ],
)
def test_numbers_use_french_separators_and_sensible_rounding(value, decimals, expected):
    assert number(value, decimals) == expected


def test_percent_has_a_narrow_space_before_the_sign():
    assert percent(42.456) == f"42,5{NNBSP}%"
