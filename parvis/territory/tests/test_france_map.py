"""The « all communes » map says what it covers and draws overseas départements as insets."""

import re
from pathlib import Path

from parvis.territory.maps import france_communes_svg, france_coverage
from parvis.territory.services.imports import import_files

DATA = Path(__file__).resolve().parent / "data"


def _view_box(svg: str) -> tuple[float, float]:
    found = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg)
    assert found is not None
    width, height = found.groups()
    return float(width), float(height)


def _path(svg: str, code: str) -> str:
    found = re.search(
        rf'href="/territoires/commune/{code}/"[^>]*>(?:<title>[^<]*</title>)?<path d="([^"]+)"', svg
    )
    assert found is not None, code
    return found.group(1)


def _start(svg: str, code: str) -> tuple[int, int]:
    found = re.match(r"M(-?\d+) (-?\d+)", _path(svg, code))
    assert found is not None
    x, y = found.groups()
    return int(x), int(y)


def test_the_demo_map_names_its_departements_and_says_overseas_is_absent(
    referentiel, settings, tmp_path, client
):
    settings.PARVIS_DATA_DIR = tmp_path
    cover = france_coverage()
    assert not cover["national"] and cover["overseas"] == []
    assert cover["departements"] == ["23", "94"]
    assert "pas toute la France" in cover["title"]
    assert "Aucun département d'outre-mer" in cover["note"]
    page = client.get("/territoires/france/communes/").content.decode()
    assert "Les communes du référentiel chargé" in page


def test_overseas_communes_with_a_contour_are_drawn_as_an_inset(referentiel, settings, tmp_path):
    settings.PARVIS_DATA_DIR = tmp_path
    before = france_communes_svg()
    import_files([DATA / "communes-976.geojson.gz"])  # Mayotte's 17 communes (france-geojson, 2018)
    cover = france_coverage()
    assert cover["overseas"] == ["976"]
    assert "absents du référentiel : 971, 972, 973, 974" in cover["note"]
    svg = france_communes_svg()
    assert len(re.findall(r'href="/territoires/commune/976\d\d/"', svg)) == 17
    (w0, h0), (w1, h1) = _view_box(before), _view_box(svg)
    assert w0 == w1 == 4000 and h1 > h0  # the inset sits below the metropolitan communes…
    (x0, y0), (x1, y1) = _start(before, "94028"), _start(svg, "94028")
    assert abs(x1 - x0) < 40 and abs(y1 - y0) < 40  # …which keep their place and scale (1 %)
    x, y = _start(svg, "97611")
    assert 0 <= x <= w1 and h0 * 0.9 < y <= h1  # Mamoudzou, in the inset, not 8,000 km away
