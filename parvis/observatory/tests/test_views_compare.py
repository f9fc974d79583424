"""Side-by-side comparison of chosen communes: a plain GET form, names, codes or postcodes, clear errors."""

import html
import re

import pytest

URL = "/observatoire/comparer/"


def _text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    "role", ["anonyme", "citoyen", "partenaire", "contributeur", "gestionnaire", "admin"]
)
def test_everybody_may_compare_communes(demo, client_as, role):
    response = client_as(role).get(URL)
    assert response.status_code == 200 and "Comparer des communes" in response.content.decode()


def test_communes_typed_by_name_code_or_postcode_are_compared_on_each_indicator(demo, client):
    page = _text(client.get(URL, {"commune1": "Créteil", "commune2": "23096", "commune3": "94340"}))
    assert "3 communes comparées" in page
    assert page.count('class="chart"') == 7  # one chart per commune-level indicator
    chart = page.split("Données du graphique : Taux de chômage des 15-64 ans (2021)", 1)[1].split(
        "</table>", 1
    )[0]
    names = re.findall(r'<th scope="row">(.*?)</th>', chart)
    assert names == ["Créteil", "Guéret", "Joinville-le-Pont"]  # the form's order
    assert "Rang parmi les 302 communes du jeu de données" in page


def test_chosen_indicators_only(demo, client):
    page = _text(
        client.get(
            URL, {"commune1": "94028", "commune2": "94002", "indicateurs": ["taux-de-chomage-des-15-64-ans"]}
        )
    )
    assert page.count('class="chart"') == 1


def test_unknown_ambiguous_or_non_commune_entries_are_explained_in_french(demo, client):
    page = _text(client.get(URL, {"commune1": "Zzzville", "commune2": "Creuse", "commune3": "Saint"}))
    assert "Aucune commune ne correspond à « Zzzville »." in page
    assert "« Creuse » n’est pas une commune" in page
    assert "Plusieurs communes correspondent à « Saint »" in page and "Tapez le code INSEE." in page
    assert 'class="chart"' not in page
    assert 'value="Zzzville"' in page  # what was typed stays in the form


def test_the_same_commune_twice_is_compared_once(demo, client):
    page = _text(client.get(URL, {"commune1": "94028", "commune2": "Créteil"}))
    assert "1 commune comparée" in page


def test_an_empty_form_asks_for_a_commune(demo, client):
    assert "Tapez au moins une commune." in _text(client.get(URL, {"commune1": ""}))
