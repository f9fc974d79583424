"""The référentiel import: counts match the vendored files, reruns change nothing, GPSEA resolves."""

import json

import pytest

from parvis.territory.lib.referentiel import read_json
from parvis.territory.models import Kind, Shape, Territory
from parvis.territory.selectors import communes_of, get_territory, home_territory
from parvis.territory.services.imports import DATA_DIR, import_files

GPSEA = [
    "94002",
    "94004",
    "94011",
    "94019",
    "94028",
    "94060",
    "94059",
    "94044",
    "94047",
    "94048",
    "94053",
    "94055",
    "94056",
    "94070",
    "94071",
    "94075",
]


def _count(kind):
    return Territory.objects.filter(kind=kind).count()


def test_counts_match_the_vendored_source_files(referentiel):
    communes = read_json(DATA_DIR / "communes.json.gz")
    assert _count(Kind.COMMUNE) == len({c["code"] for c in communes})  # déléguées sharing a code are folded
    assert _count(Kind.EPCI) == len(read_json(DATA_DIR / "epci.json.gz"))
    assert _count(Kind.EPT) == len(read_json(DATA_DIR / "ept.json.gz"))
    assert _count(Kind.DEPARTEMENT) == len(read_json(DATA_DIR / "departements.json.gz")) == 109
    assert _count(Kind.REGION) == len(read_json(DATA_DIR / "regions.json.gz")) == 26
    assert _count(Kind.ARRONDISSEMENT) == len(read_json(DATA_DIR / "arrondissements.json.gz")) == 333
    current = [c for c in communes if c["type"] == "commune-actuelle" and c["departement"] in ("94", "23")]
    assert Territory.objects.filter(
        kind=Kind.COMMUNE, subtype="commune-actuelle", departement__in=["94", "23"]
    ).count() == len(current)


def test_each_current_commune_of_94_and_23_has_a_contour(referentiel):
    codes = set(
        Territory.objects.filter(
            kind=Kind.COMMUNE, subtype="commune-actuelle", departement__in=["94", "23"]
        ).values_list("code", flat=True)
    )
    shapes = set(Shape.objects.filter(kind=Kind.COMMUNE).values_list("code", flat=True))
    assert len(codes) == 47 + 255
    assert codes <= shapes


def test_import_is_idempotent(referentiel):
    before = (Territory.objects.count(), Shape.objects.count())
    crete = get_territory("commune", "94028")
    import_files()
    assert (Territory.objects.count(), Shape.objects.count()) == before
    assert get_territory("commune", "94028").pk == crete.pk


def test_the_16_communes_of_gpsea_resolve(referentiel):
    gpsea = home_territory()
    assert gpsea.kind == Kind.EPT and gpsea.code == "200058006"
    assert sorted(communes_of(gpsea).values_list("code", flat=True)) == sorted(GPSEA)
    assert gpsea.population == sum(communes_of(gpsea).values_list("population", flat=True))


def test_home_territory_follows_the_setting(referentiel, settings):
    settings.PARVIS_HOME_TERRITORY = "departement:23"
    assert home_territory().name == "Creuse"


def test_departement_and_region_populations_add_up_their_communes(referentiel):
    creuse = get_territory("departement", "23")
    assert creuse.population == sum(communes_of(creuse).values_list("population", flat=True))
    assert communes_of(creuse).count() == 255


def test_creuse_grand_sud_is_an_epci_of_creuse(referentiel):
    epci = Territory.objects.get(kind=Kind.EPCI, name__icontains="Creuse Grand Sud")
    assert communes_of(epci).exists()
    assert set(communes_of(epci).values_list("departement", flat=True)) == {"23"}


def test_the_command_rejects_a_missing_file(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="introuvable"):
        call_command("territory", "import", "/nonexistent/communes.json.gz")


def test_the_command_loads_a_file_given_on_the_command_line(db, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "regions.json"
    path.write_text(
        json.dumps([{"code": "11", "nom": "Île-de-France", "chefLieu": "75056"}]), encoding="utf-8"
    )
    out = StringIO()
    call_command("territory", "import", str(path), stdout=out)
    assert "regions: 1" in out.getvalue()
    assert get_territory("region", "11").name == "Île-de-France"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("communes.json", '[{"code": "94028", "nom": "Créteil"', "JSON illisible ligne 1"),
        ("epci.json", '[{"code": "200058006"}]', "enregistrement 1 : champ « nom » manquant"),
        ("regions.json", '{"code": "11"}', "une liste d’objets était attendue"),
        ("communes-94.geojson", '{"type": "Feature"}', "FeatureCollection GeoJSON attendue"),
        ("notes.txt", "bonjour", "Fichier non reconnu"),
    ],
)
def test_bad_files_are_refused_with_a_french_message_and_nothing_is_loaded(
    db, tmp_path, name, content, message
):
    from django.core.management import CommandError, call_command

    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("territory", "import", str(path))
    assert Territory.objects.count() == 0
