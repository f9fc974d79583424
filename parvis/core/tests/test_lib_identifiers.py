from parvis.core.lib.identifiers import normalise, siret_valid


def test_a_siret_with_its_luhn_key_is_valid():
    assert siret_valid("73282932000074")


def test_a_wrong_key_a_wrong_length_or_letters_are_invalid():
    assert not siret_valid("73282932000075")
    assert not siret_valid("7328293200007")
    assert not siret_valid("7328293200007A")


def test_la_poste_establishments_use_the_sum_of_digits_rule():
    assert siret_valid("35600000000001")  # digits add up to 15
    assert siret_valid("35600000000048")  # the head office, with its Luhn key
    assert not siret_valid("35600000000002")


def test_spaces_and_dots_typed_between_groups_are_dropped():
    assert normalise("732 829 320.000-74") == "73282932000074"
