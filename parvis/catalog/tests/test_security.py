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
