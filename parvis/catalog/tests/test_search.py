"""Search that forgives: accents, case and word endings do not matter, on SQLite (FTS5) as on PostgreSQL
(tsvector), in the catalogue page and the API; facets by keyword, licence, organisation and theme."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from parvis.catalog import selectors, services
from parvis.catalog.models import Dataset, DatasetKeyword, DatasetSearch

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(org, partner_org, users):
    """Five published datasets whose accented words sit in titles, keywords, descriptions, organisations."""
    actor = users["gestionnaire"]

    def make(title, organisation=org, **fields):
        fields.setdefault("published", True)
        return services.create_dataset(organisation=organisation, title=title, actor=actor, **fields)

    return {
        "france_services": make(
            "Espaces France Services",
            keywords=["France Services", "accueil", "démarches"],
            licence="etalab-2.0",
            theme="GOVE",
            description="Lieux d'accueil pour les démarches administratives.",
        ),
        "velo": make(
            "Stationnements cyclables",
            keywords=["vélo", "mobilité"],
            licence="odbl-1.0",
            theme="TRAN",
            description="Arceaux et abris.",
        ),
        "equipements": make(
            "Équipements sportifs",
            keywords=["équipements", "sport"],
            licence="etalab-2.0",
            theme="EDUC",
            description="Gymnases et stades ; accès vélo indiqué.",
        ),
        "demarches_title": make(
            "Démarches en ligne",
            keywords=["services publics"],
            licence="cc-by-4.0",
            theme="GOVE",
            organisation=partner_org,
        ),
        "budget": make("Budget primitif", keywords=["finances"], licence="etalab-2.0", theme="ECON"),
    }


def _slugs(user, q, **filters):
    return [d.slug for d in selectors.search_datasets(user, selectors.DatasetQuery(q=q, **filters))]


@pytest.mark.parametrize("q", ["démarches", "demarches", "DÉMARCHES", "Demarches", "démarche"])
def test_accents_case_and_word_start_find_the_same_datasets(catalogue, q):
    expected = [catalogue["demarches_title"].slug, catalogue["france_services"].slug]
    assert _slugs(None, q) == expected  # title match first, then keyword (and description) match


@pytest.mark.parametrize("q", ["velo", "vélo", "VÉLO", "vél", "Vel"])
def test_velo_finds_the_keyword_before_the_description(catalogue, q):
    assert _slugs(None, q) == [catalogue["velo"].slug, catalogue["equipements"].slug]


def test_every_word_must_match_and_only_the_last_is_a_prefix(catalogue):
    assert _slugs(None, "equipements sport") == [catalogue["equipements"].slug]
    assert _slugs(None, "equipement sport") == []  # « equipement » is not the last word: a whole word
    assert _slugs(None, "sport equip") == [catalogue["equipements"].slug]
    assert _slugs(None, "licorne") == []


def test_the_organisation_name_is_searched(catalogue):
    assert _slugs(None, "mediatheques") == [catalogue["demarches_title"].slug]


def test_punctuation_only_or_sql_looking_queries_are_harmless(catalogue):
    assert len(_slugs(None, "« ! » ' \" * -")) == 5  # no word: every visible dataset
    assert _slugs(None, 'velo" OR "budget') == []  # no FTS syntax gets through: 4 words, none matches all
    assert _slugs(None, "NEAR(velo budget)") == []


def test_the_index_follows_edits_publication_and_deletion(catalogue, users, org, client):
    velo = catalogue["velo"]
    services.update_dataset(dataset=velo, actor=users["gestionnaire"], keywords=["bicyclette"])
    assert _slugs(None, "velo") == [catalogue["equipements"].slug]
    assert _slugs(None, "bicyclette") == [velo.slug]
    assert list(DatasetKeyword.objects.filter(dataset=velo).values_list("label", flat=True)) == ["bicyclette"]

    services.set_published(dataset=velo, published=False, actor=users["gestionnaire"])
    assert _slugs(None, "bicyclette") == []
    assert _slugs(users["gestionnaire"], "bicyclette") == [velo.slug]

    org.name = "Communauté d'agglomération Cœur de Seine"
    org.save()
    assert _slugs(None, "coeur seine budget") == [catalogue["budget"].slug]

    services.delete_dataset(dataset=velo, actor=users["gestionnaire"])
    assert _slugs(users["admin"], "bicyclette") == []
    assert not DatasetSearch.objects.filter(dataset_id=velo.pk).exists()


def test_rebuild_restores_a_lost_index(catalogue):
    DatasetSearch.objects.all().delete()
    DatasetKeyword.objects.all().delete()
    assert _slugs(None, "demarches") == []
    assert services.search.rebuild() == 5
    assert _slugs(None, "demarches") == [catalogue["demarches_title"].slug, catalogue["france_services"].slug]


def test_keywords_are_stored_as_written(catalogue):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT keywords FROM catalog_dataset WHERE id = %s", [catalogue["france_services"].pk]
        )
        raw = cursor.fetchone()[0]
    assert "démarches" in str(raw)
    assert "\\u00e9" not in str(raw)
    assert Dataset.objects.get(pk=catalogue["france_services"].pk).keywords[-1] == "démarches"


def test_facets_count_the_results_and_combine_with_words(catalogue):
    facets = {f["name"]: f for f in selectors.dataset_facets(Dataset.objects.filter(published=True))}
    licences = [(v["value"], v["count"]) for v in facets["licence"]["values"]]
    assert licences == [("etalab-2.0", 3), ("cc-by-4.0", 1), ("odbl-1.0", 1)]
    assert facets["theme"]["values"][0] == {
        "value": "GOVE",
        "label": "Gouvernement et secteur public",
        "count": 2,
    }
    assert [(v["value"], v["count"]) for v in facets["organisation"]["values"]] == [
        ("gpsea", 4),
        ("mediatheques", 1),
    ]
    assert facets["keyword"]["distinct"] == 9
    cut = {f["name"]: f for f in selectors.dataset_facets(Dataset.objects.all(), keyword_limit=3)}["keyword"]
    assert (len(cut["values"]), cut["distinct"], cut["truncated"]) == (3, 9, True)

    found = selectors.search_datasets(None, selectors.DatasetQuery(q="demarches", keywords=("Démarches",)))
    assert [d.slug for d in found] == [catalogue["france_services"].slug]
    by_licence = _slugs(None, "demarches", licence="cc-by-4.0")
    assert by_licence == [catalogue["demarches_title"].slug]


def test_catalogue_page_finds_accented_keywords_and_links_facets(catalogue, client):
    page = client.get("/donnees/", {"q": "DEMARCHES"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Démarches en ligne" in html and "Espaces France Services" in html
    assert "Stationnements cyclables" not in html
    assert 'href="?q=DEMARCHES&amp;mot_cle=demarches#resultats"' in html  # keyword facet as a plain link

    chosen = client.get("/donnees/", {"q": "DEMARCHES", "mot_cle": "demarches"}).content.decode()
    assert "Espaces France Services" in chosen and "Démarches en ligne" not in chosen
    assert 'aria-current="true"' in chosen
    assert 'href="?q=DEMARCHES#resultats"' in chosen  # the chosen value's link removes it


def test_catalogue_page_reports_bad_filters_in_french(catalogue, client):
    page = client.get("/donnees/", {"q": "velo", "theme": "ZZZ", "licence": "<script>"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Une partie de la recherche n'a pas été prise en compte" in html
    assert "Stationnements cyclables" in html  # the valid part of the search still applies


@pytest.mark.parametrize("q", ["démarches", "demarches", "DÉMARCHES"])
def test_api_q_searches_keywords_and_returns_facets(catalogue, client, q):
    body = client.get("/api/catalog/datasets", {"q": q}).json()
    assert [d["slug"] for d in body["results"]] == [
        catalogue["demarches_title"].slug,
        catalogue["france_services"].slug,
    ]
    assert body["count"] == 2
    licence = next(f for f in body["facets"] if f["name"] == "licence")
    assert {v["value"]: v["count"] for v in licence["values"]} == {"cc-by-4.0": 1, "etalab-2.0": 1}


def test_api_keyword_and_licence_filters(catalogue, client):
    body = client.get("/api/catalog/datasets", {"keyword": ["equipements", "sport"]}).json()
    assert [d["slug"] for d in body["results"]] == [catalogue["equipements"].slug]
    body = client.get("/api/catalog/datasets", {"licence": "odbl-1.0", "q": "vel"}).json()
    assert [d["slug"] for d in body["results"]] == [catalogue["velo"].slug]
    too_many = client.get("/api/catalog/datasets", {"keyword": list("abcdef")})
    assert too_many.status_code == 422
    assert too_many.json()["detail"] == "Paramètres invalides."


def test_reindex_command_rebuilds_the_index(catalogue):
    DatasetSearch.objects.all().delete()
    out = StringIO()
    call_command("catalog_reindex", stdout=out)
    assert "5 jeu(x) de données" in out.getvalue()
    assert _slugs(None, "velo") == [catalogue["velo"].slug, catalogue["equipements"].slug]
