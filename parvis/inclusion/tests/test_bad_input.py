"""Bad input: clear French messages with line and column, nothing lost, never a 500."""

import pytest

from parvis.inclusion.models import Place
from parvis.inclusion.services.imports import import_file
from parvis.inclusion.tests.helpers import csv_file, row

pytestmark = pytest.mark.django_db

FRANCE_SERVICES_CSV = (
    '"id_fs","insee_dep","lib_fs","adresse","insee_com","code_postal","lib_com","latitude","longitude"\n'
    '"1","01","France services de Valserhône","5-9 Rue des Papetiers","01033","01200","Valserhône",46.10,5.82\n'
).encode()


def _import(*rows):
    return import_file(data=csv_file(*rows), filename="lieux.csv", archive=False)


def test_a_file_in_another_standard_is_refused_with_the_missing_columns():
    batch = import_file(data=FRANCE_SERVICES_CSV, filename="france-services.csv", archive=False)
    assert "ne suit pas le standard" in batch.error
    assert "commune, date_maj, id, nom" in batch.error
    assert Place.objects.count() == 0


def test_swapped_latitude_and_longitude_are_corrected_and_reported():
    batch = _import(row(latitude="2.4556", longitude="48.7904"))
    place = Place.objects.get()
    assert (place.latitude, place.longitude) == (48.7904, 2.4556)
    assert batch.issues[0]["ligne"] == 2 and "inversées" in batch.issues[0]["message"]


def test_coordinates_outside_france_are_dropped_but_the_place_is_kept():
    batch = _import(row(latitude="40.4168", longitude="-3.7038"))
    place = Place.objects.get()
    assert place.latitude is None
    assert "hors de France" in batch.issues[0]["message"]
    assert place.source_rows[0]["ligne_brute"]["latitude"] == "40.4168"


def test_an_unknown_service_label_is_reported_and_the_known_ones_kept():
    batch = _import(row(services="Aide aux démarches administratives|Cours de cuisine"))
    place = Place.objects.get()
    assert place.services == ["Aide aux démarches administratives"]
    issue = batch.issues[0]
    assert (issue["ligne"], issue["colonne"], issue["valeur"]) == (2, "services", "Cours de cuisine")
    assert "Valeur inconnue « Cours de cuisine »" in issue["message"]


def test_a_five_megabyte_presentation_is_truncated_and_reported(client_as):
    batch = _import(row(presentation_detail="x" * 5_000_000))
    place = Place.objects.get()
    assert len(place.presentation_detail) == 10_000
    assert "5000000 caractères" in batch.issues[0]["message"]
    response = client_as("anonyme").get(place.get_absolute_url())
    assert response.status_code == 200 and len(response.content) < 100_000


def test_a_row_missing_a_required_cell_is_rejected_with_its_line_and_kept():
    batch = _import(row(id="a"), row(id="b", adresse=""), row(id="c", code_postal="9400X"))
    assert (batch.created, batch.rejected) == (1, 2)
    assert [r["ligne"] for r in batch.rejected_rows] == [3, 4]
    assert batch.rejected_rows[1]["ligne_brute"]["code_postal"] == "9400X"
    assert "Code postal invalide « 9400X »" in batch.rejected_rows[1]["erreurs"][0]


def test_a_duplicate_id_in_the_same_file_is_reported():
    batch = _import(row(id="a"), row(id="a", nom="Autre"))
    assert (batch.created, batch.rejected) == (1, 1)
    assert "déjà présent à la ligne 2" in batch.rejected_rows[0]["erreurs"][0]


def test_javascript_links_and_bad_phones_are_dropped_with_a_message():
    batch = _import(row(telephone="123", presentation_resume="ok"))
    assert "Téléphone invalide" in batch.issues[0]["message"]
    assert Place.objects.get().telephone == ""


def test_unreadable_json_names_the_line():
    batch = import_file(data=b'[{"id": 1,,}]', filename="x.json", archive=False)
    assert "JSON invalide ligne 1" in batch.error


def test_a_corrupt_spreadsheet_is_reported():
    batch = import_file(data=b"PK\x03\x04garbage", filename="x.xlsx", archive=False)
    assert "illisible" in batch.error


