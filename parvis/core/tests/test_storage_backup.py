"""`parvis backup` / `parvis restore` on the embedded default (SQLite + local storage), in real processes."""

import io
import json
import tarfile

import pytest

from parvis.core.tests.processes import Instance

FILL = """
from parvis.accounts.models import Organisation
from parvis.catalog import services
org = Organisation.objects.create(name="GPSEA", slug="gpsea", kind="collectivite")
path = os.path.join(os.environ["PARVIS_DATA_DIR"], "communes.csv")
with open(path, "w") as out:
    out.write("code;nom\\n94028;Créteil\\n94002;Alfortville\\n")
services.create_dataset_from_file(organisation=org, title="Communes", path=path, published=True)
print(json.dumps(True))
"""

READ = """
from parvis.catalog import selectors
from parvis.catalog.models import ResourceVersion
version = ResourceVersion.objects.get(is_current=True)
print(json.dumps({"rows": selectors.read_rows(version).to_pylist(), "path": version.parquet_path}))
"""


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("backup")
    source = Instance(root / "source", "backupsource")
    (root / "source").mkdir()
    assert source.parvis("migrate", "--no-input", "-v0").returncode == 0
    source.python(FILL)
    done = source.parvis("backup", str(root / "parvis.tar"))
    assert done.returncode == 0, done.stderr
    yield root / "parvis.tar", source.python(READ)
    source.close()


@pytest.fixture
def target(tmp_path):
    inst = Instance(tmp_path / "target", "backuptarget")
    (tmp_path / "target").mkdir()
    yield inst
    inst.close()


def _nothing_restored(target) -> bool:
    media = target.data_dir / "media"
    no_files = not media.exists() or not [p for p in media.rglob("*") if p.is_file()]
    assert target.parvis("migrate", "--no-input", "-v0").returncode == 0  # to look: tables, but no rows
    return no_files and target.python(
        "from parvis.catalog.models import Dataset\nprint(json.dumps(not Dataset.objects.exists()))"
    )


def test_a_restored_instance_answers_with_the_same_rows(archive, target):
    path, before = archive
    done = target.parvis("restore", str(path))
    assert done.returncode == 0, done.stderr
    assert target.python(READ) == before


def test_a_truncated_archive_is_refused_in_french_and_nothing_is_written(archive, target, tmp_path):
    path, _before = archive
    truncated = tmp_path / "tronquee.tar"
    # Cut inside the data, then inside the manifest (the last member, before tar's end-of-archive padding).
    data = path.read_bytes().rstrip(b"\0")
    for size in (len(data) // 2, len(data) - 200):
        truncated.write_bytes(data[:size])
        done = target.parvis("restore", str(truncated))
        assert done.returncode != 0
        assert "Archive illisible ou tronquée" in done.stderr or "Archive incomplète" in done.stderr, (
            done.stderr
        )
    assert _nothing_restored(target)


def test_an_archive_of_another_version_is_refused_in_french(archive, target, tmp_path):
    path, _before = archive
    other = tmp_path / "autre-version.tar"
    with tarfile.open(path) as src, tarfile.open(other, "w") as out:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                manifest["migrations"].append("catalog.0099_from_the_future")
                data = json.dumps(manifest).encode()
                member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    done = target.parvis("restore", str(other))
    assert done.returncode != 0
    assert "autre version de Parvis" in done.stderr and "catalog.0099_from_the_future" in done.stderr
    assert _nothing_restored(target)


def test_a_database_that_holds_data_is_not_replaced_without_force(archive, target):
    path, _before = archive
    assert target.parvis("restore", str(path)).returncode == 0
    again = target.parvis("restore", str(path))
    assert again.returncode != 0 and "n'est pas vide" in again.stderr
