"""The query API: filters, sort, cursor pagination, facets, aggregates, older versions, errors."""

from pathlib import Path

import duckdb
import pytest
from django.conf import settings

from parvis.catalog import services
from parvis.catalog.models import ResourceVersion, VersionStatus

BASE = "/api/catalog/datasets/communes-de-gpsea/resources/communes-de-gpsea"


@pytest.fixture
def api(make_dataset, client):
    make_dataset()
    return client


def test_rows_are_filtered_sorted_and_limited_to_the_selected_columns(api):
    body = api.get(
        f"{BASE}/rows", {"population__gte": "10000", "_sort": "-population", "_col": "nom,population"}
    ).json()
    assert body["total"] == 4
    assert [r["nom"] for r in body["rows"]] == [
        "Créteil",
        "Alfortville",
        "Sucy-en-Brie",
        "Boissy-Saint-Léger",
    ]
    assert [c["name"] for c in body["columns"]] == ["nom", "population"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"nom": "Créteil"}, ["94028"]),
        ({"nom__ne": "Créteil", "population__lt": "5000"}, ["94047"]),
        ({"population__gt": "40000"}, ["94028", "94002"]),
        ({"code_insee__in": "94002,94071"}, ["94002", "94071"]),
        ({"nom__like": "%sur%"}, []),
        ({"nom__like": "%Brie%"}, ["94071"]),
        ({"nom__isnull": "1"}, []),
        ({"_q": "boissy"}, ["94004"]),
    ],
)
def test_each_filter_operator(api, params, expected):
    body = api.get(f"{BASE}/rows", params).json()
    assert [r["code_insee"] for r in body["rows"]] == expected


def test_cursor_pages_walk_every_row_once_in_sort_order(api):
    seen, params = [], {"_size": "2", "_sort": "nom"}
    while True:
        body = api.get(f"{BASE}/rows", params).json()
        seen += [r["nom"] for r in body["rows"]]
        if not body["next_cursor"]:
            break
        params["_cursor"] = body["next_cursor"]
    assert seen == sorted(seen) and len(seen) == 5


def test_page_size_is_capped_at_ten_thousand(api):
    response = api.get(f"{BASE}/rows", {"_size": "10001"})
    assert response.status_code == 400 and "10000" in response.json()["detail"]


