"""The inclusion API: English parameters and fields with declared schemas, the standard's record inside."""

import json

import pytest

from parvis.inclusion.lib.vocab import field_names

pytestmark = pytest.mark.django_db

OWN_FIELDS = {"id", "url", "distance_km", "stale", "update_date_reliable", "record"}


def test_every_operation_declares_its_response_schema():
    from parvis.api import api

    schema = api.get_openapi_schema()
    for path, item in schema["paths"].items():
        if not path.startswith("/api/inclusion/"):
            continue
        for method, operation in item.items():
            assert "200" in operation["responses"] or 200 in operation["responses"], f"{method} {path}"
            ok = operation["responses"].get(200) or operation["responses"]["200"]
            assert "content" in ok, f"{method} {path} declares no response schema"


def test_the_parameters_are_named_in_english():
    from parvis.api import api

    schema = api.get_openapi_schema()
    names = {p["name"] for p in schema["paths"]["/api/inclusion/places"]["get"]["parameters"]}
    assert {"radius_km", "need", "free", "open_now", "day", "postcode", "insee_code", "limit"} <= names
    assert not names & {"rayon_km", "besoin", "gratuit", "ouvert_maintenant", "jour", "limite", "code_postal"}


def test_a_place_gives_our_fields_in_english_and_the_standard_record_unchanged(client, demo_places):
    listing = json.loads(
        client.get("/api/inclusion/places", {"lat": 48.7784, "lon": 2.4536, "limit": 3}).content
    )
    assert len(listing) == 3
    first = listing[0]
    assert set(first) == OWN_FIELDS
    assert set(first["record"]) == set(field_names())  # the standard's 32 fields, named as the standard says
    assert first["distance_km"] <= listing[-1]["distance_km"]
    assert client.get(first["url"]).status_code == 200
    single = json.loads(client.get(f"/api/inclusion/places/{first['id']}").content)
    assert single["record"] == first["record"] and single["distance_km"] is None


def test_the_search_filters_keep_their_meaning(client, demo_places):
    free = json.loads(client.get("/api/inclusion/places", {"free": "true", "limit": 1000}).content)
    everything = json.loads(client.get("/api/inclusion/places", {"limit": 1000}).content)
    assert free and all("Gratuit" in p["record"]["frais_a_charge"] for p in free)
    assert len(free) < len(everything)
    service = "Aide aux démarches administratives"
    helped = json.loads(client.get("/api/inclusion/places", {"service": service, "limit": 1000}).content)
    assert helped and all(service in p["record"]["services"] for p in helped)


def test_bad_parameters_get_a_french_message_not_a_500(client, demo_places):
    outside = client.get("/api/inclusion/places/nearest", {"lat": 40.4, "lon": -3.7})
    assert outside.status_code == 400 and "pas en France" in outside.json()["detail"]
    assert client.get("/api/inclusion/places", {"limit": 0}).status_code == 422
    assert client.get("/api/inclusion/places/999999").status_code == 404


@pytest.mark.parametrize(
    "role, status",
    [
        ("anonyme", 403),
        ("citoyen", 403),
        ("partenaire", 403),
        ("contributeur", 200),
        ("gestionnaire", 200),
        ("admin", 200),
    ],
)
def test_gap_indicators_are_for_collectivite_members_with_english_fields(client_as, role, status):
    from parvis.inclusion.models import GapIndicator

    GapIndicator.objects.create(
        commune_code="94028",
        commune_nom="Créteil",
        departement="94",
        population=92_000,
        service="Aide aux démarches administratives",
        distance_km=7.5,
        beyond=True,
        threshold_km=5,
    )
    response = client_as(role).get("/api/inclusion/gaps", {"commune": "94028"})
    assert response.status_code == status
    if status == 200:
        assert response.json() == [
            {
                "commune_code": "94028",
                "commune_name": "Créteil",
                "population": 92_000,
                "service": "Aide aux démarches administratives",
                "distance_km": 7.5,
                "beyond_threshold": True,
                "threshold_km": 5.0,
                "nearest_place_id": None,
            }
        ]
