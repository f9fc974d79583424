"""Version files move from PARVIS_DATA_DIR/datasets/ to the default storage, under names that embed their hash.

Forwards: each ready version's Parquet file, query store and error file are stored (moved when the storage is
this disk) as ``datasets/<dataset>/<resource>/v<n>-<hash>…`` and the rows point at them. Backwards: the files
come back to ``PARVIS_DATA_DIR/datasets/…/v<n>…`` with their former names. A file already missing stays missing
(the version page then says the file is absent, as it did before).
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

from parvis.core import storage_cache


def to_storage(apps, schema_editor):
    data_dir = Path(settings.PARVIS_DATA_DIR)
    ResourceVersion = apps.get_model("catalog", "ResourceVersion")
    for version in ResourceVersion.objects.exclude(parquet_path="").select_related("resource"):
        old_parquet = data_dir / version.parquet_path
        if not old_parquet.exists():
            continue
        folder = f"datasets/{version.resource.dataset_id}/{version.resource_id}"
        stem = f"v{version.number}"
        digest = version.content_hash or storage_cache.sha256(old_parquet)
        parquet = storage_cache.content_name(folder, stem, digest, ".parquet")
        old_store = old_parquet.with_suffix(".duckdb")
        if old_store.exists():
            storage_cache.publish(old_store, str(Path(parquet).with_suffix(".duckdb")))
        errors = ""
        old_errors = data_dir / version.errors_path if version.errors_path else None
        if old_errors and old_errors.exists():
            errors = storage_cache.content_name(
                folder, stem, storage_cache.sha256(old_errors), ".errors.parquet"
            )
            storage_cache.publish(old_errors, errors)
        storage_cache.publish(old_parquet, parquet)
        ResourceVersion.objects.filter(pk=version.pk).update(
            parquet_path=parquet, errors_path=errors, content_hash=digest
        )


def to_data_dir(apps, schema_editor):
    data_dir = Path(settings.PARVIS_DATA_DIR)
    ResourceVersion = apps.get_model("catalog", "ResourceVersion")
    for version in ResourceVersion.objects.exclude(parquet_path="").select_related("resource"):
        folder = Path("datasets") / str(version.resource.dataset_id) / str(version.resource_id)
        stem = f"v{version.number}"
        moves = [(version.parquet_path, folder / f"{stem}.parquet")]
        moves.append((str(Path(version.parquet_path).with_suffix(".duckdb")), folder / f"{stem}.duckdb"))
        if version.errors_path:
            moves.append((version.errors_path, folder / f"{stem}.errors.parquet"))
        for name, rel in moves:
            try:
                source = storage_cache.local_path(name)
            except OSError:
                continue
            (data_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, data_dir / rel)
            storage_cache.delete(name)
        ResourceVersion.objects.filter(pk=version.pk).update(
            parquet_path=str(moves[0][1]),
            errors_path=str(moves[2][1]) if version.errors_path else "",
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="resourceversion",
            name="errors_path",
            field=models.CharField(blank=True, help_text="Name in the default storage.", max_length=500),
        ),
        migrations.AlterField(
            model_name="resourceversion",
            name="parquet_path",
            field=models.CharField(blank=True, help_text="Name in the default storage.", max_length=500),
        ),
        migrations.RunPython(to_storage, to_data_dir),
    ]
