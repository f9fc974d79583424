"""The catalogue in a real browser: browse, dataset, resource with its report, schema inference
(axe-core finds nothing; screenshots for the documentation) and an upload with JavaScript disabled."""

import pytest

from parvis.catalog import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCHEMA = {
    "fields": [
        {"name": "code_insee", "type": "string", "constraints": {"required": True, "pattern": "94[0-9]{3}"}},
        {"name": "nom", "type": "string", "constraints": {"required": True}},
        {"name": "population", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "surface_km2", "type": "number"},
    ],
    "primaryKey": "code_insee",
}


@pytest.fixture
def published(make_dataset, users, write):
    dataset, first = make_dataset(schema=SCHEMA)
    dataset.description = "Population et surface des communes du territoire."
    dataset.keywords = ["population", "communes"]
    dataset.save()
    bad = write(
        "v2.csv",
        "code_insee,nom,population,surface_km2\n94028,Créteil,-5,11.44\n9402,Alfortville,abc,3.67\n"
        "94028,,10,1\n",
    )
    services.start_import(
        resource=dataset.resources.get(), actor=users["gestionnaire"], path=str(bad), run_now=True
    )
    return dataset


def test_browse_dataset_and_resource_pages_are_accessible(open_as, axe, published):
    page = open_as(None)
    page.goto("/donnees/")
    axe.assert_clean(page)
    axe.screenshot(page, "catalog-index")
    page.get_by_role("link", name="Communes de GPSEA").first.click()
    axe.assert_clean(page)
    axe.screenshot(page, "catalog-dataset")
    page.goto(published.resources.get().get_absolute_url())
    assert page.get_by_role("table", name="5 lignes correspondantes").is_visible()
    axe.assert_clean(page)
    axe.screenshot(page, "catalog-resource")


def test_invalid_version_report_is_readable_and_accessible(open_as, axe, published):
    version = published.resources.get().versions.first()
    page = open_as(None)
    page.goto(version.get_absolute_url())
    assert page.get_by_text("Cette version ne respecte pas le schéma").is_visible()
    assert page.get_by_role("table", name="Erreurs par type").is_visible()
    axe.assert_clean(page)
    axe.screenshot(page, "catalog-report")


def test_an_editor_uploads_a_new_version_without_javascript(open_as, axe, published, users, write):
    resource = published.resources.get()
    page = open_as(users["contributeur"])
    page.goto(f"{resource.get_absolute_url()}importer/")
    axe.assert_clean(page)
    axe.screenshot(page, "catalog-upload")
    page = open_as(users["contributeur"], js=False)
    page.goto(f"{resource.get_absolute_url()}importer/")
    path = write("v3.csv", "code_insee,nom,population,surface_km2\n94028,Créteil,92265,11.44\n")
    page.get_by_label("Fichier", exact=True).set_input_files(str(path))
    page.get_by_role("button", name="Importer").click()
    assert page.get_by_role("heading", name="Version 3").is_visible()
    assert resource.versions.first().is_current


def test_schema_inference_page_is_accessible(open_as, axe, published, users):
    page = open_as(users["gestionnaire"])
    resource = published.resources.get()
    page.goto(f"{resource.get_absolute_url()}schema/deduire/")
    axe.assert_clean(page)
    axe.screenshot(page, "catalog-schema")


def test_search_and_facets_work_without_javascript_at_360_px(open_as, axe, published):
    page = open_as(None, js=False, width=360)
    page.goto("/donnees/")
    page.get_by_label("Rechercher", exact=True).fill("COMMUNÉS")
    page.get_by_role("button", name="Filtrer").click()
    assert page.get_by_role("link", name="Communes de GPSEA").is_visible()
    page.get_by_role("navigation", name="Mots-clés").get_by_role("link", name="population").click()
    assert "mot_cle=population" in page.url
    assert page.get_by_role("heading", name="1 jeu de données").is_visible()
    facets_url = published.resources.get().get_absolute_url() + "?_facet=nom&_facet_size=2"
    page.goto(facets_url)
    assert page.get_by_role("table", name="Valeurs de « nom » — 2 valeurs sur 5").is_visible()

    checked = open_as(None, width=360)  # axe-core needs JavaScript
    for url in (page.url, "/donnees/?q=COMMUNÉS&mot_cle=population"):
        checked.goto(url)
        axe.assert_clean(checked)
    axe.screenshot(checked, "catalog-search-facets")
