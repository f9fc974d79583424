"""Contours and SVG rendering without Django: dissolve, projection, accessible markup."""

import gzip
import json
from pathlib import Path

import shapely

from parvis.territory.lib import geo, referentiel, svgmap

DATA = Path(__file__).resolve().parents[1] / "data"


def _creuse():
    features = referentiel.read_json(DATA / "communes-23.geojson.gz")["features"]
    mapping = geo.mapping_codes(referentiel.read_json(DATA / "communes-2018-vers-cog2026.json.gz"))
    codes, geoms = geo.features_to_geometries(features)
    return codes, geoms, mapping


def test_merged_communes_are_dissolved_into_their_2026_code():
    codes, geoms, mapping = _creuse()
    dissolved = geo.dissolve(codes, geoms, mapping)
    assert len(codes) == 258
    assert len(dissolved) == 255
    assert "23121" not in dissolved and "23109" in dissolved
    merged = dissolved["23109"]
    parts = [g for c, g in zip(codes, geoms, strict=True) if mapping.get(c) == "23109"]
    assert len(parts) == 2
    assert abs(merged.area - sum(p.area for p in parts)) < 1e-6


def test_projection_is_lambert93_in_metres():
    point = geo.to_lambert93(shapely.Point(2.4555, 48.7904))  # Créteil
    assert 655_000 < point.x < 665_000
    assert 6_850_000 < point.y < 6_860_000


def test_svg_has_title_description_named_links_and_legend():
    codes, geoms, mapping = _creuse()
    stored = geo.projected_wkb(geo.dissolve(codes, geoms, mapping))
    areas = [
        svgmap.Area(key=c, name=f"Commune {c}", wkb=w, fill="#440154", label="3,5 %", href=f"/c/{c}/")
        for c, (w, _bounds) in stored.items()
    ]
    svg = svgmap.render_svg(
        areas,
        title="Creuse <test>",
        description="Carte",
        legend=[svgmap.LegendItem("#440154", "de 1 à 2")],
        legend_title="Légende",
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "Creuse &lt;test&gt;" in svg
    assert svg.count("<a href=") == 255
    assert 'aria-label="Commune 23109 : 3,5 %"' in svg
    assert "de 1 à 2" in svg
    assert len(gzip.compress(svg.encode())) < 150_000


def test_neighbours_outside_the_view_are_left_out():
    inside = shapely.to_wkb(shapely.box(0, 0, 10, 10))
    outside = shapely.to_wkb(shapely.box(1000, 1000, 1010, 1010))
    svg = svgmap.render_svg(
        [svgmap.Area("a", "A", inside, "#000000", href="/a/"), svgmap.Area("b", "B", outside, href="/b/")],
        title="t",
        description="d",
        focus_bounds=(0, 0, 10, 10),
    )
    assert 'aria-label="A"' in svg and 'aria-label="B"' not in svg


def test_referentiel_files_are_classified_by_name():
    assert referentiel.classify("x/communes.json.gz") == "communes"
    assert referentiel.classify("epci.json") == "epci"
    assert referentiel.classify("communes-2A.geojson.gz") == "commune_shapes"
    assert referentiel.classify("communes-2018-vers-cog2026.json.gz") == "mapping"
    assert referentiel.classify("communes-centroides-cog2026.csv") == "centroids"
    assert referentiel.classify("departements-version-simplifiee.geojson.gz") == "departement_shapes"
    assert referentiel.classify("notes.txt") is None


def test_commune_records_link_epci_and_ept():
    rows = json.loads(gzip.decompress((DATA / "communes.json.gz").read_bytes()))
    epci = referentiel.read_json(DATA / "epci.json.gz")
    ept = referentiel.read_json(DATA / "ept.json.gz")
    records = {r["code"]: r for r in referentiel.commune_records(rows, epci, ept)}
    assert records["94028"]["ept"] == "200058006"
    assert records["94028"]["postcodes"] == "94000"
    assert records["13201"]["parent"] == "13055"


def test_overseas_departements_are_moved_into_insets_below_metropolitan_france():
    # Guadeloupe's order of size in Lambert-93 (about 100 km), far away from the metropolitan box.
    guadeloupe = [shapely.box(-6_000_000, 1_800_000, -5_900_000, 1_900_000)]
    reunion = [shapely.box(9_000_000, -2_300_000, 9_070_000, -2_240_000)]
    metro = (100_000.0, 6_000_000.0, 1_250_000.0, 7_100_000.0)
    moved = geo.place_insets({"974": reunion, "971": guadeloupe}, metro)
    size = (metro[2] - metro[0]) / 7
    g, r = moved["971"][0].bounds, moved["974"][0].bounds
    assert g[0] == metro[0] and g[3] < metro[1]  # first inset: south-west corner, below France
    assert r[0] > g[2]  # the next one to its right
    assert abs(max(g[2] - g[0], g[3] - g[1]) - size) < 1e-6  # each scaled to the inset size
    assert abs((r[2] - r[0]) / (r[3] - r[1]) - 70 / 60) < 1e-9  # shapes keep their proportions
    assert geo.overseas_departement("97411") == "974" and geo.overseas_departement("94028") is None
