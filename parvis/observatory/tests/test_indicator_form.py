"""Creating an indicator through the form: good input is computed and saved; bad input gets a French
message on the form, never a 500, and nothing is saved."""

import pytest

from parvis.observatory.models import Indicator, IndicatorRun
from parvis.observatory.selectors import values_frame

GOOD = "code_insee,nom,habitants,inscrits\n94028,Créteil,100,40\n1001,L'Abergement,10,5\n94002,Alfortville,50,10\n"


def _value(run, code):
    return dict(values_frame(run).select("code", "value").rows())[code]


def _post(client, resource, **overrides):
    data = {
        "organisation": resource.dataset.organisation_id,
        "title": "Inscrits",
        "level": "commune",
        "code_column": "code_insee",
        "aggregation": "sum",
        "value_column": "inscrits",
        "year": "2024",
        "unit": "personnes",
        "source": "Mairie",
        "method": "quantiles",
        "classes": "5",
        "palette": "viridis",
    }
    data.update(overrides)
    return client.post(f"/observatoire/indicateurs/nouveau/?resource={resource.pk}", data)


def test_a_good_table_gives_an_indicator_with_its_values(referentiel, client_as, make_resource):
    resource = make_resource(GOOD)
    response = _post(client_as("contributeur"), resource)
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    run = indicator.runs.get()
    assert dict(values_frame(run).select("code", "value").rows()) == {
        "94028": 40.0,
        "01001": 5.0,
        "94002": 10.0,
    }
    assert run.unmatched_count == 0


def test_the_form_lists_the_resource_columns(referentiel, client_as, make_resource):
    resource = make_resource(GOOD)
    page = client_as("gestionnaire").get(f"/observatoire/indicateurs/nouveau/?resource={resource.pk}")
    assert page.status_code == 200
    assert '<option value="habitants">' in page.content.decode()


def _refused(response, message):
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Indicator.objects.count() == 0
    assert IndicatorRun.objects.count() == 0


def test_text_in_the_code_column_is_refused_in_french(referentiel, client_as, make_resource):
    resource = make_resource(GOOD)
    _refused(
        _post(client_as("contributeur"), resource, code_column="nom"), "ne contient aucun code commune INSEE"
    )


def test_mixed_epci_and_commune_codes_are_refused(referentiel, client_as, make_resource):
    resource = make_resource("code,n\n94028,1\n200058006,2\n94002,3\n")
    _refused(
        _post(client_as("contributeur"), resource, code_column="code", value_column="n"),
        "mélange des codes de communes",
    )


def test_an_empty_year_is_refused(referentiel, client_as, make_resource):
    resource = make_resource(GOOD)
    _refused(_post(client_as("contributeur"), resource, year=""), "Indiquez l’année des données")


def test_a_rate_without_denominator_is_refused(referentiel, client_as, make_resource):
    resource = make_resource(GOOD)
    _refused(_post(client_as("contributeur"), resource, aggregation="rate"), "dénominateur")


def test_duplicated_codes_are_combined_and_said(referentiel, client_as, make_resource):
    resource = make_resource("code_insee,inscrits\n94028,1\n94028,2\n94002,3\n")
    _post(client_as("contributeur"), resource)
    indicator = Indicator.objects.get()
    run = indicator.runs.get()
    assert _value(run, "94028") == 3.0
    assert run.duplicated_codes == ["94028"]
    page = client_as("contributeur").get(indicator.get_absolute_url()).content.decode()
    assert "1 code apparaît sur plusieurs lignes" in page and "Somme" in page


def test_unknown_codes_are_listed_with_their_line(referentiel, client_as, make_resource):
    resource = make_resource("code_insee,inscrits\n94028,1\n99999,2\n94002,3\n")
    _post(client_as("contributeur"), resource)
    run = Indicator.objects.get().runs.get()
    assert run.unmatched == [
        {"line": 3, "raw": "99999", "problem": "code commune « 99999 » inconnu du référentiel"}
    ]
    page = client_as("contributeur").get(Indicator.objects.get().get_absolute_url()).content.decode()
    assert "1 ligne non rapprochée" in page and "99999" in page


def test_a_public_indicator_needs_a_public_dataset(referentiel, client_as, make_resource):
    resource = make_resource(GOOD, public=False)
    _refused(_post(client_as("contributeur"), resource, is_public="on"), "n’est pas public")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonyme", 302),
        ("citoyen", 403),
        ("partenaire", 403),
        ("contributeur", 200),
        ("gestionnaire", 200),
        ("admin", 200),
    ],
)
def test_who_may_open_the_indicator_form(referentiel, client_as, role, status):
    assert client_as(role).get("/observatoire/indicateurs/nouveau/").status_code == status
