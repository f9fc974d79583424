"""The bad-input corpus (garbage, NUL bytes, 10,000 columns, one 50 MB line, zip and XML bombs, nested JSON,
NaN, invalid UTF-8) sent to every upload and import: never a server error, a French refusal where the file
cannot be used, peak memory of the process under 500 MB, and no temporary file left behind."""

import tempfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from parvis.core.tests.corpus import corpus
from parvis.core.tests.scenes import open_process

# The growth of the resident memory over the process's own size while one upload is handled. The test process
# starts around 450 MB (pytest, Django, pyarrow, polars, DuckDB loaded); a served Parvis process is lighter.
MAX_GROWTH_MB = 250
FRENCH_REFUSAL = ("fichier", "colonne", "JSON", "lisible", "encod", "ligne", "octets", "classeur", "bombe")
# Files every import must refuse (the others may be imported with row-level remarks).
REFUSED = {
    "garbage.csv",
    "nul.csv",
    "colonnes.csv",
    "ligne.csv",
    "bombe.xlsx",
    "entites.xlsx",
    "imbrique.json",
}


def _memory_mb(field: str) -> float:
    """``VmRSS`` (resident now) or ``VmHWM`` (peak resident since the last reset) of this process."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no {field} in /proc/self/status")


@pytest.fixture
def scene(org, users, tmp_path, settings):
    from parvis.catalog import services as catalog

    settings.PARVIS_DATA_DIR = tmp_path / "data"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(scratch)
    source = tmp_path / "communes.csv"
    source.write_text("code,nom\n94028,Créteil\n", encoding="utf-8")
    dataset, _version = catalog.create_dataset_from_file(
        organisation=org, title="Communes", path=str(source), published=True, actor=users["gestionnaire"]
    )
    process = open_process(org, "concertation")
    return {"dataset": dataset, "process": process, "org": org, "scratch": scratch}


def _catalog(client, scene, name, data) -> str:
    dataset = scene["dataset"]
    resource = dataset.resources.get()
    response = client.post(
        f"/donnees/{dataset.slug}/{resource.slug}/importer/", {"file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code < 500, (name, response.status_code)
    latest = resource.versions.first()
    return latest.failure if latest.status == "failed" else ""


def _inclusion(client, scene, name, data) -> str:
    from parvis.inclusion.models import ImportBatch

    response = client.post("/aide/gestion/import/", {"fichier": SimpleUploadedFile(name, data)})
    assert response.status_code < 500, (name, response.status_code)
    batch = ImportBatch.objects.order_by("-pk").first()
    return batch.error if batch else response.content.decode()


def _participation(client, scene, name, data) -> str:
    response = client.post(
        f"/participation/{scene['process'].slug}/import/", {"file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code < 500, (name, response.status_code)
    return response.content.decode() if response.status_code == 400 else ""


def _footprint(client, scene, name, data) -> str:
    response = client.post(
        "/sobriete/sites/importer/", {"organisation": scene["org"].pk, "file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code < 500, (name, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize("send", [_catalog, _inclusion, _participation, _footprint])
def test_every_upload_refuses_the_bad_input_corpus_in_french_within_memory_and_leaves_no_temp_file(
    scene, client_as, monkeypatch, send
):
    monkeypatch.setattr(tempfile, "tempdir", str(scene["scratch"]))
    client = client_as("gestionnaire")
    for name, data in corpus():
        Path("/proc/self/clear_refs").write_text("5")  # resets the peak (VmHWM) to the resident size now
        before = _memory_mb("VmRSS")
        outcome = send(client, scene, name, data)
        assert _memory_mb("VmHWM") - before < MAX_GROWTH_MB, (send.__name__, name)
        if name in REFUSED and send is not _footprint:
            assert any(word in outcome for word in FRENCH_REFUSAL), (send.__name__, name, outcome[:300])
    assert list(scene["scratch"].rglob("*")) == []
    data_tmp = scene["scratch"].parent / "data" / "tmp"
    assert [p for p in data_tmp.rglob("*") if p.is_file()] == []
