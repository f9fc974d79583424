"""Issue 14 findings on the catalogue: huge paging parameters, a `rowid` column, NaN and Infinity in
JSON and XLSX outputs (valid JSON, no 500, no temporary file left)."""

import json
from pathlib import Path

import pytest
from django.conf import settings

NUMBERS_CSV = "code,valeur\nA,1.5\nB,NaN\nC,inf\nD,-inf\n"


@pytest.fixture
def numbers(make_dataset):
    dataset, version = make_dataset(title="Mesures", csv=NUMBERS_CSV)
    return f"/api/catalog/datasets/{dataset.slug}/resources/{dataset.resources.get().slug}"


@pytest.mark.parametrize(
    "query",
    ["offset=99999999999999999999", "offset=-1", "limit=0", "limit=99999999999999999999", "limit=abc"],
)
def test_out_of_range_paging_of_the_dataset_list_is_refused_in_french_not_a_500(client_as, query):
    response = client_as("anonyme").get(f"/api/catalog/datasets?{query}")
    assert response.status_code == 422
    assert response.json()["detail"] == "Paramètres invalides."


def test_a_column_named_rowid_is_renamed_on_import_and_paging_stays_right(make_dataset, client_as):
    rows = "".join(f"{i},ligne {i}\n" for i in range(250))
    dataset, version = make_dataset(title="Lignes", csv="rowid,nom\n" + rows)
    assert [c["name"] for c in version.columns] == ["rowid_2", "nom"]
    base = f"/api/catalog/datasets/{dataset.slug}/resources/{dataset.resources.get().slug}/rows"
    client = client_as("anonyme")
    seen, url = [], f"{base}?_size=100&_sort=-nom"
    while url:
        body = client.get(url).json()
        seen += [row["rowid_2"] for row in body["rows"]]
        url = body["next"]
    assert sorted(seen) == list(range(250)) and len(seen) == 250


ROWID_SCHEMA = {
    "fields": [
        {"name": "rowid", "type": "integer"},
        {"name": "__rowid", "type": "string"},
        {"name": "groupe", "type": "string"},
    ]
}


@pytest.fixture
def rowid_schema_rows(make_dataset):
    """A Table Schema whose fields are named ``rowid`` (DuckDB's pseudo-column) and ``__rowid`` (the name the
    query layer gives the row position), with values that disagree with the row positions."""
    lines = "".join(f"{1000 - i},ligne {i},{'pair' if i % 2 == 0 else 'impair'}\n" for i in range(250))
    dataset, version = make_dataset(
        title="Réservés", csv="rowid,__rowid,groupe\n" + lines, schema=ROWID_SCHEMA
    )
    assert version.status == "ready", version.failure
    return version, f"/api/catalog/datasets/{dataset.slug}/resources/{dataset.resources.get().slug}"


def test_a_schema_field_named_rowid_is_stored_under_a_name_that_does_not_shadow_duckdbs_row_id(
    rowid_schema_rows, client_as
):
    version, base = rowid_schema_rows
    assert [(c["name"], c["type"]) for c in version.columns] == [
        ("rowid_2", "integer"),
        ("__rowid", "string"),
        ("groupe", "string"),
    ]
    response = client_as("anonyme").get(f"{base}/rows?_size=3")
    assert response.status_code == 200, (
        response.content,
        version.resource.dataset.published,
        version.is_current,
        version.valid,
        version.error_count,
    )
    body = response.json()
    assert [c["name"] for c in body["columns"]] == ["rowid_2", "__rowid", "groupe"]
    assert body["rows"][0] == {"rowid_2": 1000, "__rowid": "ligne 0", "groupe": "pair"}
    assert body["total"] == 250


@pytest.mark.parametrize("sort", ["rowid_2", "-rowid_2", "__rowid", "-groupe,rowid_2"])
def test_paging_a_schema_with_reserved_names_returns_every_row_once(rowid_schema_rows, client_as, sort):
    _version, base = rowid_schema_rows
    client = client_as("anonyme")
    seen, url = [], f"{base}/rows?_size=40&_sort={sort}"
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        seen += [row["rowid_2"] for row in response.json()["rows"]]
        url = response.json()["next"]
    assert sorted(seen) == list(range(751, 1001))
    if sort == "rowid_2":
        assert seen == list(range(751, 1001))


def test_filters_offsets_facets_and_aggregates_work_on_reserved_names(rowid_schema_rows, client_as):
    _version, base = rowid_schema_rows
    client = client_as("anonyme")
    body = client.get(f"{base}/rows?rowid_2__gte=995&_sort=rowid_2").json()
    assert [row["rowid_2"] for row in body["rows"]] == [995, 996, 997, 998, 999, 1000]
    body = client.get(f"{base}/rows?__rowid=ligne 7").json()
    assert [row["rowid_2"] for row in body["rows"]] == [993]
    body = client.get(f"{base}/rows?_sort=rowid_2&_offset=10&_size=2").json()
    assert [row["rowid_2"] for row in body["rows"]] == [761, 762]
    facets = client.get(f"{base}/facets?_facet=groupe&rowid_2__lt=761").json()["facets"]["groupe"]
    assert sorted((f["value"], f["count"]) for f in facets) == [("impair", 5), ("pair", 5)]
    response = client.get(f"{base}/aggregate?_group=groupe&_agg=max:rowid_2&__rowid__like=ligne 1%")
    assert response.status_code == 200, response.content
    assert sorted(tuple(row.values()) for row in response.json()["rows"]) == [("impair", 999), ("pair", 990)]


def test_a_version_stored_with_a_rowid_column_before_the_rename_asks_in_french_for_a_reimport(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq
    from django.http import QueryDict

    from parvis.catalog import query

    path = tmp_path / "ancienne.parquet"
    pq.write_table(pa.table({"RowId": [7, 8], "nom": ["a", "b"]}), path)
    spec = query.parse(QueryDict("_sort=nom"), query.schema_of(str(path)))
    with pytest.raises(query.QueryError) as refused:
        query.rows(str(path), spec, query.Limits())
    assert refused.value.status == 400
    assert "réimportez le fichier, la colonne sera renommée « RowId_2 »" in refused.value.message_fr


def test_the_rows_api_writes_nan_and_infinity_as_null_so_the_json_is_valid(numbers, client_as):
    response = client_as("anonyme").get(f"{numbers}/rows")
    text = response.content.decode()
    assert response.status_code == 200
    assert "NaN" not in text and "Infinity" not in text
    body = json.loads(text, parse_constant=lambda token: pytest.fail(f"invalid JSON token {token}"))
    assert [row["valeur"] for row in body["rows"]] == [1.5, None, None, None]


def test_json_export_is_valid_json_with_nan_and_infinity(numbers, client_as):
    response = client_as("anonyme").get(f"{numbers}/export/json")
    text = b"".join(response.streaming_content).decode()
    assert json.loads(text, parse_constant=lambda token: pytest.fail(token))[1]["valeur"] is None


def test_xlsx_export_of_nan_and_infinity_answers_200_and_leaves_no_temporary_file(numbers, client_as):
    tmp = Path(settings.PARVIS_DATA_DIR) / "tmp"
    before = set(tmp.rglob("*")) if tmp.exists() else set()
    response = client_as("anonyme").get(f"{numbers}/export/xlsx")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert content[:2] == b"PK"
    after = {p for p in tmp.rglob("*") if p.is_file()} if tmp.exists() else set()
    assert after <= before
