"""`parvis participation import FILE --process SLUG --json`: the Grand Débat import of the page."""

import json

import pytest
from django.core.management import CommandError

from parvis.core.tests.commands import run_import
from parvis.participation.models import Contribution
from parvis.participation.tests.test_opendata import HEADER

pytestmark = pytest.mark.django_db


def _run(*args):
    return json.loads(run_import("participation", *args))


def test_contributions_are_imported_and_bad_rows_listed(process, tmp_path):
    source = tmp_path / "gd.csv"
    source.write_bytes(
        (
            HEADER + "a1,1,,2019-01-22,,,false,,x,C,94000,ok\na2,1,,pas une date,,,false,,x,C,94000,ok\n"
        ).encode()
    )
    result = _run(str(source), "--process", process.slug, "--json")
    assert result["imported"] == 1 and "pas une date" in result["errors"][0]
    assert Contribution.objects.filter(process=process).count() == 1


def test_a_file_that_is_not_a_grand_debat_export_exits_with_code_2(process, tmp_path):
    source = tmp_path / "autre.csv"
    source.write_text("a,b\n1,2\n")
    with pytest.raises(CommandError) as refused:
        _run(str(source), "--process", process.slug, "--json")
    assert refused.value.returncode == 2
    assert Contribution.objects.filter(process=process).count() == 0
