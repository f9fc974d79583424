"""`parvis catalog import FILE --dataset SLUG [--resource SLUG] --json`: a version made as the page makes it."""

import json

import pytest
from django.core.management import CommandError

from parvis.core.tests.commands import run_import

pytestmark = pytest.mark.django_db


def _run(*args):
    return json.loads(run_import("catalog", *args))


def test_a_file_becomes_the_next_version_of_the_only_resource(make_dataset, write):
    dataset, first = make_dataset()
    path = write(
        "communes-2.csv", "code_insee;nom\n94028;Créteil\n94071;Sucy-en-Brie\n94081;Vitry-sur-Seine\n"
    )
    result = _run(path, "--dataset", dataset.slug, "--json")
    assert (result["version"], result["status"], result["rows"], result["current"]) == (2, "ready", 3, True)
    assert dataset.resources.get().versions.count() == 2


def test_an_unreadable_file_makes_a_failed_version_and_exits_with_code_2(make_dataset, write):
    dataset, first = make_dataset()
    path = write("vide.csv", "")
    with pytest.raises(CommandError) as refused:
        _run(path, "--dataset", dataset.slug, "--json")
    assert refused.value.returncode == 2 and str(refused.value)
    assert dataset.resources.get().versions.get(number=2).status == "failed"
    assert dataset.resources.get().versions.get(is_current=True) == first


def test_a_dataset_with_several_resources_needs_the_resource(make_dataset, write):
    from parvis.catalog import services

    dataset, first = make_dataset()
    services.create_resource(dataset=dataset, title="Autre")
    with pytest.raises(CommandError, match="précisez --resource"):
        _run(write("x.csv", "a\n1\n"), "--dataset", dataset.slug)
