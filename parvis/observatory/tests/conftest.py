import pytest

from parvis.territory.testing import referentiel  # noqa: F401


@pytest.fixture
def demo(referentiel, org, settings, tmp_path):  # noqa: F811
    """Référentiel + the observatory demo (catalogue datasets, IFN sources, indicators, GPSEA dashboard)."""
    import io

    from parvis.observatory import demo as observatory_demo

    settings.PARVIS_DATA_DIR = tmp_path
    org.slug = "grand-paris-sud-est-avenir"
    org.save()
    observatory_demo.load(io.StringIO())
    return org
