"""Pytest fixture for any app that needs the référentiel: ``from parvis.territory.testing import referentiel``
in that app's ``tests/conftest.py``.

The first test of a process loads the vendored extract (départements 94 and 23) through the real import; the
rows it wrote are kept and every later test gets them back with two plain inserts, which saves parsing,
geometry work and upserts (about 1.5 s a test) while each test still starts from its own database state.
"""

import pytest

from parvis.territory.models import ImportRun, Shape, Territory
from parvis.territory.services.imports import import_files

_snapshot: dict = {}


def _without_ids(rows) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "id"} for row in rows]


def _restore() -> dict[str, int]:
    Territory.objects.bulk_create(Territory(**fields) for fields in _snapshot["territories"])
    Shape.objects.bulk_create(Shape(**fields) for fields in _snapshot["shapes"])
    ImportRun.objects.create(files=_snapshot["run"]["files"], counts=_snapshot["run"]["counts"], seconds=0)
    return dict(_snapshot["counts"])


@pytest.fixture
def referentiel(db):
    if _snapshot and not Territory.objects.exists():
        return _restore()
    counts = import_files()
    if not _snapshot:
        run = ImportRun.objects.latest("pk")
        _snapshot.update(
            # Without their ids, so that PostgreSQL's sequences stay right for the rows a test adds.
            territories=_without_ids(Territory.objects.filter(organisation__isnull=True).values()),
            shapes=_without_ids(Shape.objects.values()),
            run={"files": run.files, "counts": run.counts},
            counts=counts,
        )
    return counts
