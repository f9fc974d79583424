"""The catalogue's search index, and keywords stored as written.

- ``DatasetSearch`` (one row of folded text per dataset) and ``DatasetKeyword`` (one row per keyword, the
  facet and filter value); on SQLite an FTS5 table (``unicode61 remove_diacritics 2``) kept in step by
  triggers, on PostgreSQL a GIN index on ``to_tsvector('simple', document)``; both filled here.
- Keywords were stored with ``\\uXXXX`` escapes on SQLite (« démarches » became ``d\\u00e9marches``):
  rewritten as written. Backwards: escaped again, the index dropped.
"""

import json

import django.db.models.deletion
from django.db import migrations, models

import parvis.catalog.models
from parvis.catalog.lib import searchtext

FTS_COLUMNS = "title, keywords, organisation, description"
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE catalog_datasetsearch_fts USING fts5("
    f"{FTS_COLUMNS}, content='catalog_datasetsearch', content_rowid='dataset_id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER catalog_datasetsearch_ai AFTER INSERT ON catalog_datasetsearch BEGIN "
    f"INSERT INTO catalog_datasetsearch_fts(rowid, {FTS_COLUMNS}) "
    "VALUES (new.dataset_id, new.title, new.keywords, new.organisation, new.description); END",
    "CREATE TRIGGER catalog_datasetsearch_ad AFTER DELETE ON catalog_datasetsearch BEGIN "
    f"INSERT INTO catalog_datasetsearch_fts(catalog_datasetsearch_fts, rowid, {FTS_COLUMNS}) "
    "VALUES ('delete', old.dataset_id, old.title, old.keywords, old.organisation, old.description); END",
    "CREATE TRIGGER catalog_datasetsearch_au AFTER UPDATE ON catalog_datasetsearch BEGIN "
    f"INSERT INTO catalog_datasetsearch_fts(catalog_datasetsearch_fts, rowid, {FTS_COLUMNS}) "
    "VALUES ('delete', old.dataset_id, old.title, old.keywords, old.organisation, old.description); "
    f"INSERT INTO catalog_datasetsearch_fts(rowid, {FTS_COLUMNS}) "
    "VALUES (new.dataset_id, new.title, new.keywords, new.organisation, new.description); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS catalog_datasetsearch_au",
    "DROP TRIGGER IF EXISTS catalog_datasetsearch_ad",
    "DROP TRIGGER IF EXISTS catalog_datasetsearch_ai",
    "DROP TABLE IF EXISTS catalog_datasetsearch_fts",
]
POSTGRESQL_FORWARD = [
    "CREATE INDEX catalog_datasetsearch_tsv ON catalog_datasetsearch "
    "USING gin (to_tsvector('simple'::regconfig, document))"
]
POSTGRESQL_BACKWARD = ["DROP INDEX IF EXISTS catalog_datasetsearch_tsv"]


def _run(schema_editor, statements: dict) -> None:
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def create_text_index(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD})


def drop_text_index(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD})


def _rewrite_keywords(schema_editor, ensure_ascii: bool) -> None:
    """SQLite keeps JSON as text: write the keywords with or without ``\\uXXXX`` escapes (jsonb is unaffected)."""
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id, keywords FROM catalog_dataset")
        for pk, raw in cursor.fetchall():
            if raw is None:
                continue
            text = json.dumps(json.loads(raw), ensure_ascii=ensure_ascii)
            if text != raw:
                cursor.execute("UPDATE catalog_dataset SET keywords = %s WHERE id = %s", [text, pk])


def keywords_as_written(apps, schema_editor):
    _rewrite_keywords(schema_editor, ensure_ascii=False)


def keywords_escaped(apps, schema_editor):
    _rewrite_keywords(schema_editor, ensure_ascii=True)


def fill_index(apps, schema_editor):
    """The same rows as ``services.search.index_dataset`` (kept self-contained, as migrations must be)."""
    Dataset = apps.get_model("catalog", "Dataset")
    DatasetSearch = apps.get_model("catalog", "DatasetSearch")
    DatasetKeyword = apps.get_model("catalog", "DatasetKeyword")
    for dataset in Dataset.objects.select_related("organisation").iterator(chunk_size=500):
        keywords = searchtext.keyword_labels(dataset.keywords)
        columns = searchtext.index_columns(
            title=dataset.title,
            keywords=dataset.keywords,
            organisation=dataset.organisation.name,
            description=dataset.description,
        )
        DatasetSearch.objects.update_or_create(dataset_id=dataset.pk, defaults=columns)
        DatasetKeyword.objects.bulk_create(
            [DatasetKeyword(dataset_id=dataset.pk, folded=f, label=label) for f, label in keywords.items()],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_row_corrections_and_version_note"),
    ]

    operations = [
        migrations.CreateModel(
            name="DatasetSearch",
            fields=[
                (
                    "dataset",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search",
                        serialize=False,
                        to="catalog.dataset",
                    ),
                ),
                ("title", models.TextField(blank=True)),
                ("keywords", models.TextField(blank=True)),
                ("organisation", models.TextField(blank=True)),
                ("description", models.TextField(blank=True)),
                (
                    "document",
                    models.TextField(blank=True, help_text="Every column above, for PostgreSQL's tsvector."),
                ),
            ],
            options={
                "verbose_name": "index de recherche d'un jeu de données",
            },
        ),
        migrations.AlterField(
            model_name="dataset",
            name="keywords",
            field=models.JSONField(
                blank=True,
                default=list,
                encoder=parvis.catalog.models.UnicodeJSONEncoder,
                verbose_name="mots-clés",
            ),
        ),
        migrations.CreateModel(
            name="DatasetKeyword",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("label", models.CharField(max_length=200, verbose_name="mot-clé")),
                ("folded", models.CharField(db_index=True, max_length=200)),
                (
                    "dataset",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="keyword_rows",
                        to="catalog.dataset",
                    ),
                ),
            ],
            options={
                "verbose_name": "mot-clé d'un jeu de données",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("dataset", "folded"), name="catalog_keyword_unique_folded"
                    )
                ],
            },
        ),
        migrations.RunPython(keywords_as_written, keywords_escaped),
        migrations.RunPython(create_text_index, drop_text_index),
        migrations.RunPython(fill_index, migrations.RunPython.noop),
    ]
