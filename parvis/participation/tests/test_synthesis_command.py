"""`parvis participation synthesise FILE.csv --json`: themes by row number, French messages on bad input."""

import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from parvis.participation.lib.corpus import labelled_answers


def _run(path, *args, capsys):
    call_command("participation", "synthesise", str(path), *args, "--json")
    out = capsys.readouterr()
    return json.loads(out.out), out.err


def _write(tmp_path, lines, encoding="utf-8", name="reponses.csv"):
    path = tmp_path / name
    path.write_bytes("\n".join(lines).encode(encoding))
    return path


def test_help_exits_cleanly_in_french():
    done = subprocess.run(
        [sys.executable, "-m", "parvis.cli", "participation", "synthesise", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and "--question-column" in done.stdout and "fichier CSV" in done.stdout


def test_json_gives_labels_summaries_sizes_and_row_numbers(tmp_path, capsys):
    rows = ["text,question"] + [
        f'"{t}",Que faudrait-il améliorer ?' for _, t in labelled_answers(300, seed=3)
    ]
    data, _ = _run(_write(tmp_path, rows + [",Que faudrait-il améliorer ?"]), "--themes", "5", capsys=capsys)
    assert len(data["themes"]) == 5 and set(data) == {"themes", "unclassified"}
    for theme in data["themes"]:
        assert theme["label"] and theme["summary"] and theme["size"] == len(theme["rows"])
    every_row = [r for t in data["themes"] for r in t["rows"]] + data["unclassified"]
    assert sorted(every_row) == list(range(301)) and 300 in data["unclassified"]


def test_windows_1252_file_is_read_with_its_accents(tmp_path, capsys):
    lines = (
        ["texte;question"]
        + ["Créer des pistes cyclables sécurisées;Vélo ?"] * 3
        + ["Rénover l'école;Écoles ?"] * 3
    )
    data, _ = _run(_write(tmp_path, lines, "cp1252"), "--text-column", "texte", capsys=capsys)
    labels = " ".join(t["label"] for t in data["themes"]).lower()
    assert "cyclables" in labels or "école" in labels


def test_mixed_encoding_is_refused_in_french(tmp_path):
    path = tmp_path / "melange.csv"
    path.write_bytes(
        "text\nCréer des pistes\n".encode() + "Rénover l'école\n".encode("cp1252") + "Été\n".encode()
    )
    with pytest.raises(CommandError, match="Encodage incohérent"):
        call_command("participation", "synthesise", str(path), "--json")


def test_missing_question_column_is_named_in_french(tmp_path):
    path = _write(tmp_path, ["text", "Des bus", "Des arbres"])
    with pytest.raises(CommandError, match="La colonne « question » n'existe pas.*« text »"):
        call_command("participation", "synthesise", str(path), "--question-column", "question", "--json")


def test_unreadable_number_of_themes_is_refused(tmp_path):
    path = _write(tmp_path, ["text", "Des bus", "Des arbres"])
    with pytest.raises(CommandError, match="entre 2 et 40"):
        call_command("participation", "synthesise", str(path), "--themes", "99", "--json")


def test_empty_answers_leave_every_row_unclassified_with_a_french_notice(tmp_path, capsys):
    data, err = _run(_write(tmp_path, ["text", "", "  ", "le la les"]), capsys=capsys)
    assert data == {"themes": [], "unclassified": [0, 1, 2]} and "Aucune réponse à analyser" in err


def test_a_single_contribution_gets_a_french_notice(tmp_path, capsys):
    data, err = _run(_write(tmp_path, ["text", "Des pistes cyclables"]), capsys=capsys)
    assert data == {"themes": [], "unclassified": [0]} and "Une seule réponse" in err


def test_100000_identical_answers_form_one_theme(tmp_path, capsys):
    path = _write(tmp_path, ["text"] + ["Plus de bus le soir"] * 100_000)
    data, err = _run(path, capsys=capsys)
    assert [t["size"] for t in data["themes"]] == [100_000] and "disent toutes la même chose" in err


def test_an_empty_or_missing_file_is_a_french_error(tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable"):
        call_command("participation", "synthesise", str(tmp_path / "absent.csv"), "--json")
    with pytest.raises(CommandError, match="Le fichier est vide"):
        call_command("participation", "synthesise", str(_write(tmp_path, [""])), "--json")


def test_per_question_gives_the_themes_of_each_question_by_row_number(tmp_path, capsys):
    bike = [f'"{t}",Vélo ?' for _, t in labelled_answers(60, seed=4, subjects=["vélo", "espaces verts"])]
    bus = [f'"{t}",Bus ?' for _, t in labelled_answers(40, seed=5, subjects=["bus", "propreté"])]
    data, _ = _run(
        _write(tmp_path, ["text,question"] + bike + bus + ["Oui,Bus ?"]),
        "--question-column",
        "question",
        "--per-question",
        "--themes",
        "2",
        capsys=capsys,
    )
    assert [q["question"] for q in data["questions"]] == ["Vélo ?", "Bus ?"]
    first, second = data["questions"]
    assert sorted(r for t in first["themes"] for r in t["rows"] + first["unclassified"]) == list(range(60))
    assert sorted(r for t in second["themes"] for r in t["rows"]) + second["unclassified"] == list(
        range(60, 101)
    )
    assert all(len(q["themes"]) == 2 for q in data["questions"])


def test_per_question_without_a_question_column_is_refused_in_french(tmp_path):
    with pytest.raises(CommandError, match="demande la colonne des questions"):
        call_command(
            "participation", "synthesise", str(_write(tmp_path, ["text", "a", "b"])), "--per-question"
        )
