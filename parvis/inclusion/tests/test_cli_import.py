"""`parvis inclusion import FILE --organisation SLUG --json`, as an integrator's script calls it."""

import json

import pytest
from django.core.management import CommandError

from parvis.core.tests.commands import run_import
from parvis.inclusion.models import Place
from parvis.inclusion.tests.helpers import csv_file, row

pytestmark = pytest.mark.django_db


def _run(*args):
    return run_import("inclusion", *args)


def test_an_import_prints_what_it_created_and_refused_in_json(org, tmp_path):
    source = tmp_path / "lieux.csv"
    source.write_bytes(csv_file(row(), row(id="lieu-2", nom="")))
    result = json.loads(_run(str(source), "--organisation", org.slug, "--json"))
    assert (result["created"], result["updated"], result["refused"]) == (1, 0, 1)
    assert result["errors"] == [{"row": 3, "field": "nom", "message": "Valeur obligatoire manquante."}]
    assert Place.objects.get().organisation == org


def test_importing_the_same_file_again_updates_instead_of_duplicating(org, tmp_path):
    source = tmp_path / "lieux.csv"
    source.write_bytes(csv_file(row()))
    _run(str(source), "--organisation", org.slug, "--json")
    result = json.loads(_run(str(source), "--organisation", org.slug, "--json"))
    assert (result["created"], result["updated"]) == (0, 1)
    assert Place.objects.count() == 1


def test_a_file_in_another_format_exits_with_code_2_and_a_french_message(org, tmp_path):
    source = tmp_path / "autre.csv"
    source.write_text("a,b\n1,2\n")
    with pytest.raises(CommandError) as refused:
        _run(str(source), "--organisation", org.slug, "--json")
    assert refused.value.returncode == 2 and "standard" in str(refused.value)
