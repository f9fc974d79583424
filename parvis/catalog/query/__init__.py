"""Query layer of the catalogue: DuckDB over the immutable Parquet file of a resource version.

Usage (the services and the API wrap this; other apps should call ``parvis.catalog.selectors``)::

    from parvis.catalog import query
    schema = query.schema_of(path)
    spec = query.parse(request.GET, schema)        # QueryError (French, HTTP 400) on bad input
    page = query.rows(path, spec, query.Limits())  # QueryTimeout (HTTP 503) past the time limit

Every identifier is checked against the file's columns and quoted; every value is bound.
"""

from parvis.catalog.query.engine import Limits, bounded, schema_of
from parvis.catalog.query.errors import QueryError, QueryResourceError, QueryTimeout
from parvis.catalog.query.ops import Facet, Page, aggregate, count, export_batches, facets, row_at, rows
from parvis.catalog.query.spec import MAX_FACET_SIZE, MAX_PAGE_SIZE, Filter, QuerySpec, parse, type_label

__all__ = [
    "MAX_FACET_SIZE",
    "MAX_PAGE_SIZE",
    "Facet",
    "Filter",
    "Limits",
    "Page",
    "QueryError",
    "QueryResourceError",
    "QuerySpec",
    "QueryTimeout",
    "aggregate",
    "bounded",
    "count",
    "export_batches",
    "facets",
    "parse",
    "row_at",
    "rows",
    "schema_of",
    "type_label",
]
