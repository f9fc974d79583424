import pytest

from parvis.territory.testing import referentiel  # noqa: F401


@pytest.fixture
def demo_places(db):
    """The GPSEA demo places (real France Services and conseillers numériques, generated mairies and
    médiathèques), loaded through the ordinary import."""
    import io

    from parvis.inclusion import demo

    demo.load(io.StringIO())
