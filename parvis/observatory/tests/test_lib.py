"""Aggregation, classification and IFN arithmetic on plain polars tables."""

import polars as pl
import pytest

from parvis.observatory.lib import classify, ifn
from parvis.observatory.lib.aggregate import AggregationError, Spec, aggregate, roll_up
from parvis.territory.lib.codes import clean_commune_code

KNOWN = {"01001", "94028", "94002", "2A004"}


def resolve(raw):
    code, problem = clean_commune_code(raw)
    if code is None:
        return None, problem
    return (code, None) if code in KNOWN else (None, "unknown")


def test_sum_repairs_codes_and_adds_duplicates():
    frame = pl.DataFrame({"code": ["1001", "94028", "94028"], "n": ["1 000,5", "2", "3"]})
    result = aggregate(frame, Spec("code", "sum", "n"), resolve)
    assert result.values.select("code", "value").rows() == [("01001", 1000.5), ("94028", 5.0)]
    assert result.duplicated_codes == ["94028"]


def test_unknown_codes_are_reported_with_their_line():
    frame = pl.DataFrame({"code": ["94028", "99999", "94002"], "n": [1, 2, 3]})
    result = aggregate(frame, Spec("code", "sum", "n"), resolve)
    assert result.unmatched == [{"line": 3, "raw": "99999", "problem": "unknown"}]
    assert result.values.height == 2


def test_text_that_is_not_a_number_is_reported_not_counted():
    frame = pl.DataFrame({"code": ["94028", "94002"], "n": ["12", "douze"]})
    result = aggregate(frame, Spec("code", "mean", "n"), resolve)
    assert result.bad_values == [{"line": 3, "column": "n", "raw": "douze"}]
    assert result.values.filter(pl.col("code") == "94002")["value"][0] is None


def test_rate_divides_summed_numerators_by_summed_denominators():
    frame = pl.DataFrame({"code": ["94028", "94028"], "a": [1, 3], "b": [10, 10]})
    result = aggregate(frame, Spec("code", "rate", "a", "b"), resolve)
    assert result.values["value"][0] == pytest.approx(20.0)


def test_count_counts_rows_per_code():
    frame = pl.DataFrame({"code": ["94028", "94028", "94002"]})
    result = aggregate(frame, Spec("code", "count"), resolve)
    assert result.values.select("code", "value").rows() == [("94002", 1.0), ("94028", 2.0)]


@pytest.mark.parametrize(
    ("codes", "key"),
    [
        (["Créteil", "Alfortville", "Paris"], "no_codes"),
        (["94028", "200058006", "94002"], "mixed_levels"),
        (["", None, ""], "no_codes"),
    ],
)
def test_unusable_code_columns_are_refused(codes, key):
    frame = pl.DataFrame({"code": codes, "n": [1, 2, 3]})
    with pytest.raises(AggregationError) as error:
        aggregate(frame, Spec("code", "sum", "n"), resolve)
    assert error.value.key == key


def test_weighted_mean_roll_up_uses_population():
    values = pl.DataFrame({"code": ["a", "b"], "value": [10.0, 20.0]})
    assert roll_up(values, "weighted_mean", {"a": 1, "b": 3}) == pytest.approx(17.5)
    assert roll_up(values, "mean") == pytest.approx(15.0)
    assert roll_up(values, "sum") == pytest.approx(30.0)


def test_quantile_breaks_put_as_many_values_in_each_class():
    edges = classify.breaks(range(1, 101), "quantiles", 4)
    assert edges == [25.0, 50.0, 75.0, 100.0]


def test_equal_intervals_and_jenks():
    assert classify.breaks([0, 10], "equal", 2) == [5.0, 10.0]
    edges = classify.breaks([1, 1, 2, 2, 50, 51, 52, 100, 101], "jenks", 3)
    assert edges == [2.0, 52.0, 101.0]


def test_signed_values_get_a_diverging_palette_centred_on_zero():
    edges, colours = classify.choropleth([-5, -1, 2, 8], classes=4)
    assert 0.0 in edges and len(edges) == len(colours) == 4
    assert colours[0] in classify.DIVERGING and colours[-1] in classify.DIVERGING


def test_ifn_equal_weights_give_the_plain_mean_and_flag_missing_inputs():
    frame = pl.DataFrame(
        {
            "code": ["a", "b"],
            "no_thd_coverage_rate": [10.0, 4.0],
            "no_4g_coverage_rate": [7.0, None],
            "poverty_rate": [2.0, 6.0],
            "older_65_rate": [5.0, 8.0],
            "nscol15p_rate": [6.0, 2.0],
        }
    )
    out = ifn.compute(frame)
    assert out["score"].to_list() == pytest.approx([6.0, 5.0])
    assert out["complete"].to_list() == [True, False]
    weighted = ifn.compute(frame, {**ifn.DEFAULT_WEIGHTS, "poverty_rate": 3.0})
    assert weighted["score"][0] == pytest.approx((10 + 7 + 6 + 5 + 6) / 7)


def test_decile_scores_run_from_1_to_10():
    frame = pl.DataFrame({"raw": [float(i) for i in range(100)]})
    out = ifn.decile_scores(frame, [ifn.Input("poverty_rate", "raw")])
    assert out["poverty_rate"].min() == 1 and out["poverty_rate"].max() == 10
    assert out["poverty_rate"].value_counts()["count"].to_list() == [10] * 10