def test_unknown_column_answers_400_in_french(api):
    response = api.get(f"{BASE}/rows", {"departement": "94"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Colonne inconnue : « departement »")


@pytest.mark.parametrize(
    "params",
    [
        {"nom": "x' OR '1'='1"},
        {'nom" = nom OR "nom': "x"},
        {"_sort": "nom; DROP TABLE catalog_dataset"},
        {"_col": "nom, (SELECT 1)"},
        {"population__in": "1) OR (1=1"},
    ],
)
def test_injected_sql_is_a_value_or_an_unknown_column_never_sql(api, params):
    response = api.get(f"{BASE}/rows", params)
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.json()["rows"] == []


def test_a_bad_value_for_a_typed_column_answers_400(api):
    response = api.get(f"{BASE}/rows", {"population__gt": "beaucoup"})
    assert response.status_code == 400 and "entier" in response.json()["detail"]


def test_facets_count_values_of_several_columns(api):
    body = api.get(f"{BASE}/facets", {"_facet": ["nom", "code_insee"], "population__lt": "20000"}).json()
    assert {f["value"] for f in body["facets"]["nom"]} == {"Boissy-Saint-Léger", "Mandres-les-Roses"}
    assert all(f["count"] == 1 for f in body["facets"]["code_insee"])


def test_aggregates_group_by_a_column(api):
    body = api.get(f"{BASE}/aggregate", {"_agg": ["count", "sum:population", "max:surface_km2"]}).json()
    assert body["rows"] == [{"count": 5, "sum_population": 184933, "max_surface_km2": 11.44}]


def test_an_older_version_stays_readable(api, make_dataset, users, write):
    from parvis.catalog.models import Resource

    resource = Resource.objects.get()
    path = write("v2.csv", "code_insee,nom,population,surface_km2\n94028,Créteil,1,1\n")
    services.start_import(resource=resource, actor=users["gestionnaire"], path=str(path), run_now=True)
    assert api.get(f"{BASE}/rows").json()["total"] == 1
    old = api.get(f"{BASE}/rows", {"_version": "1"}).json()
    assert old["version"] == 1 and old["total"] == 5
    versions = api.get(f"{BASE}/versions").json()
    assert [(v["number"], v["is_current"]) for v in versions] == [(2, True), (1, False)]


def test_import_status_gives_progress_and_rows_processed(api):
    body = api.get(f"{BASE}/versions/1").json()
    assert body["status"] == "ready" and body["progress"] == 100 and body["rows_processed"] == 5


def test_csv_export_neutralises_formulas(make_dataset, client):
    make_dataset(title="Formules", csv='nom,note\n=HYPERLINK("http://x"),+1\n@SUM(A1),-2\nnormal,3\n')
    response = client.get("/api/catalog/datasets/formules/resources/formules/export/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.splitlines()[1].startswith("\"'=HYPERLINK") or body.splitlines()[1].startswith("'=HYPERLINK")
    assert "'@SUM(A1)" in body and "normal" in body


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet", "xlsx"])
def test_every_export_format_downloads(api, fmt):
    response = api.get(f"{BASE}/export/{fmt}", {"population__gt": "40000"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert len(content) > 10


def test_geojson_export_needs_geographic_columns(api, make_dataset, client):
    assert api.get(f"{BASE}/export/geojson").status_code == 400
    make_dataset(title="Lieux", csv="nom,latitude,longitude\nMédiathèque,48.79,2.45\n")
    body = b"".join(
        client.get("/api/catalog/datasets/lieux/resources/lieux/export/geojson").streaming_content
    )
    assert b'"coordinates":[2.45,48.79]' in body


def test_xlsx_export_past_the_sheet_limit_gives_a_clear_message(api, monkeypatch):
    from parvis.catalog import exports

    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 3)
    response = api.get(f"{BASE}/export/xlsx")
    assert response.status_code == 400 and "XLSX est limité" in response.json()["detail"]


@pytest.fixture
def big_version(make_dataset):
    """A 3-million-row version written directly with DuckDB (slow enough to be interrupted)."""
    dataset, version = make_dataset(title="Gros")
    resource = dataset.resources.get()
    rel = f"datasets/{dataset.pk}/{resource.pk}/big.parquet"
    dest = Path(settings.STORAGES["default"]["OPTIONS"]["location"]) / rel
    duckdb.sql(
        f"COPY (SELECT i AS id, 'nom ' || (i % 1000) AS nom, md5(i::VARCHAR) AS h FROM range(3000000) t(i)) "
        f"TO '{dest}'"
    )
    ResourceVersion.objects.filter(resource=resource).update(is_current=False)
    return ResourceVersion.objects.create(
        resource=resource,
        number=2,
        status=VersionStatus.READY,
        is_current=True,
        parquet_path=rel,
        row_count=3_000_000,
    )


def test_a_query_past_the_time_limit_is_interrupted_with_a_french_503(big_version, client, settings):
    settings.PARVIS_QUERY_TIMEOUT = 0.02
    response = client.get("/api/catalog/datasets/gros/resources/gros/rows", {"_q": "zzz", "_sort": "h"})
    assert response.status_code == 503
    assert "durée maximale" in response.json()["detail"]


def test_a_query_that_would_run_forever_is_interrupted(settings):
    from parvis.catalog.query import Limits, QueryTimeout, engine

    with pytest.raises(QueryTimeout):
        engine.run("SELECT count(*) FROM range(1000000000000) a", [], Limits(timeout=0.2))
    assert engine.run("SELECT 42 AS x", [], Limits(timeout=0.2)).column("x").to_pylist() == [42]


def test_api_import_without_file_or_url_answers_400_in_french(make_dataset, client_as):
    make_dataset()
    response = client_as("gestionnaire").post(f"{BASE}/versions", {})
    assert response.status_code == 400 and "Envoyez un fichier" in response.json()["detail"]


def test_api_upload_declared_past_the_limit_is_refused_before_it_is_read(make_dataset, client_as, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _dataset, version = make_dataset()
    settings.PARVIS_MAX_UPLOAD_BYTES = 1000
    big = SimpleUploadedFile("gros.csv", b"code_insee,nom\n" + b"94028,Creteil\n" * 10_000)
    response = client_as("gestionnaire").post(f"{BASE}/versions", {"file": big})
    assert response.status_code == 413 and "taille maximale" in response.json()["detail"]
    assert list(version.resource.versions.all()) == [version]


def test_api_import_accepts_a_file_and_reports_its_status(make_dataset, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    make_dataset()
    response = client_as("gestionnaire").post(
        f"{BASE}/versions", {"file": SimpleUploadedFile("v2.csv", b"code_insee,nom\n94028,Creteil\n")}
    )
    assert response.status_code == 202 and response.json()["number"] == 2
    assert response.json()["status"] == "ready" and response.json()["is_current"]


@pytest.fixture
def many_values(make_dataset, client):
    """502 distinct « effectif » values: 40 rows of 1 (the most frequent), then 501 values once each."""
    lines = ["ville,effectif"] + ["Créteil,1"] * 40 + [f"Élancourt,{n}" for n in range(2, 503)]
    make_dataset(title="Effectifs", csv="\n".join(lines) + "\n")
    return client


EFFECTIFS = "/api/catalog/datasets/effectifs/resources/effectifs"


def test_facets_say_when_they_are_cut_and_how_many_values_there_are(many_values):
    body = many_values.get(f"{EFFECTIFS}/facets", {"_facet": ["effectif", "ville"]}).json()
    assert len(body["facets"]["effectif"]) == 30
    assert body["facets"]["effectif"][0] == {"value": 1, "count": 40}
    assert body["facets_info"]["effectif"] == {"truncated": True, "distinct": 502, "size": 30}
    assert body["facets_info"]["ville"] == {"truncated": False, "distinct": 2, "size": 30}
    assert body["facets"]["ville"] == [
        {"value": "Élancourt", "count": 501},
        {"value": "Créteil", "count": 40},
    ]


def test_facet_size_asks_for_more_values_and_ties_follow_the_values_text(many_values):
    body = many_values.get(f"{EFFECTIFS}/facets", {"_facet": "effectif", "_facet_size": "600"}).json()
    assert len(body["facets"]["effectif"]) == 502
    assert body["facets_info"]["effectif"] == {"truncated": False, "distinct": 502, "size": 600}
    assert [f["value"] for f in body["facets"]["effectif"][1:4]] == [10, 100, 101]  # ties: by text
    small = many_values.get(
        f"{EFFECTIFS}/facets", {"_facet": "effectif", "_facet_size": "1", "ville": "Créteil"}
    )
    assert small.json()["facets_info"]["effectif"] == {"truncated": False, "distinct": 1, "size": 1}


@pytest.mark.parametrize("size", ["0", "1001", "trente", "-5"])
def test_bad_facet_size_is_refused_in_french(many_values, size):
    response = many_values.get(f"{EFFECTIFS}/facets", {"_facet": "effectif", "_facet_size": size})
    assert response.status_code == 400
    assert "« _facet_size »" in response.json()["detail"]


@pytest.mark.parametrize("q", ["creteil", "CRÉTEIL", "créteil", "Creteil"])
def test_rows_search_ignores_accents_and_case(api, q):
    body = api.get(f"{BASE}/rows", {"_q": q}).json()
    assert [r["nom"] for r in body["rows"]] == ["Créteil"]


def test_rows_search_folds_accents_in_the_data_too(api):
    body = api.get(f"{BASE}/rows", {"_q": "boissy leger"}).json()
    assert [r["nom"] for r in body["rows"]] == ["Boissy-Saint-Léger"]
    assert api.get(f"{BASE}/rows", {"_q": "100%"}).json()["total"] == 0  # LIKE wildcards are plain text
