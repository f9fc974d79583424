"""Migration 0003 builds the search index of existing datasets and stores their keywords as written; it
can be unapplied (keywords escaped again on SQLite, the index dropped) and applied again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from parvis.catalog import selectors

BEFORE = [("catalog", "0003_row_corrections_and_version_note")]
AFTER = [("catalog", "0004_search_index")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def _raw_keywords(pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT keywords FROM catalog_dataset WHERE id = %s", [pk])
        return str(cursor.fetchone()[0])


def _tables() -> set[str]:
    return set(connection.introspection.table_names())


@pytest.mark.django_db(transaction=True)
def test_the_index_is_built_for_existing_datasets_and_the_migration_reverses(org):
    old_apps = _migrate(BEFORE)
    try:
        Dataset = old_apps.get_model("catalog", "Dataset")
        made = Dataset.objects.create(
            organisation_id=org.pk,
            title="Lieux d'accueil",
            slug="lieux",
            keywords=["Démarches"],
            published=True,
        )
        if connection.vendor == "sqlite":
            assert "\\u00e9" in _raw_keywords(made.pk)  # how Django wrote JSON before 0003

        _migrate(AFTER)
        assert "Démarches" in _raw_keywords(made.pk)
        for q in ("démarches", "DEMARCHES", "demarch"):
            assert [d.slug for d in selectors.search_datasets(None, selectors.DatasetQuery(q=q))] == ["lieux"]

        _migrate(BEFORE)
        assert "catalog_datasetsearch" not in _tables()
        if connection.vendor == "sqlite":
            assert "\\u00e9" in _raw_keywords(made.pk)
            assert "catalog_datasetsearch_fts" not in _tables()
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert [d.slug for d in selectors.search_datasets(None, selectors.DatasetQuery(q="demarches"))] == [
        "lieux"
    ]
