"""The catalogue pages: create and edit a dataset, upload, follow the import, preview, report,
schemas (catalogue, upload, inference), versions, rollback, differences."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from parvis.accounts.models import AuditEvent
from parvis.catalog import selectors
from parvis.catalog.models import Dataset, VersionStatus


def test_an_agent_creates_a_dataset_then_uploads_a_file(client_as, org):
    client = client_as("contributeur")
    response = client.post(
        reverse("catalog:create"),
        {
            "organisation": org.pk,
            "title": "Subventions 2025",
            "licence": "etalab-2.0",
            "frequency": "annual",
            "access": "public",
            "keywords_text": "budget, subventions",
            "coverage_text": "94028, 200058006",
        },
    )
    dataset = Dataset.objects.get()
    assert response.url == reverse("catalog:resource_new", args=[dataset.slug])
    assert dataset.keywords == ["budget", "subventions"] and dataset.coverage == ["94028", "200058006"]
    response = client.post(
        response.url, {"title": "Tableau", "file": SimpleUploadedFile("s.csv", b"a;b\n1;x\n2;y\n")}
    )
    version = dataset.resources.get().versions.get()
    assert response.url == version.get_absolute_url()
    assert (
        version.status == VersionStatus.READY
        and version.row_count == 2
        and version.source_meta["delimiter"] == ";"
    )
    assert AuditEvent.objects.filter(action="catalog.resource.import").exists()


def test_bad_territory_codes_are_refused_with_the_codes_named(client_as, org):
    response = client_as("gestionnaire").post(
        reverse("catalog:create"),
        {
            "organisation": org.pk,
            "title": "X",
            "licence": "etalab-2.0",
            "frequency": "annual",
            "access": "public",
            "coverage_text": "94028, Créteil",
        },
    )
    assert response.status_code == 200 and "Créteil" in response.content.decode()
    assert not Dataset.objects.exists()


def test_restricted_access_needs_a_partner_organisation(client_as, org):
    response = client_as("gestionnaire").post(
        reverse("catalog:create"),
        {
            "organisation": org.pk,
            "title": "X",
            "licence": "etalab-2.0",
            "frequency": "annual",
            "access": "restricted",
        },
    )
    assert "au moins une organisation partenaire" in response.content.decode()


def test_dataset_page_shows_resources_and_metadata_links(make_dataset, client):
    dataset, version = make_dataset()
    html = client.get(dataset.get_absolute_url()).content.decode()
    assert "Communes de GPSEA" in html and "dcat.jsonld" in html and "Licence Ouverte" in html


def test_resource_page_previews_rows_types_and_statistics(make_dataset, client):
    dataset, version = make_dataset()
    html = client.get(dataset.resources.get().get_absolute_url()).content.decode()
    assert "Créteil" in html and "<caption>5 lignes correspondantes</caption>" in html
    assert "Types et statistiques par colonne" in html and "92265" in html


def test_preview_search_and_sort_use_the_query_layer(make_dataset, client):
    dataset, _v = make_dataset()
    url = dataset.resources.get().get_absolute_url()
    html = client.get(url, {"_q": "sucy", "_sort": "-population"}).content.decode()
    assert "<caption>1 ligne correspondante</caption>" in html and "<td>Sucy-en-Brie</td>" in html


def test_import_in_progress_shows_progress_and_refreshes_the_page(make_dataset, client):
    dataset, version = make_dataset()
    version.__class__.objects.filter(pk=version.pk).update(
        status=VersionStatus.PROCESSING, progress=40, rows_processed=1234
    )
    html = client.get(version.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' in html and 'value="40"' in html and "1\u202f234 lignes traitées" in html


SCHEMA = {
    "fields": [
        {"name": "code_insee", "type": "string", "constraints": {"pattern": "[0-9]{5}"}},
        {"name": "nom", "type": "string"},
        {"name": "population", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "surface_km2", "type": "number"},
    ]
}


def test_validation_report_lists_every_error_and_downloads_as_csv(make_dataset, client_as, users, write):
    dataset, first = make_dataset(schema=SCHEMA)
    resource = dataset.resources.get()
    rows = "".join(f"9402{i % 10},C{i},-{i + 1},1\n" for i in range(150))
    response = client_as("gestionnaire").post(
        reverse("catalog:resource_import", args=[dataset.slug, resource.slug]),
        {"file": SimpleUploadedFile("v2.csv", ("code_insee,nom,population,surface_km2\n" + rows).encode())},
    )
    version = resource.versions.first()
    assert version.error_count == 150 and not version.is_current
    client = client_as("anonyme")
    page1 = client.get(version.get_absolute_url()).content.decode()
    assert "constraint-error" in page1 and "Erreurs, page 1 sur 2" in page1
    page2 = client.get(version.get_absolute_url(), {"erreurs": "2"}).content.decode()
    assert "Erreurs, page 2 sur 2" in page2
    csv_body = client.get(
        reverse("catalog:errors_csv", args=[dataset.slug, resource.slug, version.number])
    ).content
    lines = csv_body.decode().splitlines()
    assert lines[0] == "type,ligne,champ,valeur,message" and len(lines) == 151
    assert lines[1].startswith("constraint-error,2,population,'-1,")
    assert response.status_code == 302


def test_publishing_an_invalid_version_from_its_page(make_dataset, client_as, users, write):
    from parvis.catalog import services

    dataset, first = make_dataset(schema=SCHEMA)
    resource = dataset.resources.get()
    bad = services.start_import(
        resource=resource,
        actor=users["gestionnaire"],
        run_now=True,
        path=str(write("bad.csv", "code_insee,nom,population,surface_km2\nX,Y,-1,1\n")),
    )
    client_as("gestionnaire").post(
        reverse("catalog:make_current", args=[dataset.slug, resource.slug, bad.number])
    )
    assert selectors.current_version(resource) == bad
    assert AuditEvent.objects.filter(action="catalog.version.make_current").exists()


def test_schema_from_the_bundled_catalogue_then_reimport_validates_against_it(make_dataset, client_as):
    dataset, first = make_dataset()
    resource = dataset.resources.get()
    client = client_as("gestionnaire")
    page = client.get(reverse("catalog:schema", args=[dataset.slug, resource.slug])).content.decode()
    assert "scdl/subventions" in page
    client.post(
        reverse("catalog:schema", args=[dataset.slug, resource.slug]), {"catalogue": "scdl/subventions"}
    )
    resource.refresh_from_db()
    assert resource.schema_source == "scdl/subventions" and resource.schema["fields"]
    client.post(reverse("catalog:reimport", args=[dataset.slug, resource.slug, first.number]))
    latest = resource.versions.first()
    assert (
        latest.number == 2 and latest.valid is False and "missing-label" in latest.report_summary["by_type"]
    )
    assert selectors.current_version(resource) == first


def test_schema_upload_that_is_not_a_table_schema_is_refused(make_dataset, client_as):
    dataset, _v = make_dataset()
    resource = dataset.resources.get()
    upload = SimpleUploadedFile("schema.json", json.dumps({"type": "object", "properties": {}}).encode())
    response = client_as("gestionnaire").post(
        reverse("catalog:schema", args=[dataset.slug, resource.slug]), {"file": upload}
    )
    assert "JSON Schema, pas un Table Schema" in response.content.decode()


def test_inferred_schema_is_edited_and_saved(make_dataset, client_as):
    dataset, _v = make_dataset()
    resource = dataset.resources.get()
    client = client_as("contributeur")
    url = reverse("catalog:schema_infer", args=[dataset.slug, resource.slug])
    page = client.get(url).content.decode()
    assert 'name="type_2"' in page
    client.post(
        url,
        {
            "type_0": "string",
            "required_0": "on",
            "unique_0": "on",
            "type_1": "string",
            "type_2": "number",
            "type_3": "number",
            "description_1": "Nom officiel",
        },
    )
    resource.refresh_from_db()
    fields = {f["name"]: f for f in resource.schema["fields"]}
    assert fields["code_insee"]["constraints"] == {"required": True, "unique": True}
    assert fields["population"]["type"] == "number" and fields["nom"]["description"] == "Nom officiel"
    assert resource.schema_source == "inferred-edited"


def test_spreadsheet_sheet_can_be_chosen_after_import(make_dataset, client_as):
    import xlsxwriter

    dataset, _v = make_dataset()
    resource = dataset.resources.get()
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf)
    for name, rows in (
        ("Notes", [["texte"], ["à lire"]]),
        ("Données", [["code", "valeur"], ["94028", 3], ["94002", 4]]),
    ):
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            sheet.write_row(r, 0, row)
    book.close()
    client = client_as("gestionnaire")
    client.post(
        reverse("catalog:resource_import", args=[dataset.slug, resource.slug]),
        {"file": SimpleUploadedFile("classeur.xlsx", buf.getvalue())},
    )
    version = resource.versions.first()
    assert version.source_meta["sheets"] == ["Notes", "Données"]
    page = client.get(version.get_absolute_url()).content.decode()
    assert "Importer une autre feuille" in page or "plusieurs feuilles" in page
    client.post(
        reverse("catalog:reimport", args=[dataset.slug, resource.slug, version.number]), {"sheet": "Données"}
    )
    latest = resource.versions.first()
    assert latest.source_meta["sheet"] == "Données" and latest.row_count == 2


def test_differences_between_versions_by_primary_key(make_dataset, users, write, client):
    from parvis.catalog import services

    keyed = {**SCHEMA, "primaryKey": ["code_insee"]}
    dataset, first = make_dataset(schema=keyed)
    resource = dataset.resources.get()
    csv = (
        "code_insee,nom,population,surface_km2\n94028,Créteil,92265,11.44\n94002,Alfortville,50000,3.67\n"
        "94071,Sucy-en-Brie,26426,10.4\n94004,Boissy-Saint-Léger,17189,9.03\n94075,Villecresnes,10000,2.5\n"
    )
    second = services.start_import(
        resource=resource, actor=users["gestionnaire"], path=str(write("v2.csv", csv)), run_now=True
    )
    html = client.get(
        reverse("catalog:diff", args=[dataset.slug, resource.slug, second.number])
    ).content.decode()
    assert "1 ligne ajoutée" in html and "1 ligne supprimée" in html and "1 ligne modifiée" in html
    assert "Villecresnes" in html and "Mandres-les-Roses" in html


@pytest.mark.parametrize("name", ["catalogue.jsonld", "catalogue.rdf", "sitemap.xml"])
def test_publication_documents_are_well_formed(make_dataset, client, name):
    import xml.etree.ElementTree as ET

    make_dataset()
    body = client.get(f"/donnees/{name}").content.decode()
    if name.endswith("jsonld"):
        doc = json.loads(body)
        assert doc["@type"] == "dcat:Catalog"
        dataset = doc["dcat:dataset"]
        assert dataset["dct:title"]["@value"] == "Communes de GPSEA"
        assert dataset["dct:accessRights"]["@id"].endswith("access-right/PUBLIC")
        assert {d["dct:format"]["@id"].rsplit("/", 1)[1] for d in dataset["dcat:distribution"]} == {
            "CSV",
            "JSON",
            "PARQUET",
        }
    else:
        root = ET.fromstring(body.encode())  # noqa: S314 (our own output)
        assert root.tag.endswith("RDF") or root.tag.endswith("urlset")
        assert "communes-de-gpsea" in body


def test_delete_removes_the_dataset_and_its_files(make_dataset, client_as, settings):
    from pathlib import Path

    dataset, version = make_dataset()
    path = Path(selectors.version_path(version))
    assert client_as("contributeur").post(reverse("catalog:delete", args=[dataset.slug])).status_code == 403
    client_as("gestionnaire").post(reverse("catalog:delete", args=[dataset.slug]))
    assert not Dataset.objects.exists() and not path.exists()
    media = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_a_new_resource_can_be_validated_with_a_national_schema_at_upload(make_dataset, client_as):
    dataset, _v = make_dataset()
    client = client_as("gestionnaire")
    client.post(
        reverse("catalog:resource_new", args=[dataset.slug]),
        {
            "title": "Fontaines",
            "schema_catalogue": "datagouv/schema-fontaine-eau",
            "file": SimpleUploadedFile("f.csv", b"id,nom\n1,x\n"),
        },
    )
    resource = dataset.resources.get(slug="fontaines")
    version = resource.versions.get()
    assert resource.schema_source == "datagouv/schema-fontaine-eau"
    assert version.valid is False and version.schema_source == "datagouv/schema-fontaine-eau"


def test_after_a_schema_change_the_page_offers_to_validate_the_last_file_again(make_dataset, client_as):
    dataset, _v = make_dataset()
    resource = dataset.resources.get()
    client = client_as("gestionnaire")
    client.post(
        reverse("catalog:schema", args=[dataset.slug, resource.slug]), {"catalogue": "scdl/subventions"}
    )
    html = client.get(resource.get_absolute_url()).content.decode()
    assert "Valider le dernier fichier avec le nouveau schéma" in html


def test_column_filters_on_the_page_are_applied_and_carried_to_the_exports(make_dataset, client):
    dataset, _v = make_dataset()
    url = dataset.resources.get().get_absolute_url()
    html = client.get(url, {"population__gt": "40000", "_q": "a b&c"}).content.decode()
    assert "Filtres actifs" in html and "population gt 40000" in html
    assert "export.csv?population__gt=40000&amp;_q=a+b%26c" in html
    bad = client.get(url, {"departement": "94"})
    assert bad.status_code == 200 and "Colonne inconnue" in bad.content.decode()
    assert '<input type="hidden" name="population__gt" value="40000">' in html


def test_page_facets_say_how_many_values_are_shown_out_of_how_many(make_dataset, client):
    lines = ["ville,effectif"] + ["Créteil,1"] * 40 + [f"Élancourt,{n}" for n in range(2, 503)]
    dataset, _v = make_dataset(title="Effectifs", csv="\n".join(lines) + "\n")
    url = dataset.resources.get().get_absolute_url()
    html = client.get(url, {"_facet": "effectif", "_q": "elancourt"}).content.decode()
    assert "Valeurs de « effectif » — 30 valeurs sur 501" in html
    assert 'href="?_q=elancourt&amp;_facet=effectif&amp;effectif=10#apercu"' in html  # a value filters on it
    assert 'href="?_q=elancourt&amp;_facet=effectif&amp;_facet_size=501#facettes"' in html
    whole = client.get(url, {"_facet": "effectif", "_facet_size": "501"}).content.decode()
    assert "501 valeurs sur 502" in whole and "30 valeurs sur" not in whole
    refused = client.get(url, {"_facet": "effectif", "_facet_size": "5000"}).content.decode()
    assert "Le paramètre « _facet_size » doit être compris entre 1 et 1000." in refused


WIDE_CSV = (
    "code_insee;"
    + ";".join(f"indicateur_{i}" for i in range(1, 13))
    + "\n"
    + "".join(f"940{n:02d};" + ";".join(str(n * i) for i in range(1, 13)) + "\n" for n in range(1, 21))
)


def test_a_wide_table_shows_eight_rows_and_its_column_statistics_on_their_own_page(make_dataset, client):
    """Twelve indicator columns: the resource page keeps to eight rows and links to the statistics."""
    dataset, version = make_dataset(title="Indicateurs larges", csv=WIDE_CSV)
    html = client.get(dataset.resources.get().get_absolute_url()).text
    assert html.count("<tr>") <= 1 + 8 + 12  # header, eight rows, version history
    assert "Types et statistiques par colonne</caption>" not in html
    assert "13 colonnes" in html
    columns = client.get(version.get_absolute_url() + "colonnes/").text
    assert "Types et statistiques par colonne</caption>" in columns and "indicateur_12" in columns


@pytest.mark.parametrize(("role", "status"), [(None, 404), ("citoyen", 404), ("contributeur", 200)])
def test_the_column_page_of_a_private_dataset_is_for_its_organisation(make_dataset, users, role, status):
    from django.test import Client

    from parvis.catalog.models import Access

    dataset, version = make_dataset(title="Interne", access=Access.PRIVATE, csv=WIDE_CSV)
    client = Client()
    if role:
        client.force_login(users[role])
    assert client.get(version.get_absolute_url() + "colonnes/").status_code == status
