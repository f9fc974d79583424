"""Saved IFN weighting scenarios: who may save and delete them, the audit log, reuse by URL, exports."""

import csv
import io
import json

import pytest

from parvis.accounts.models import AuditEvent
from parvis.observatory.models import IfnScenario

CREATE = "/observatoire/ifn/scenarios/nouveau/"
POVERTY_FIRST = {
    "organisation": None,
    "name": "Priorité à la pauvreté",
    "description": "La pauvreté compte triple.",
    "no_thd_coverage_rate": "1",
    "no_4g_coverage_rate": "1",
    "poverty_rate": "3",
    "older_65_rate": "1",
    "nscol15p_rate": "1",
}


def _data(org, **changes):
    return {**POVERTY_FIRST, "organisation": org.pk, **changes}


@pytest.mark.parametrize("role", ["gestionnaire", "contributeur"])
def test_an_agent_of_the_organisation_saves_a_named_scenario_recorded_in_the_audit_log(demo, client_as, role):
    response = client_as(role).post(CREATE, _data(demo))
    scenario = IfnScenario.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/observatoire/ifn/?scenario={scenario.slug}"
    )
    assert scenario.weights["poverty_rate"] == 3.0 and scenario.organisation == demo
    event = AuditEvent.objects.get(action="observatory.ifn_scenario.create")
    assert event.organisation == demo and event.details["weights"]["poverty_rate"] == 3.0


@pytest.mark.parametrize("role", ["citoyen", "partenaire"])
def test_people_who_are_not_agents_cannot_save_a_scenario(demo, client_as, role):
    assert client_as(role).get(CREATE).status_code == 403
    assert client_as(role).post(CREATE, _data(demo)).status_code == 403
    assert not IfnScenario.objects.exists()


def test_an_anonymous_visitor_is_sent_to_the_login_page(demo, client_as):
    response = client_as("anonyme").post(CREATE, _data(demo))
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]


def test_an_agent_cannot_save_for_another_organisation(demo, other_org, client_as):
    page = client_as("contributeur").post(CREATE, _data(other_org)).content.decode()
    assert "Sélectionnez un choix valide" in page and not IfnScenario.objects.exists()


def test_bad_weights_and_duplicate_names_get_french_messages_and_save_nothing(demo, client_as):
    client = client_as("gestionnaire")
    zero = {
        c: "0"
        for c in (
            "no_thd_coverage_rate",
            "no_4g_coverage_rate",
            "poverty_rate",
            "older_65_rate",
            "nscol15p_rate",
        )
    }
    page = client.post(CREATE, _data(demo, **zero)).content.decode()
    assert "Au moins un poids doit être supérieur à zéro." in page
    page = client.post(CREATE, _data(demo, poverty_rate="9")).content.decode()
    assert "inférieure ou égale à 5" in page
    page = client.post(CREATE, _data(demo, poverty_rate="trois")).content.decode()
    assert "Saisissez un nombre." in page
    assert not IfnScenario.objects.exists()
    client.post(CREATE, _data(demo))
    page = client.post(CREATE, _data(demo)).content.decode()
    assert "a déjà un scénario nommé « Priorité à la pauvreté »" in page
    assert IfnScenario.objects.count() == 1


def test_the_scenario_is_listed_and_reused_by_its_url(demo, client_as, client):
    client_as("contributeur").post(CREATE, _data(demo))
    scenario = IfnScenario.objects.get()
    listing = client.get("/observatoire/ifn/").content.decode()
    assert "Priorité à la pauvreté" in listing and scenario.get_absolute_url() in listing
    page = client.get(scenario.get_absolute_url() + "&territoire=commune:94028").content.decode()
    assert "Scénario « Priorité à la pauvreté » de Grand Paris Sud Est Avenir appliqué." in page
    # Créteil: (2 + 5 + 3 × 7,75 + 2,42 + 2,19) / 7 = 4,98 (docs/ifn.md)
    assert '<td class="num">3,87</td><td class="num">4,98</td>' in page
    unknown = client.get("/observatoire/ifn/?scenario=n-existe-pas").content.decode()
    assert "Ce scénario n" in unknown and "existe pas" in unknown


def test_the_export_gives_the_weights_and_the_index_of_every_commune(demo, client_as, client):
    client_as("gestionnaire").post(CREATE, _data(demo))
    slug = IfnScenario.objects.get().slug
    response = client.get(f"/observatoire/ifn/scenarios/{slug}/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 303
    creteil = next(r for r in rows if r["code"] == "94028")
    assert creteil["nom"] == "Créteil" and creteil["poids_poverty_rate"] == "3.0"
    assert abs(float(creteil["ifn_pondere"]) - 34.87 / 7) < 0.01
    assert creteil["complet"] == "oui"
    data = json.loads(
        client.get(f"/observatoire/ifn/scenarios/{slug}/export.json?territoire=ept:200058006").content
    )
    assert data["scenario"]["poids"]["poverty_rate"] == 3.0
    assert len(data["communes"]) == 16  # GPSEA only
    assert client.get(f"/observatoire/ifn/scenarios/{slug}/export.xlsx").status_code == 404
    assert client.get("/observatoire/ifn/scenarios/inconnu/export.csv").status_code == 404


def test_only_a_gestionnaire_or_the_author_deletes_a_scenario(demo, client_as, users):
    client_as("contributeur").post(CREATE, _data(demo))
    scenario = IfnScenario.objects.get()
    url = f"/observatoire/ifn/scenarios/{scenario.slug}/supprimer/"
    for role in ("citoyen", "partenaire"):
        assert client_as(role).post(url).status_code == 403
    assert client_as("gestionnaire").post(url).status_code == 302
    assert not IfnScenario.objects.exists()
    assert AuditEvent.objects.filter(action="observatory.ifn_scenario.delete").count() == 1
    client_as("gestionnaire").post(CREATE, _data(demo))
    mine = IfnScenario.objects.get()
    url = f"/observatoire/ifn/scenarios/{mine.slug}/supprimer/"
    assert client_as("contributeur").post(url).status_code == 403  # not the author, not gestionnaire
    assert IfnScenario.objects.filter(pk=mine.pk).exists()


def test_weights_typed_on_the_page_are_exported_without_saving(demo, client):
    page = client.get("/observatoire/ifn/?poverty_rate=3").content.decode()
    assert "/observatoire/ifn/export.csv?" in page
    response = client.get(
        "/observatoire/ifn/export.csv", {"poverty_rate": "3", "territoire": "commune:94028"}
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["code"] for r in rows] == ["94028"] and rows[0]["poids_poverty_rate"] == "3.0"
    assert abs(float(rows[0]["ifn_pondere"]) - 34.87 / 7) < 0.01
    bad = client.get("/observatoire/ifn/export.json", {"poverty_rate": "12"})
    assert bad.status_code == 400 and "inférieure ou égale à 5" in bad.content.decode()
    assert not IfnScenario.objects.exists()
