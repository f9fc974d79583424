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


@pytest.fixture
def make_resource(org, settings, tmp_path):
    """``make_resource("codes,n\\n94028,1\\n")`` -> a catalogue resource with one ready version of that CSV."""
    from parvis.catalog import services as catalog

    settings.PARVIS_DATA_DIR = tmp_path
    counter = iter(range(1000))

    def make(text: str, *, title: str = "Données de test", public: bool = True):
        path = tmp_path / f"source-{next(counter)}.csv"
        path.write_text(text, encoding="utf-8")
        dataset, _version = catalog.create_dataset_from_file(
            organisation=org, title=title, path=str(path), published=public
        )
        return dataset.resources.first()

    return make
