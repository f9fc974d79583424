"""A worker killed with SIGKILL in the middle of an import: the task is taken back once its lease runs out,
then retried to completion, or given up with a French reason; never two versions."""

import signal

import pytest

from parvis.core.tests.processes import Instance

LEASE = "3"

START_IMPORT = """
from parvis.accounts.models import Organisation
from parvis.catalog import services
org, _ = Organisation.objects.get_or_create(slug="crash", defaults={"name": "Crash", "kind": "collectivite"})
dataset = services.create_dataset(organisation=org, title=os.environ["TITLE"])
resource = services.create_resource(dataset=dataset, title="Lignes")
version = services.start_import(resource=resource, actor=None, path=os.environ["SOURCE"])
print(json.dumps(version.pk))
"""

WAIT_UNTIL_PROCESSING = """
from parvis.catalog.models import ResourceVersion
print("watching", flush=True)
deadline = time.monotonic() + 240
while (status := ResourceVersion.objects.get(pk=int(os.environ["VERSION"])).status) != "processing":
    assert status == "pending", f"the import was {status} before the worker could be killed"
    assert time.monotonic() < deadline, "the worker never started the import"
    time.sleep(0.02)
print("processing", flush=True)
"""

WAIT_UNTIL_FINISHED = """
from django_ox.models import OxTask
from parvis.catalog.models import ResourceVersion
from parvis.catalog.services import expire_stale_imports
version = ResourceVersion.objects.select_related("job").get(pk=int(os.environ["VERSION"]))
deadline = time.monotonic() + 240
while version.status not in ("ready", "failed"):
    assert time.monotonic() < deadline, f"import still {version.status}"
    time.sleep(0.5)
    expire_stale_imports(resource=version.resource)  # what the version page and the periodic sweep do
    version.refresh_from_db()
task = OxTask.objects.get(pk=version.job.task_id)
while task.status == "RUNNING":  # the worker records the task's end just after the import saved the version
    assert time.monotonic() < deadline, "task still RUNNING"
    time.sleep(0.2)
    task.refresh_from_db()
print(json.dumps({
    "status": version.status,
    "failure": version.failure,
    "rows": version.row_count,
    "versions": ResourceVersion.objects.filter(resource=version.resource).count(),
    "task": task.status,
    "attempts": task.attempts,
}))
"""


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    data = tmp_path_factory.mktemp("crash")
    inst = Instance(data, "crash", PARVIS_TASK_LEASE_SECONDS=LEASE, PARVIS_TASK_RETRY_SECONDS="1")
    migrated = inst.parvis("migrate", "--no-input", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    source = data / "lignes.csv"
    with source.open("w") as out:
        out.write("id;commune;valeur;date;libelle\n")
        for i in range(250_000):
            out.write(f"{i};94{i % 100:03d};{i * 0.5};2024-{1 + i % 12:02d}-{1 + i % 28:02d};ligne {i}\n")
    inst.source = source
    yield inst
    inst.close()


@pytest.fixture(autouse=True)
def _no_worker_left(instance):
    yield
    instance.stop_all()


def _kill_worker_mid_import(inst: Instance, title: str, **env) -> int:
    version = inst.python(START_IMPORT, TITLE=title, SOURCE=str(inst.source), **env)
    watcher = inst.watch(WAIT_UNTIL_PROCESSING, VERSION=str(version))
    first = inst.start_worker(**env)
    assert watcher.stdout is not None
    seen = watcher.stdout.readline().strip()  # killed as soon as the import is seen running
    inst.stop(first, signal.SIGKILL)
    assert watcher.wait(timeout=60) == 0 and seen == "processing"
    return version


def test_an_import_whose_worker_was_killed_is_retried_by_another_worker_and_makes_one_version(instance):
    version = _kill_worker_mid_import(instance, "Reprise")
    instance.start_worker()
    outcome = instance.python(WAIT_UNTIL_FINISHED, VERSION=str(version))
    assert outcome["status"] == "ready", outcome
    assert outcome["rows"] == 250_000
    assert outcome["versions"] == 1
    assert (outcome["task"], outcome["attempts"]) == ("SUCCESSFUL", 2)


def test_an_import_out_of_attempts_is_marked_failed_with_a_french_reason(instance):
    version = _kill_worker_mid_import(instance, "Abandon", PARVIS_TASK_MAX_ATTEMPTS="1")
    instance.start_worker(PARVIS_TASK_MAX_ATTEMPTS="1")
    outcome = instance.python(WAIT_UNTIL_FINISHED, VERSION=str(version))
    assert outcome["status"] == "failed", outcome
    assert "interrompu" in outcome["failure"] and "importez le fichier à nouveau" in outcome["failure"]
    assert outcome["versions"] == 1
    assert outcome["task"] == "LOST"
