"""Statistics that do not mislead, on the demo data: what figures cover, ranks with ties, weighted means,
rounded gaps, the all-communes map, and the bar and time-series charts of an indicator page."""

import csv
import html
import re
from pathlib import Path

from parvis.observatory.models import Indicator
from parvis.observatory.selectors import comparison, values_frame
from parvis.observatory.services import compute_indicator
from parvis.territory.selectors import commune_populations, get_territory, national_count

DATA = Path(__file__).resolve().parents[1] / "data"


def _indicator(org, resource, aggregation="sum", **extra):
    indicator = Indicator.objects.create(
        organisation=org,
        title=extra.pop("title", "Valeurs de test"),
        slug=extra.pop("slug", "valeurs-de-test"),
        resource=resource,
        code_column="code",
        aggregation=aggregation,
        value_column="n",
        year=extra.pop("year", 2024),
        source="test",
        is_public=True,
        **extra,
    )
    compute_indicator(indicator)
    return indicator


def _rows(page: str, caption: str) -> list[list[str]]:
    table = html.unescape(page).split(caption, 1)[1].split("</table>", 1)[0]
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1])
    ]


def test_the_demo_referentiel_is_not_france(referentiel):
    assert national_count() is None  # two départements: no figure may be called national


def test_equal_values_get_the_same_rank_and_are_listed_in_order(demo, make_resource, org, client):
    resource = make_resource("code,n\n94028,5\n94002,5\n94003,7\n94004,1\n")
    indicator = _indicator(org, resource)
    page = client.get(indicator.get_absolute_url() + "?territoire=departement:94").content.decode()
    rows = _rows(page, "Classement des communes")
    ranked = [(r[0], r[1], r[4]) for r in rows if r[0] != "—"]
    assert ranked == [
        ("1", "Arcueil", "1"),
        ("2", "Alfortville", "2"),  # tie: same rank, by name
        ("2", "Créteil", "2"),
        ("4", "Boissy-Saint-Léger", "4"),  # the next rank skips the tie
    ]
    assert "Rang parmi les 4 communes du jeu de données" in page and "Rang national" not in page
    assert "4 communes du jeu de données" in page


def test_median_income_is_averaged_with_population_weights_never_plainly(demo):
    indicator = Indicator.objects.get(title="Revenu médian par unité de consommation")
    assert indicator.aggregation == "weighted_mean"
    with open(DATA / "demo_observatoire_communes_94_23.csv", encoding="utf-8") as handle:
        medians = {
            r["code_insee"]: float(r["filosofi2020_revenu_median_uc"])
            for r in csv.DictReader(handle)
            if r["dep"] == "94" and r["filosofi2020_revenu_median_uc"]
        }
    populations = commune_populations(medians)
    weighted = sum(medians[c] * populations[c] for c in medians) / sum(populations[c] for c in medians)
    plain = sum(medians.values()) / len(medians)
    frame = values_frame(indicator.runs.get(is_current=True))
    rows = comparison(indicator, frame, get_territory("departement", "94"))
    assert abs(rows[0]["value"] - weighted) < 1e-6
    assert abs(rows[0]["value"] - plain) > 100  # the plain mean of medians would be another figure
    assert rows[0]["method"] == "moyenne pondérée par la population"


def test_a_non_aggregable_indicator_shows_no_total_for_a_group(demo, make_resource, org, client):
    indicator = _indicator(org, make_resource("code,n\n94028,3\n94002,8\n"), aggregation="none")
    page = client.get(indicator.get_absolute_url() + "?territoire=departement:94").content.decode()
    comparison_rows = _rows(page, "Valeur de l'indicateur par niveau")
    assert comparison_rows[0][1:] == ["non agrégeable", "non agrégeable"]
    single = client.get(indicator.get_absolute_url() + "?territoire=commune:94028").content.decode()
    assert _rows(single, "Valeur de l'indicateur par niveau")[0][1:] == ["3", "valeur de la commune"]


def test_the_ifn_check_rounds_its_gap_for_reading(demo, client):
    page = client.get("/observatoire/ifn/?territoire=departement:23").content.decode()
    assert "écart maximal : moins de 0,01" in page
    assert "0,000000" not in page and not re.search(r"\d,\d{5,}", page)


def test_the_all_communes_map_says_it_covers_the_loaded_communes_not_france(demo, client):
    page = client.get("/territoires/france/communes/").content.decode()
    assert "<h1>Les communes du référentiel chargé</h1>" in page
    assert "Toutes les communes de France" not in page
    title = re.search(r'<title id="carte-communes-france-t">(.*?)</title>', page).group(1)
    assert title.startswith("Les 302 communes du référentiel chargé (Creuse, Val-de-Marne)")
    assert "pas toute la France" in title
    assert "Aucun département d&#x27;outre-mer" in page or "Aucun département d'outre-mer" in page


def test_an_indicator_page_draws_its_communes_as_bars_with_a_table(demo, client):
    indicator = Indicator.objects.get(title="Taux de chômage des 15-64 ans")
    page = client.get(indicator.get_absolute_url() + "?territoire=ept:200058006").content.decode()
    figure = page.split('<figure class="chart" aria-labelledby="barres-legende">', 1)[1].split(
        "</figure>", 1
    )[0]
    assert figure.count("<rect") == 16  # the 16 communes of GPSEA
    assert 'role="img"' in figure and "<figcaption" in figure and "<caption>Données du graphique" in figure


def test_a_commune_is_placed_among_the_communes_of_its_territory(demo, client):
    indicator = Indicator.objects.get(title="Taux de chômage des 15-64 ans")
    page = client.get(indicator.get_absolute_url() + "?territoire=commune:94028").content.decode()
    figure = page.split('aria-labelledby="barres-legende">', 1)[1].split("</figure>", 1)[0]
    assert "Grand Paris Sud Est Avenir" in figure and figure.count("<rect") == 16
    assert 'font-weight="bold"><title>Créteil</title>' in figure


def test_an_indicator_with_several_years_shows_its_evolution(demo, client):
    indicator = Indicator.objects.get(title="Population municipale 2021")
    assert indicator.series == "population"
    page = client.get(indicator.get_absolute_url() + "?territoire=commune:94028").content.decode()
    assert "<h2>Évolution</h2>" in page
    rows = _rows(page, "Données du graphique : Évolution 2015–2021")
    assert rows == [["2015", "90\u202f739 habitants"], ["2021", "92\u202f989 habitants"]]
    assert "l'axe vertical ne commence pas à zéro" in page.replace("&#x27;", "'")


def test_a_single_year_indicator_has_no_evolution_chart(demo, client):
    indicator = Indicator.objects.get(title="Taux de chômage des 15-64 ans")
    assert "<h2>Évolution</h2>" not in client.get(indicator.get_absolute_url()).content.decode()
