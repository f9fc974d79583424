"""Reading and writing the Grand Débat CSV layout."""

import io

import pytest

from parvis.participation.lib.grandebat import GrandDebatError, parse, write

NAME = "contributions.csv"

HEADER = (
    "id,reference,title,createdAt,publishedAt,updatedAt,trashed,trashedStatus,authorId,authorType,authorZipCode,"
    '"Q1 - Quelles sont vos priorités ?","Q2 - Faut-il plus de bus ?"\n'
)


def test_round_trip_keeps_every_answer():
    rows = [
        {
            "id": "c1",
            "reference": "1",
            "title": "Vélo",
            "createdAt": "2026-01-02 10:00:00",
            "trashed": False,
            "authorId": "a1",
            "authorType": "Citoyen",
            "authorZipCode": "94000",
            "answers": {"Q1": "Des pistes, « sûres »\net éclairées", "Q2": "Oui"},
        },
    ]
    out = io.StringIO()
    write([("Q1", "Quelles sont vos priorités ?"), ("Q2", "Faut-il plus de bus ?")], rows, out)
    parsed = parse(out.getvalue().encode("utf-8"), name=NAME)
    assert parsed.errors == []
    assert [q.qid for q in parsed.questions] == ["Q1", "Q2"]
    row = parsed.rows[0]
    assert row.answers == rows[0]["answers"]
    assert row.author_zip_code == "94000" and row.created_at.year == 2026 and row.trashed is False


def test_iso_8859_1_files_are_read():
    data = (HEADER + 'c1,1,t,2019-01-22 09:37:43,,,false,,a,Citoyen,94000,"Plus de sécurité",Non\n').encode(
        "latin-1"
    )
    parsed = parse(data, name=NAME)
    assert parsed.encoding == "iso-8859-1"
    assert parsed.rows[0].answers["Q1"] == "Plus de sécurité"


def test_mixed_encoding_is_refused_with_the_line():
    data = (
        HEADER.encode()
        + "c1,1,t,2019-01-22,,,false,,a,C,94000,é,\n".encode()
        + "c2,1,t,2019-01-22,,,false,,a,C,94000,é,\n".encode("latin-1")
    )
    with pytest.raises(GrandDebatError, match="ligne 3"):
        parse(data, name=NAME)


def test_binary_file_is_refused_with_the_files_own_name():
    with pytest.raises(GrandDebatError, match="Le fichier « export-mairie.csv » n'est pas un texte lisible"):
        parse(HEADER.encode() + b"\x00\x01\x02", name="export-mairie.csv")


def test_missing_columns_are_named():
    with pytest.raises(GrandDebatError, match="createdAt, authorZipCode"):
        parse(b'id,title,"Q1 - Question ?"\n1,t,r\n', name=NAME)
    with pytest.raises(GrandDebatError, match="aucune colonne de question"):
        parse(b"id,createdAt,authorZipCode\n1,2019-01-01,94000\n", name=NAME)


def test_bad_rows_are_reported_by_line_and_column_and_the_rest_imported():
    data = (
        HEADER
        + "c1,1,t,2019-01-22,,,false,,a,C,94000,ok,\n"
        + "c2,1,t,hier,,,false,,a,C,94000,ok,\n"
        + "c3,1,t\n"
        + "c4,1,t,2019-01-23,,,false,,a,C,94000,ok aussi,\n"
    ).encode()
    parsed = parse(data, name=NAME)
    assert [r.id for r in parsed.rows] == ["c1", "c4"]
    assert parsed.errors[0].startswith("Ligne 3, colonne createdAt")
    assert parsed.errors[1].startswith("Ligne 4 : 3 colonnes")


def test_semicolon_separated_files_are_read():
    data = HEADER.replace(",", ";").encode() + b"c1;1;t;2019-01-22;;;false;;a;C;94000;ok;\n"
    assert parse(data, name=NAME).rows[0].answers == {"Q1": "ok"}
