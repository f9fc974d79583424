"""The shared slug helpers (no Django)."""

from django.utils.text import slugify as django_slugify

from parvis.core.lib.slugs import slugify, unique_slug


def test_slugify_gives_the_same_result_as_django():
    for text in ["Écoles de Créteil", "  L'œuvre — 2024 !", "déjà_vu--x", "", "Ñandú   café"]:
        assert slugify(text) == django_slugify(text)


def test_a_taken_slug_gets_the_next_free_number():
    taken = {"budget", "budget-2"}
    assert unique_slug("Budget", taken.__contains__, fallback="x") == "budget-3"


def test_an_empty_slug_falls_back_and_a_long_one_is_cut():
    assert unique_slug("!!!", lambda s: False, fallback="donnees") == "donnees"
    assert unique_slug("a" * 120, lambda s: False, fallback="x", max_length=10) == "a" * 10
