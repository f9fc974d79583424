"""Pytest fixture for any app that needs the référentiel: ``from parvis.territory.testing import referentiel``
in that app's ``tests/conftest.py``. Loads the vendored extract (départements 94 and 23) in < 1 s."""

import pytest

from parvis.territory.services.imports import import_files


@pytest.fixture
def referentiel(db):

    return import_files()
