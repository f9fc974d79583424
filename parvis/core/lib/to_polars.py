"""Arrow tables and arrays as polars frames and series, with the type polars cannot tell (no Django).

``pl.from_arrow`` answers ``DataFrame | Series`` whatever it is given; a table or record batch always gives
a DataFrame and an array a Series, which these two functions say once for every caller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parvis.core.lib import lazy

if TYPE_CHECKING:
    import polars as pl
    import pyarrow as pa
else:
    pl = lazy.module("polars")


def dataframe(table: pa.Table | pa.RecordBatch) -> pl.DataFrame:
    frame = pl.from_arrow(table)
    if not isinstance(frame, pl.DataFrame):
        raise TypeError(f"an Arrow table was expected, not {type(table).__name__}")
    return frame


def series(array: pa.Array | pa.ChunkedArray) -> pl.Series:
    column = pl.from_arrow(array)
    if not isinstance(column, pl.Series):
        raise TypeError(f"an Arrow array was expected, not {type(array).__name__}")
    return column
