"""Indicator pages, history, exports, dashboards, embedding and the IFN, on the demo data."""

import json
from pathlib import Path

import polars as pl

from parvis.catalog import services as catalog
from parvis.observatory.lib import ifn
from parvis.observatory.models import Indicator
from parvis.observatory.selectors import values_frame
from parvis.observatory.services import compute_indicator

DATA = Path(__file__).resolve().parents[1] / "data"


def test_recomputing_the_official_ifn_total_from_its_components_reproduces_it_for_every_commune():
    frame = pl.read_csv(DATA / "ifn_communes_mednum_2023-08_94_23.csv", schema_overrides={"code": pl.Utf8})
    assert frame.height == 303
    out = ifn.compare(frame, ifn.compute(frame))
    assert out["difference"].abs().max() < 1e-9
    assert out["difference"].null_count() == 0


def test_the_ifn_page_shows_official_and_recomputed_scores_side_by_side(demo, client):
    page = client.get("/observatoire/ifn/?territoire=departement:23").content.decode()
    assert "reproduit le total officiel pour 303 communes sur 303" in page
    assert "IFN officiel" in page and "IFN recalculé (données brutes)" in page
    assert "Guéret" in page
    # coverage of each raw input
    assert 'filosofi2020_taux_pauvrete_60</code></td><td class="num">50 / 303' in page
    assert "incomplet" in page or "/5 données" in page  # Filosofi poverty rate is secret for most of Creuse


def test_other_modules_read_the_official_ifn_per_commune(demo):
    from parvis.observatory.selectors import ifn_scores

    scores = ifn_scores(["94028", "23096", "00000"])
    assert round(scores["94028"], 2) == 3.87
    assert "23096" in scores and "00000" not in scores


def test_ifn_weights_are_editable_and_change_the_score(demo, client):
    equal = client.get("/observatoire/ifn/?territoire=commune:94028").content.decode()
    heavy = client.get(
        "/observatoire/ifn/?territoire=commune:94028&no_thd_coverage_rate=0&no_4g_coverage_rate=0"
        "&poverty_rate=1&older_65_rate=0&nscol15p_rate=0"
    ).content.decode()
    assert '<td class="num">3,87</td><td class="num">3,87</td>' in equal
    assert '<td class="num">3,87</td><td class="num">7,75</td>' in heavy  # poverty score only


def test_an_indicator_page_has_map_ranking_comparison_and_report(demo, client):
    indicator = Indicator.objects.get(title="Taux de chômage des 15-64 ans")
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "<svg" in page and 'aria-label="Créteil : ' in page
    assert "Val-de-Marne" in page and "302 communes du jeu de données" in page
    # the demo référentiel holds two départements: nothing is called national
    assert "France" not in page.split("<h2>Comparaison", 1)[1].split("</table>", 1)[0]
    assert "Rang national" not in page and "Rang parmi les 302 communes du jeu de données" in page


def test_exports_csv_json_svg(demo, client):
    indicator = Indicator.objects.get(title="Conseillers numériques validés")
    csv_text = client.get(f"/observatoire/indicateurs/{indicator.slug}/export.csv").content.decode()
    assert csv_text.splitlines()[0] == "code,nom,valeur,numerateur,denominateur,lignes_source"
    assert "94028,Créteil,23.0" in csv_text
    data = json.loads(client.get(f"/observatoire/indicateurs/{indicator.slug}/export.json").content)
    assert data["indicateur"]["annee"] == 2023 and len(data["valeurs"]) == 302
    svg = client.get(f"/observatoire/indicateurs/{indicator.slug}/export.svg")
    assert svg["Content-Type"].startswith("image/svg+xml") and svg.content.startswith(b"<svg")
    assert client.get(f"/observatoire/indicateurs/{indicator.slug}/export.xlsx").status_code == 404


