"""Heavy libraries imported on first use instead of at import time.

Every Parvis process imports every app (Django's app registry, the URL configuration, the task modules), but
few of them ever read a Parquet file, open DuckDB, fit a topic model or drive a browser. Imported at module
level, pyarrow, polars, duckdb, scikit-learn, shapely, pyproj and playwright cost about 250 MB in each web
worker and in the task worker. ``pa = lazy.module("pyarrow")`` behaves like ``import pyarrow as pa`` from
the first attribute read on.
"""

from __future__ import annotations

import importlib
import types


class _LazyModule(types.ModuleType):
    def __getattr__(self, attribute: str) -> object:
        real = importlib.import_module(self.__name__)
        self.__dict__.update(real.__dict__)  # later reads skip __getattr__
        return getattr(real, attribute)


def module(name: str) -> types.ModuleType:
    return _LazyModule(name)