def test_an_xlsx_file_in_the_standard_is_imported(tmp_path):
    import xlsxwriter

    path = tmp_path / "lieux.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    header = [
        "id",
        "pivot",
        "nom",
        "commune",
        "code_postal",
        "adresse",
        "date_maj",
        "services",
        "latitude",
        "longitude",
    ]
    sheet.write_row(0, 0, header)
    sheet.write_row(
        1,
        0,
        [
            "x1",
            "21940028800010",
            "Mairie",
            "Créteil",
            94000,
            "1 place Salvador Allende",
            "2026-01-15",
            "Aide aux démarches administratives; Accès internet et matériel informatique",
            48.7771,
            2.4531,
        ],
    )
    sheet.write_row(2, 0, ["x2", "", "Sans commune", "", "94000", "1 rue", "2026-01-15", "", "", ""])
    book.close()
    batch = import_file(data=path.read_bytes(), filename="lieux.xlsx", archive=False)
    assert (batch.created, batch.rejected) == (1, 1)
    place = Place.objects.get()
    assert place.code_postal == "94000" and len(place.services) == 2
    assert batch.rejected_rows[0]["ligne"] == 3


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_html_in_every_text_field_is_escaped_on_every_page_and_export(client_as):
    import json

    _import(
        row(
            nom=HOSTILE,
            commune=HOSTILE,
            adresse=HOSTILE,
            presentation_resume=HOSTILE[:200],
            presentation_detail=HOSTILE,
            source=HOSTILE,
            horaires=HOSTILE,
            latitude="48.79",
            longitude="2.45",
            date_maj="2020-01-01",
        )
    )
    place = Place.objects.get()
    client = client_as("gestionnaire")
    pages = [
        place.get_absolute_url(),
        f"/aide/fiche/?lieux={place.pk}",
        "/aide/?lieu=48.79,2.45&rayon=5",
        "/aide/gestion/",
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body, url
        assert "&lt;script&gt;" in body, url
    data = json.loads(client.get("/api/inclusion/places?lat=48.79&lon=2.45").content)
    assert data[0]["record"]["nom"] == HOSTILE  # JSON carries the text, escaped by the JSON encoding
    assert client.get("/aide/export/lieux.csv").status_code == 200


def test_a_spreadsheet_bomb_is_refused_before_parsing_fast_and_in_french():
    import time

    from parvis.core.tests.corpus import xlsx_bomb

    bomb = xlsx_bomb(200)
    assert len(bomb) < 1_000_000
    started = time.monotonic()
    batch = import_file(data=bomb, filename="lieux.xlsx", archive=False)
    assert time.monotonic() - started < 2
    assert "bombe de décompression" in batch.error
    assert Place.objects.count() == 0


def test_an_xml_entity_bomb_and_deeply_nested_json_are_refused_in_french():
    from parvis.core.tests.corpus import nested_json, xml_entity_bomb

    batch = import_file(data=xml_entity_bomb(), filename="lieux.xlsx", archive=False)
    assert "DOCTYPE ou ENTITY" in batch.error
    batch = import_file(data=nested_json(), filename="lieux.json", archive=False)
    assert "imbriqué sur plus de 64 niveaux" in batch.error


def test_a_large_file_is_parsed_by_the_worker_not_in_the_request(monkeypatch):
    from parvis.inclusion import tasks
    from parvis.inclusion.services import imports
    from parvis.inclusion.signals import import_file_stored
    from parvis.inclusion.tests.helpers import csv_file, row

    monkeypatch.setattr(imports, "INLINE_BYTES", 100)
    import_file_stored.disconnect(dispatch_uid="inclusion.enqueue_import")  # nothing runs the queue
    try:
        batch = imports.start_import(data=csv_file(row()), filename="lieux.csv")
        assert batch.pending and Place.objects.count() == 0
    finally:
        import_file_stored.connect(tasks.enqueue_import, dispatch_uid="inclusion.enqueue_import")
    batch = imports.finish_import(batch.pk)  # what the worker does
    assert not batch.pending and batch.created == 1 and Place.objects.count() == 1


def test_a_large_bomb_is_refused_in_the_request_before_anything_is_stored(monkeypatch):
    from parvis.core.tests.corpus import xlsx_bomb
    from parvis.inclusion.services import imports

    monkeypatch.setattr(imports, "INLINE_BYTES", 100)
    batch = imports.start_import(data=xlsx_bomb(200), filename="lieux.xlsx")
    assert not batch.pending and "bombe de décompression" in batch.error and not batch.archive