def test_a_new_version_of_the_dataset_recomputes_the_indicator_and_keeps_history(
    referentiel, org, make_resource, client
):
    resource = make_resource("code_insee,n\n94028,1\n94002,2\n")
    indicator = Indicator.objects.create(
        organisation=org,
        title="N",
        slug="n",
        resource=resource,
        code_column="code_insee",
        aggregation="sum",
        value_column="n",
        year=2024,
        source="test",
        is_public=True,
    )
    compute_indicator(indicator)
    from django.conf import settings

    v2 = Path(settings.PARVIS_DATA_DIR) / "v2.csv"
    v2.write_text("code_insee,n\n94028,5\n94002,2\n", encoding="utf-8")
    catalog.start_import(resource=resource, actor=None, path=str(v2), run_now=True)
    client.get(indicator.get_absolute_url())
    runs = list(indicator.runs.all())
    assert [r.version_number for r in runs] == [2, 1]
    assert runs[0].is_current and not runs[1].is_current
    assert dict(values_frame(runs[0]).select("code", "value").rows())["94028"] == 5.0


def test_publishing_a_new_version_recomputes_its_indicators_without_waiting_for_a_reader(
    referentiel, org, make_resource, django_capture_on_commit_callbacks
):
    resource = make_resource("code_insee,n\n94028,1\n")
    indicator = Indicator.objects.create(
        organisation=org,
        title="N",
        slug="n",
        resource=resource,
        code_column="code_insee",
        aggregation="sum",
        value_column="n",
        year=2024,
        source="test",
        is_public=True,
    )
    compute_indicator(indicator)
    from django.conf import settings

    v2 = Path(settings.PARVIS_DATA_DIR) / "v2-signal.csv"
    v2.write_text("code_insee,n\n94028,7\n", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        catalog.start_import(resource=resource, actor=None, path=str(v2), run_now=True)
    assert [r.version_number for r in indicator.runs.all()] == [2, 1]


def test_private_indicators_are_hidden_from_outsiders(referentiel, org, make_resource, client_as):
    resource = make_resource("code_insee,n\n94028,1\n", public=False)
    indicator = Indicator.objects.create(
        organisation=org,
        title="Interne",
        slug="interne",
        resource=resource,
        code_column="code_insee",
        aggregation="sum",
        value_column="n",
        year=2024,
        source="test",
    )
    compute_indicator(indicator)
    for role, status in {
        "anonyme": 404,
        "citoyen": 404,
        "partenaire": 404,
        "contributeur": 200,
        "gestionnaire": 200,
        "admin": 200,
    }.items():
        assert client_as(role).get(indicator.get_absolute_url()).status_code == status, role
        assert client_as(role).get("/api/observatory/indicators/interne").status_code == status, role


def test_only_a_gestionnaire_deletes_an_indicator(demo, users, client_as):
    indicator = Indicator.objects.first()
    url = f"/observatoire/indicateurs/{indicator.slug}/supprimer/"
    for role in ("citoyen", "partenaire", "contributeur"):
        assert client_as(role).post(url).status_code == 403
        assert Indicator.objects.filter(pk=indicator.pk).exists()
    assert client_as("gestionnaire").post(url).status_code == 302
    assert not Indicator.objects.filter(pk=indicator.pk).exists()


def test_the_dashboard_shows_the_chosen_cards_in_order(demo, client):
    page = client.get("/observatoire/tableau/ept/200058006/").content.decode()
    titles = [i.title for i in Indicator.objects.filter(series="").order_by("pk")]
    positions = [page.index(t) for t in titles]
    assert positions == sorted(positions)
    assert "&lt;iframe src=" in page


def test_who_may_edit_the_dashboard(demo, users, client_as):
    roles = ("anonyme", "citoyen", "partenaire", "contributeur", "gestionnaire", "admin")
    statuses = {
        role: client_as(role).get("/observatoire/tableau/ept/200058006/modifier/").status_code
        for role in roles
    }
    assert statuses == {
        "anonyme": 302,
        "citoyen": 403,
        "partenaire": 403,
        "contributeur": 403,
        "gestionnaire": 200,
        "admin": 200,
    }


def test_a_gestionnaire_reorders_the_dashboard(demo, users, client_as):
    first, second = Indicator.objects.order_by("pk")[:2]
    data = {
        f"show_{first.pk}": "on",
        f"pos_{first.pk}": "2",
        f"show_{second.pk}": "on",
        f"pos_{second.pk}": "1",
    }
    for other in Indicator.objects.exclude(pk__in=[first.pk, second.pk]):
        data[f"pos_{other.pk}"] = "9"
    response = client_as("gestionnaire").post("/observatoire/tableau/ept/200058006/modifier/", data)
    assert response.status_code == 302
    from parvis.territory.selectors import home_territory

    cards = list(home_territory().dashboard.cards.values_list("indicator_id", flat=True))
    assert cards == [second.pk, first.pk]


def test_the_embed_view_may_be_framed_by_other_sites(demo, client):
    embed = client.get("/observatoire/tableau/ept/200058006/integrer/")
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed
    normal = client.get("/observatoire/tableau/ept/200058006/")
    assert "frame-ancestors 'none'" in normal["Content-Security-Policy"]


def test_territory_pages_show_the_dashboard_key_figures(demo, client):
    page = client.get("/territoires/ept/200058006/").content.decode()
    assert "Revenu médian par unité de consommation" in page


def test_demo_is_idempotent(demo):
    import io

    from parvis.observatory import demo as observatory_demo

    count = Indicator.objects.count()
    observatory_demo.load(io.StringIO())
    assert Indicator.objects.count() == count == 7  # five measures, and the population in 2015 and 2021


def test_the_api_lists_public_indicators_and_their_values(demo, client):
    listed = client.get("/api/observatory/indicators").json()
    assert len(listed) == 7
    slug = Indicator.objects.get(title="Conseillers numériques validés").slug
    data = client.get(f"/api/observatory/indicators/{slug}").json()
    assert {"code": "94028", "value": 23.0}.items() <= next(
        v for v in data["values"] if v["code"] == "94028"
    ).items()
    assert client.get("/api/observatory/indicators/inconnu").status_code == 404


def test_a_commune_page_shows_key_figures_and_the_datasets_covering_it(demo, client):
    catalog.create_dataset(organisation=demo, title="Bornes du Val-de-Marne", coverage=["94"], published=True)
    catalog.create_dataset(organisation=demo, title="Bornes de la Creuse", coverage=["23"], published=True)
    catalog.create_dataset(organisation=demo, title="Bornes internes", coverage=["94028"], published=False)
    page = client.get("/territoires/commune/94028/").content.decode()
    assert "Taux de chômage des 15-64 ans" in page and "13,5 %" in page
    assert "Bornes du Val-de-Marne" in page
    assert "Bornes de la Creuse" not in page and "Bornes internes" not in page


def test_an_epci_level_indicator_colours_each_commune_with_its_epci_value(
    referentiel, org, make_resource, client
):
    from parvis.observatory.services import refresh_for_resource

    resource = make_resource("siren,places\n200058006,120\n200058006,30\n999999999,1\n")
    indicator = Indicator.objects.create(
        organisation=org,
        title="Places",
        slug="places",
        resource=resource,
        level="epci",
        code_column="siren",
        aggregation="sum",
        value_column="places",
        year=2024,
        source="test",
        is_public=True,
    )
    assert len(refresh_for_resource(resource)) == 1
    run = indicator.runs.get()
    assert dict(values_frame(run).select("code", "value").rows()) == {"200058006": 150.0}
    assert run.unmatched_count == 1 and run.duplicated_codes == ["200058006"]
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert 'aria-label="Créteil : 150"' in page
    assert refresh_for_resource(resource) == []  # nothing new: no recomputation


def test_odd_parameters_never_give_a_server_error(demo, client):
    slug = Indicator.objects.first().slug
    for url in [
        "/observatoire/ifn/?territoire=planete:1",
        "/observatoire/ifn/?poverty_rate=beaucoup",
        "/observatoire/ifn/?no_thd_coverage_rate=0&no_4g_coverage_rate=0&poverty_rate=0&older_65_rate=0&nscol15p_rate=0",
        f"/observatoire/indicateurs/{slug}/?territoire=commune:99999",
        f"/observatoire/indicateurs/{slug}/?territoire=",
        f"/observatoire/indicateurs/{slug}/export.svg?territoire=custom:rien",
        "/observatoire/tableau/commune/94028/",
        "/territoires/commune/13201/",
        "/territoires/?q=%00",
        "/territoires/?q=" + "x" * 300,
        "/api/territory/search?q=&limit=100000",
    ]:
        assert client.get(url).status_code < 500, url
    assert client.get("/observatoire/tableau/planete/1/").status_code == 404
