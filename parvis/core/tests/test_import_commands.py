"""What the three `parvis <app> import FILE … [--json]` commands share (core/importcli.py), checked on each:
an unknown target is named in French with exit code 1; a file that cannot be read exits with code 2 and a
French message before anything is created; a refused file still prints its JSON result."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError

from parvis.core.tests.commands import run_import
from parvis.core.tests.scenes import open_process

pytestmark = pytest.mark.django_db

OPTION = {"catalog": "--dataset", "inclusion": "--organisation", "participation": "--process"}
UNKNOWN = {
    "catalog": "Jeu de données inconnu : « inconnu ».",
    "inclusion": "Organisation inconnue : « inconnu ».",
    "participation": "Consultation inconnue : « inconnu ».",
}


@pytest.fixture
def targets(org):
    from parvis.catalog import services as catalog

    dataset = catalog.create_dataset(organisation=org, title="Communes")
    catalog.create_resource(dataset=dataset, title="Communes")
    return {
        "catalog": dataset.slug,
        "inclusion": org.slug,
        "participation": open_process(org, "concertation").slug,
    }


def _created() -> int:
    from parvis.catalog.models import ResourceVersion
    from parvis.inclusion.models import ImportBatch
    from parvis.participation.models import ImportReport

    return ResourceVersion.objects.count() + ImportBatch.objects.count() + ImportReport.objects.count()


@pytest.mark.parametrize("command", OPTION)
def test_an_unknown_target_is_named_in_french_with_exit_code_1(command, tmp_path):
    source = tmp_path / "lignes.csv"
    source.write_text("a\n1\n")
    with pytest.raises(CommandError) as refused:
        run_import(command, str(source), OPTION[command], "inconnu", "--json")
    assert (refused.value.returncode, str(refused.value)) == (1, UNKNOWN[command])


@pytest.mark.parametrize("command", OPTION)
def test_a_file_that_cannot_be_read_exits_with_code_2_before_anything_is_created(command, targets, tmp_path):
    with pytest.raises(CommandError) as refused:
        run_import(command, str(tmp_path / "absent.csv"), OPTION[command], targets[command])
    assert refused.value.returncode == 2
    assert str(refused.value).startswith("Impossible de lire le fichier")
    assert _created() == 0


@pytest.mark.parametrize("command", OPTION)
def test_a_refused_file_exits_with_code_2_and_still_prints_its_json_result(command, targets, tmp_path):
    source = tmp_path / "binaire.csv"
    source.write_bytes(b"\x00\x01\x02" * 100)
    out = StringIO()
    with pytest.raises(CommandError) as refused:
        run_import(command, str(source), OPTION[command], targets[command], "--json", stdout=out)
    assert refused.value.returncode == 2 and "octets nuls" in str(refused.value)
    result = json.loads(out.getvalue())
    assert "octets nuls" in json.dumps(result, ensure_ascii=False)
