"""The API reference page speaks French: no English docstring leaks into it, and the query API's filters
(rows, facets, aggregates) are described there."""

import re

import pytest

pytestmark = pytest.mark.django_db
ENGLISH = re.compile(r"\b(?:the|of|and|with|when|returns?|is|are|to|for|this|that|which)\b")


def test_no_operation_is_described_in_english(client):
    from parvis.api import api

    schema = api.get_openapi_schema()
    english = [
        f"{method.upper()} {path}: {op.get('description', '')[:80]}"
        for path, item in schema["paths"].items()
        for method, op in item.items()
        if ENGLISH.search(op.get("description", "")) or ENGLISH.search(op.get("summary", ""))
    ]
    assert english == []


def test_the_rows_filters_are_documented_on_the_page(client):
    body = client.get("/api/docs").text
    for filter_syntax in ("col__gte", "col__in=a,b,c", "col__like", "_sort", "_facet=col", "_size", "_group"):
        assert filter_syntax in body, filter_syntax
