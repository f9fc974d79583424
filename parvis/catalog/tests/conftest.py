"""Fixtures of the catalogue tests: files in a temporary data directory, datasets per access level."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_files(settings, tmp_path):
    """Every test writes its Parquet files and uploads under its own temporary directory."""
    settings.PARVIS_DATA_DIR = tmp_path / "data"
    settings.PARVIS_DATA_DIR.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return settings.PARVIS_DATA_DIR


@pytest.fixture
def write(tmp_path):
    """``write("name.csv", text_or_bytes, encoding="utf-8") -> Path``"""

    def make(name: str, content, encoding: str = "utf-8"):
        path = tmp_path / "in" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return make


COMMUNES_CSV = (
    "code_insee,nom,population,surface_km2\n"
    "94028,Créteil,92265,11.44\n"
    "94002,Alfortville,44403,3.67\n"
    "94071,Sucy-en-Brie,26426,10.4\n"
    "94004,Boissy-Saint-Léger,17189,9.03\n"
    "94047,Mandres-les-Roses,4650,3.37\n"
)


@pytest.fixture
def make_dataset(org, users, write):
    """``make_dataset(access="public", published=True, shared_with=(), csv=COMMUNES_CSV) -> (dataset, version)``"""
    from parvis.catalog import services

    def make(
        title="Communes de GPSEA",
        access="public",
        published=True,
        shared_with=(),
        csv=COMMUNES_CSV,
        schema=None,
        organisation=None,
    ):
        path = write(f"{title[:20]}.csv", csv)
        dataset, version = services.create_dataset_from_file(
            organisation=organisation or org,
            title=title,
            path=str(path),
            schema=schema,
            access=access,
            published=published,
            actor=users["gestionnaire"],
        )
        if shared_with:
            dataset.shared_with.set(shared_with)
        return dataset, version

    return make
