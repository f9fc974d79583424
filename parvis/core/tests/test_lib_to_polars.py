"""Arrow tables and arrays handed to polars with the type polars cannot tell."""

import polars as pl
import pyarrow as pa
import pytest

from parvis.core.lib import to_polars


def test_a_table_becomes_a_dataframe_with_its_columns_and_values():
    table = pa.table({"code": ["94028", "94046"], "population": [92_000, 53_000]})
    frame = to_polars.dataframe(table)
    assert isinstance(frame, pl.DataFrame)
    assert frame.columns == ["code", "population"]
    assert frame.to_dicts() == [
        {"code": "94028", "population": 92_000},
        {"code": "94046", "population": 53_000},
    ]


def test_a_record_batch_becomes_a_dataframe_too():
    batch = pa.RecordBatch.from_pydict({"x": [1.5, None]})
    assert to_polars.dataframe(batch)["x"].to_list() == [1.5, None]


def test_an_array_or_a_chunked_array_becomes_a_series():
    assert to_polars.series(pa.array(["a", None])).to_list() == ["a", None]
    assert to_polars.series(pa.chunked_array([[1], [2, 3]])).to_list() == [1, 2, 3]


def test_the_wrong_kind_of_arrow_value_is_refused_rather_than_typed_wrong():
    with pytest.raises(TypeError, match="Arrow table"):
        to_polars.dataframe(pa.array([1, 2]))
    with pytest.raises(TypeError, match="Arrow array"):
        to_polars.series(pa.table({"x": [1]}))
