"""Pure-Python parts: deduplication measured on a labelled set of real pairs, geography, readers, needs."""

import csv

import pytest

from parvis.inclusion.data_paths import LABELLED_PAIRS
from parvis.inclusion.lib import dedup
from parvis.inclusion.lib.geo import GridIndex, haversine_km, in_france
from parvis.inclusion.lib.needs import need_from_words
from parvis.inclusion.lib.readers import FileError, read_table
from parvis.inclusion.lib.standard import clean_row, to_row


def _item(row, prefix, key):
    return dedup.Item(
        key,
        row[prefix + "nom"],
        row[prefix + "adresse"],
        row[prefix + "code_postal"],
        "",
        float(row[prefix + "latitude"]),
        float(row[prefix + "longitude"]),
        row[prefix + "source"],
    )


def precision_recall(threshold=dedup.THRESHOLD):
    rows = list(csv.DictReader(LABELLED_PAIRS.open(encoding="utf-8")))
    tp = fp = fn = 0
    for n, row in enumerate(rows):
        a, b = _item(row, "a_", 2 * n), _item(row, "b_", 2 * n + 1)
        predicted = (0, 1) in dedup.candidate_pairs([a, b]) and dedup.score(a, b)[0] >= threshold
        same = row["meme_lieu"] == "1"
        tp, fp, fn = tp + (predicted and same), fp + (predicted and not same), fn + (same and not predicted)
    return len(rows), tp / (tp + fp), tp / (tp + fn)


def test_precision_and_recall_on_the_labelled_real_pairs():
    pairs, precision, recall = precision_recall()
    assert pairs == 150
    assert precision >= 0.95 and recall >= 0.9, (precision, recall)


def test_a_bus_is_not_merged_with_the_fixed_place_it_starts_from():
    fixed = dedup.Item(1, "France Services Nice Pasteur", "181 avenue Lyautey", "06300", "", 43.71, 7.28)
    bus = dedup.Item(2, "Bus France services Nice mobile", "181 avenue Lyautey", "06300", "", 43.71, 7.28)
    assert dedup.score(fixed, bus)[0] < dedup.THRESHOLD


def test_same_siret_and_a_similar_name_match_across_communes():
    a = dedup.Item(1, "Espace public numérique Jean Macé", "1 rue A", "94000", "21940028000018", 48.77, 2.45)
    b = dedup.Item(2, "EPN Jean Macé", "2 rue B", "94380", "21940028000018", 48.775, 2.46)
    assert dedup.score(a, b)[0] >= dedup.THRESHOLD


def test_a_city_siret_shared_by_different_places_is_not_enough():
    a = dedup.Item(
        1, "Médiathèque Nelson Mandela", "3 place de l'Abbaye", "94000", "21940028000018", 48.793, 2.457
    )
    b = dedup.Item(
        2, "Accueil de la mairie", "1 place Salvador Allende", "94000", "21940028000018", 48.778, 2.453
    )
    assert dedup.score(a, b)[0] < dedup.THRESHOLD


def test_merge_keeps_the_union_and_the_source_of_each_value():
    values, sources = dedup.merge_values(
        ["services"],
        {"services": ["A", "B"]},
        {"services": ["B", "C"]},
        {"services": {"A": ["s1"], "B": ["s1"]}},
        {"services": {"B": ["s2"], "C": ["s2"]}},
    )
    assert values == {"services": ["A", "B", "C"]}
    assert sources["services"] == {"A": ["s1"], "B": ["s1", "s2"], "C": ["s2"]}


def test_grid_index_finds_the_nearest_point():
    index = GridIndex([("paris", 48.8566, 2.3522), ("creteil", 48.7904, 2.4556), ("lyon", 45.764, 4.8357)])
    distance, key = index.nearest(48.78, 2.46)
    assert key == "creteil" and distance < 2
    assert index.nearest(43.3, 5.4, max_km=50) is None
    assert round(haversine_km(48.8566, 2.3522, 45.764, 4.8357)) == 391


@pytest.mark.parametrize(
    ("lat", "lon", "ok"), [(48.8, 2.4, True), (-22.27, 166.44, True), (2.4, 48.8, False), (40.4, -3.7, False)]
)
def test_france_bounds(lat, lon, ok):
    assert in_france(lat, lon) is ok


def test_needs_in_plain_words():
    assert need_from_words("imprimer un document").key == "equipement"
    assert need_from_words("ma déclaration d'impôts").key == "demarches"
    assert need_from_words("bonjour") is None


def test_reader_detects_semicolon_csv_and_cp1252():
    data = (
        "id;nom;commune;code_postal;adresse;date_maj\nx;Médiathèque;Créteil;94000;1 rue;2026-01-01\n".encode(
            "cp1252"
        )
    )
    table = read_table(data, "x.csv")
    assert table.rows[0][1]["nom"] == "Médiathèque" and table.rows[0][0] == 2


def test_reader_rejects_an_empty_file():
    with pytest.raises(FileError):
        read_table(b"id,nom,commune,code_postal,adresse,date_maj\n", "x.csv")


def test_clean_then_serialise_is_stable():
    raw = {
        "id": "1",
        "pivot": "",
        "nom": "A",
        "commune": "B",
        "code_postal": "1000",
        "adresse": "c",
        "date_maj": "01/02/2026",
        "services": "Aide aux démarches administratives ; Prendre en main un ordinateur",
    }
    result = clean_row(raw, line=2)
    row = to_row(result.record)
    assert (
        row["code_postal"] == "01000" and row["date_maj"] == "2026-02-01" and row["pivot"] == "00000000000000"
    )
    assert row["services"] == "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien"
    assert to_row(clean_row(row, line=2).record) == row
