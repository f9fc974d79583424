"""Honest statistics without Django: tie ranks, roll-ups by declared aggregation, gaps for reading."""

import polars as pl
import pytest

from parvis.observatory.lib.aggregate import AggregationError, Spec, aggregate, roll_up
from parvis.observatory.lib.stats import competition_ranks, reading_gap
from parvis.territory.lib.codes import clean_commune_code


def resolve(raw):
    code, problem = clean_commune_code(raw)
    return (code, None) if code else (None, problem)


def test_equal_values_share_a_rank_and_the_next_rank_skips_them():
    assert competition_ranks([10, 7, 7, 3]) == [1, 2, 2, 4]
    assert competition_ranks([3, 7, 10, 7]) == [4, 2, 1, 2]  # order of input kept
    assert competition_ranks([1.5, 1.5, 1.5]) == [1, 1, 1]


def test_a_missing_value_gets_no_rank_and_does_not_take_a_place():
    assert competition_ranks([None, 5, 9, None, 5]) == [None, 2, 1, None, 2]


def test_ranks_can_go_from_the_lowest_value():
    assert competition_ranks([10, 7, 7, 3], descending=False) == [4, 2, 2, 1]


def test_a_population_weighted_mean_weights_each_commune_by_its_population():
    frame = pl.DataFrame({"code": ["a", "b"], "value": [20_000.0, 30_000.0]})
    assert roll_up(frame, "weighted_mean", {"a": 3, "b": 1}) == 22_500.0
    assert roll_up(frame, "mean") == 25_000.0


def test_a_weighted_mean_without_any_known_population_gives_no_value_not_a_plain_mean():
    frame = pl.DataFrame({"code": ["a", "b"], "value": [20_000.0, 30_000.0]})
    assert roll_up(frame, "weighted_mean", {}) is None
    assert roll_up(frame, "weighted_mean", {"a": 0, "b": None}) is None


def test_communes_without_population_are_left_out_of_a_weighted_mean():
    frame = pl.DataFrame({"code": ["a", "b", "c"], "value": [10.0, 20.0, 99.0]})
    assert roll_up(frame, "weighted_mean", {"a": 1, "b": 1}) == 15.0


def test_a_non_aggregable_indicator_has_a_value_for_one_territory_only():
    one = pl.DataFrame({"code": ["a"], "value": [7.5]})
    two = pl.DataFrame({"code": ["a", "b"], "value": [7.5, 2.0]})
    assert roll_up(one, "none") == 7.5
    assert roll_up(two, "none") is None


def test_a_non_aggregable_column_with_a_code_twice_is_refused():
    frame = pl.DataFrame({"code": ["94028", "94028", "94002"], "rang": ["1", "2", "3"]})
    with pytest.raises(AggregationError) as error:
        aggregate(frame, Spec("code", "none", "rang"), resolve)
    assert error.value.key == "duplicates_not_aggregable"
    assert error.value.params == {"codes": "94028", "count": 1}


def test_gaps_are_written_for_reading():
    assert reading_gap(2.9226505416981605, 1) == "2,9"
    assert reading_gap(-0.8712, 2) == "0,87"
    assert reading_gap(1.8e-15) == "moins de 0,01"
    assert reading_gap(0.0) == "0"
    assert "0,000000" not in reading_gap(1e-7)
