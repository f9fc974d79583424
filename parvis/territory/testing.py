"""Pytest fixture for any app that needs the référentiel: ``from parvis.territory.testing import referentiel``
in that app's ``tests/conftest.py``. Loads the vendored extract (départements 94 and 23) in < 1 s."""

import pytest


@pytest.fixture
def referentiel(db):
    from parvis.territory.importer import import_files

    return import_files()
