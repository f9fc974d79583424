"""Reading files into raw string tables: formats, encodings, delimiters and bad inputs."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import xlsxwriter

from parvis.catalog.lib.errors import IngestError
from parvis.catalog.lib.ingest import list_sheets, read_table, write_parquet


def write_bytes(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_delimiter_is_detected(tmp_path, delimiter):
    text = delimiter.join(["code", "nom", "population"]) + "\n"
    text += delimiter.join(["94028", "Créteil", "92265"]) + "\n"
    result = read_table(write_bytes(tmp_path, "communes.csv", text.encode()))
    assert result.delimiter == delimiter
    assert result.header == ["code", "nom", "population"]
    assert result.table.column("nom").to_pylist() == ["Créteil"]


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("latin-1", "latin-1")],
)
def test_csv_encoding_is_detected_and_accents_kept(tmp_path, encoding, expected):
    sample = "Créteil – l’Échat" if encoding == "cp1252" else "Créteil, Sucy-en-Brie"
    text = f"nom;commentaire\n{sample.split(',')[0]};{sample}\n"
    result = read_table(write_bytes(tmp_path, "f.csv", text.encode(encoding)))
    assert result.encoding == expected
    assert result.header == ["nom", "commentaire"]
    assert result.table.column("commentaire").to_pylist() == [sample]


def test_latin1_accents_far_after_the_sample_are_decoded(tmp_path):
    body = "a,b\n" + "1,x\n" * 400_000 + "2,Périgny\n"
    result = read_table(write_bytes(tmp_path, "long.csv", body.encode("latin-1")))
    assert result.encoding == "latin-1"
    assert result.table.column("b")[-1].as_py() == "Périgny"


def test_utf8_file_with_one_latin1_byte_is_an_encoding_error_with_its_line(tmp_path):
    data = ("a,b\n" + "1,é\n" * 10).encode() + b"2,\xe9\n"
    with pytest.raises(IngestError) as caught:
        read_table(write_bytes(tmp_path, "mixed.csv", data))
    assert caught.value.code == "encoding-error"
    assert caught.value.row == 12
    assert "ligne 12" in caught.value.message_fr


def test_empty_file_is_refused_in_french(tmp_path):
    with pytest.raises(IngestError) as caught:
        read_table(write_bytes(tmp_path, "vide.csv", b""))
    assert caught.value.code == "empty-file"
    assert "vide" in caught.value.message_fr


def test_header_only_gives_zero_rows(tmp_path):
    result = read_table(write_bytes(tmp_path, "entete.csv", b"code,nom\n"))
    assert result.header == ["code", "nom"]
    assert result.row_count == 0


def test_binary_file_renamed_csv_is_refused(tmp_path):
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20
    with pytest.raises(IngestError) as caught:
        read_table(write_bytes(tmp_path, "photo.csv", data))
    assert caught.value.code == "binary-file"
    assert "binaire" in caught.value.message_fr


def test_spreadsheet_renamed_csv_is_read_as_a_spreadsheet(tmp_path):
    path = tmp_path / "classeur.csv"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Données")
    sheet.write_row(0, 0, ["code", "nom"])
    sheet.write_row(1, 0, ["94002", "Alfortville"])
    book.close()
    result = read_table(path)
    assert result.format == "xlsx"
    assert result.table.column("nom").to_pylist() == ["Alfortville"]


def test_duplicate_and_blank_column_names_are_kept_raw_and_made_unique(tmp_path):
    result = read_table(write_bytes(tmp_path, "d.csv", b"nom,nom,\na,b,c\n"))
    assert result.header == ["nom", "nom", ""]
    assert result.column_names == ["nom", "nom_2", "champ_3"]


def test_ragged_rows_keep_missing_cells_null_and_extra_cells_apart(tmp_path):
    result = read_table(write_bytes(tmp_path, "r.csv", b"a,b,c\n1,2\n3,4,5,6\n\n"))
    assert result.table.to_pydict() == {
        "a": ["1", "3", None],
        "b": ["2", "4", None],
        "c": [None, "5", None],
    }
    assert result.extra_cells == [(3, 4, "6")]


def test_quoted_newlines_do_not_shift_row_numbers(tmp_path):
    result = read_table(write_bytes(tmp_path, "q.csv", b'a,b\n1,"deux\nlignes"\n3,4\n'))
    assert result.table.column("b").to_pylist() == ["deux\nlignes", "4"]


def test_ten_thousand_columns_give_a_french_message(tmp_path):
    header = ",".join(f"colonne_{i}" for i in range(10_000))
    with pytest.raises(IngestError) as caught:
        read_table(write_bytes(tmp_path, "large.csv", (header + "\n" + "1," * 9999 + "1\n").encode()))
    assert caught.value.code == "too-many-columns"
    assert "10\u202f000 colonnes" in caught.value.message_fr
    assert "2\u202f000" in caught.value.message_fr


def test_column_limit_is_configurable(tmp_path):
    path = write_bytes(tmp_path, "c.csv", b"a,b,c\n1,2,3\n")
    with pytest.raises(IngestError):
        read_table(path, max_columns=2)
    assert read_table(path, max_columns=3).row_count == 1


def make_workbook(path, sheets: dict[str, list[list]]):
    book = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for index, row in enumerate(rows):
            sheet.write_row(index, 0, row)
    book.close()
    return path


def test_xlsx_sheets_are_listed_and_chosen_by_name_or_position(tmp_path):
    path = make_workbook(
        tmp_path / "budget.xlsx",
        {
            "Notes": [["texte"], ["lisez-moi"]],
            "Budget": [["poste", "montant"], ["voirie", 1250.5], ["écoles", 3000]],
        },
    )
    assert list_sheets(path) == ["Notes", "Budget"]
    result = read_table(path, sheet="Budget")
    assert result.sheet == "Budget"
    assert result.table.to_pydict() == {"poste": ["voirie", "écoles"], "montant": ["1250.5", "3000"]}
    assert read_table(path, sheet=1).sheet == "Budget"
    assert read_table(path).sheet == "Notes"


def test_sheet_trailing_empty_rows_and_columns_are_dropped_but_inner_blank_rows_kept(tmp_path):
    path = tmp_path / "t.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Feuille1")
    sheet.write_row(0, 0, ["nom", "date"])
    sheet.write_row(1, 0, ["Créteil"])
    sheet.write_datetime(1, 1, dt.datetime(2024, 3, 1), book.add_format({"num_format": "dd/mm/yyyy"}))
    sheet.write_row(3, 0, ["Sucy", ""])
    sheet.write(9, 3, "")
    book.close()
    result = read_table(path)
    assert result.header == ["nom", "date"]
    assert result.table.to_pydict() == {"nom": ["Créteil", "", "Sucy"], "date": ["2024-03-01", "", ""]}


def test_unknown_sheet_lists_the_available_ones(tmp_path):
    path = make_workbook(tmp_path / "b.xlsx", {"Budget": [["a"], ["1"]]})
    with pytest.raises(IngestError) as caught:
        read_table(path, sheet="Recettes")
    assert "Budget" in caught.value.message_fr


def test_xlsx_zip_bomb_is_refused_before_decompression(tmp_path):
    path = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", " " * (60 * 1024 * 1024))
    with pytest.raises(IngestError) as caught:
        read_table(path)
    assert caught.value.code == "zip-bomb"
    assert "décompress" in caught.value.message_fr


def test_legacy_xls_workbook_is_read_with_its_sheets_accents_numbers_and_dates():
    # Written by xlwt (Excel 97-2003 BIFF8); see docs/data-sources.md.
    path = Path(__file__).parent / "data" / "spreadsheets" / "equipements.xls"
    assert list_sheets(path) == ["Équipements", "Notes"]
    result = read_table(path)
    assert result.format == "xls" and result.sheet == "Équipements"
    assert result.table.to_pydict() == {
        "code_insee": ["94028", "94071"],
        "nom": ["Médiathèque de l'Abbaye", "Espace numérique Sucy-en-Brie"],
        "places": ["120", "12.5"],
        "ouverture": ["2024-03-01", "2023-09-15"],
    }
    assert read_table(path, sheet="Notes").table.column_names == [
        "Source : exemple généré pour les tests de Parvis"
    ]


def test_ods_spreadsheet_is_read(tmp_path):
    path = tmp_path / "equipements.ods"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Feuille1">'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>nom</text:p></table:table-cell>'
        '<table:table-cell office:value-type="string"><text:p>places</text:p></table:table-cell></table:table-row>'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>Médiathèque</text:p></table:table-cell>'
        '<table:table-cell office:value-type="float" office:value="12"><text:p>12</text:p></table:table-cell>'
        "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    result = read_table(path)
    assert result.format == "ods"
    assert result.table.to_pydict() == {"nom": ["Médiathèque"], "places": ["12"]}


def test_json_records_become_columns_in_order_of_appearance(tmp_path):
    records = [{"code": "94028", "nom": "Créteil"}, {"code": "94071", "population": 26000, "actif": True}]
    result = read_table(write_bytes(tmp_path, "c.json", json.dumps(records).encode()))
    assert result.format == "json"
    assert result.header == ["code", "nom", "population", "actif"]
    assert result.table.column("population").to_pylist() == ["", "26000"]
    assert result.table.column("actif").to_pylist() == ["", "true"]


def test_json_lines_are_read(tmp_path):
    data = b'{"a": 1}\n{"a": 2}\n'
    assert read_table(write_bytes(tmp_path, "l.json", data)).table.column("a").to_pylist() == ["1", "2"]


def test_invalid_json_points_at_the_line(tmp_path):
    with pytest.raises(IngestError) as caught:
        read_table(write_bytes(tmp_path, "c.json", b'[{"a": 1},\n{"a": }]'))
    assert caught.value.code == "json-error"
    assert "ligne 2" in caught.value.message_fr


def test_geojson_keeps_properties_and_geometry_as_geojson_text(tmp_path):
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "94028", "nom": "Créteil"},
                "geometry": {"type": "Point", "coordinates": [2.455, 48.79]},
            },
        ],
    }
    result = read_table(write_bytes(tmp_path, "c.geojson", json.dumps(collection).encode()))
    assert result.format == "geojson"
    assert result.header == ["code", "nom", "geometry"]
    assert json.loads(result.table.column("geometry")[0].as_py()) == {
        "type": "Point",
        "coordinates": [2.455, 48.79],
    }


@pytest.mark.parametrize(
    "document",
    [
        {"type": "FeatureCollection"},
        {"type": "FeatureCollection", "features": [{"type": "Point"}]},
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {},
                    "geometry": {"type": "Polygon", "coordinates": [[1, 2]]},
                }
            ],
        },
    ],
    ids=["sans-features", "pas-une-feature", "geometrie-cassee"],
)
def test_malformed_geojson_is_refused_in_french(tmp_path, document):
    with pytest.raises(IngestError) as caught:
        read_table(write_bytes(tmp_path, "c.geojson", json.dumps(document).encode()))
    assert caught.value.code == "geojson-error"
    assert "GeoJSON invalide" in caught.value.message_fr


def test_parquet_columns_are_read_back_as_text(tmp_path):
    path = tmp_path / "d.parquet"
    pq.write_table(pa.table({"n": [1, None], "x": [1.5, 2.0], "ok": [True, False]}), path)
    result = read_table(path)
    assert result.format == "parquet"
    # A Parquet null is an empty cell (""), not a cell missing from a short row.
    assert result.table.to_pydict() == {"n": ["1", ""], "x": ["1.5", "2"], "ok": ["true", "false"]}


def test_write_parquet_replaces_the_file_atomically(tmp_path):
    dest = tmp_path / "versions" / "v1.parquet"
    write_parquet(pa.table({"a": [1]}), dest)
    write_parquet(pa.table({"a": [2, 3]}), dest)
    assert pq.read_table(dest).column("a").to_pylist() == [2, 3]
    assert [p.name for p in dest.parent.iterdir()] == ["v1.parquet"]


def test_failed_parquet_write_leaves_the_previous_file_and_no_temporary(tmp_path):
    dest = tmp_path / "versions" / "v.parquet"
    write_parquet(pa.table({"a": [1]}), dest)
    unwritable = pa.table({"a": pa.array([pa.MonthDayNano([1, 2, 3])], pa.month_day_nano_interval())})
    with pytest.raises(pa.ArrowNotImplementedError):
        write_parquet(unwritable, dest)
    assert pq.read_table(dest).column("a").to_pylist() == [1]
    assert [p.name for p in dest.parent.iterdir()] == ["v.parquet"]


def test_empty_first_line_is_refused_as_a_missing_header(tmp_path):
    with pytest.raises(IngestError) as caught:
        read_table(write_bytes(tmp_path, "sans-entete.csv", b"\na,b\n1,2\n"))
    assert caught.value.code == "blank-header"
    assert caught.value.row == 1


def test_json_list_of_lists_is_read_like_a_csv_with_ragged_rows(tmp_path):
    data = json.dumps([["code", "nom"], ["94028", "Créteil", "en trop"], ["94071"]]).encode()
    result = read_table(write_bytes(tmp_path, "l.json", data))
    assert result.table.to_pydict() == {"code": ["94028", "94071"], "nom": ["Créteil", None]}
    assert result.extra_cells == [(2, 3, "en trop")]


def test_control_characters_in_labels_do_not_reach_column_names(tmp_path):
    result = read_table(write_bytes(tmp_path, "c.csv", "a\x01b,c\n1,2\n".encode("utf-16")))
    assert result.header == ["a\x01b", "c"]
    assert result.column_names == ["a b", "c"]


@pytest.mark.parametrize(
    ("options", "code"),
    [({"encoding": "klingon"}, "encoding-error"), ({"delimiter": ";;"}, "format-error")],
)
def test_unusable_reading_options_are_refused_in_french(tmp_path, options, code):
    with pytest.raises(IngestError) as caught:
        read_table(write_bytes(tmp_path, "a.csv", b"a;b\n1;2\n"), **options)
    assert caught.value.code == code


def test_given_encoding_and_tab_delimiter_are_used(tmp_path):
    path = write_bytes(tmp_path, "t.csv", "nom\tville\nÉlise\tCréteil\n".encode("cp1252"))
    result = read_table(path, encoding="windows-1252", delimiter="\\t")
    assert result.delimiter == "\t"
    assert result.table.column("ville").to_pylist() == ["Créteil"]


def test_wrong_given_encoding_names_the_line_of_the_first_bad_byte(tmp_path):
    path = write_bytes(tmp_path, "c.csv", "a;b\n1;x\n2;é\n".encode("cp1252"))
    with pytest.raises(IngestError) as caught:
        read_table(path, encoding="utf-8")
    assert caught.value.code == "encoding-error"
    assert "ligne 3" in caught.value.message_fr
