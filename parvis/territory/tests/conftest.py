from parvis.territory.testing import referentiel  # noqa: F401
