"""Public search « Trouver de l'aide près de chez moi » (server side) and the referral sheet."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from parvis.inclusion.geocoding import locate
from parvis.inclusion.models import Place
from parvis.inclusion.selectors import Filters, nearest

pytestmark = pytest.mark.django_db
CRETEIL = (48.7784, 2.4536)


def _names(response):
    return [item["place"].nom for item in response.context["results"]]


def test_need_and_commune_give_results_ordered_by_distance(client, demo_places, referentiel):
    response = client.get("/aide/", {"besoin": "demarches", "lieu": "Créteil", "rayon": 5})
    assert response.status_code == 200
    ranks = [(item["place"].is_stale, item["distance"]) for item in response.context["results"]]
    assert ranks == sorted(ranks) and len(ranks) >= 3
    assert all(
        "Aide aux démarches administratives" in item["place"].services for item in response.context["results"]
    )
    assert response.context["location"].label == "Créteil (94028)"


def test_a_postcode_shared_by_several_communes_offers_a_choice(client, demo_places, referentiel):
    response = client.get("/aide/", {"lieu": "94440", "rayon": 5})
    labels = [c["label"] for c in response.context["choices"]]
    assert {"Marolles-en-Brie (94048)", "Santeny (94070)", "Villecresnes (94075)"} <= set(labels)


def test_an_address_is_placed_at_its_commune_centre(client, demo_places, referentiel):
    response = client.get("/aide/", {"lieu": "2 avenue Georges Pompidou, Sucy-en-Brie", "rayon": 2})
    assert response.context["location"].approximate
    assert _names(response)


def test_without_referentiel_the_places_own_coordinates_locate_a_commune(demo_places):
    found = locate("Santeny")
    assert found.location and abs(found.location.lat - 48.726) < 0.01


def test_a_place_moved_on_another_node_moves_the_commune_at_once(demo_places):
    assert locate("Santeny").location.lat < 49
    # Without référentiel the commune is placed at its places' centre: moving them must move it, on every node.
    Place.objects.filter(commune="Santeny").update(latitude=49.5, updated_at=datetime.now(ZoneInfo("UTC")))
    assert abs(locate("Santeny").location.lat - 49.5) < 0.01


def test_a_place_deleted_between_the_two_reads_is_left_out(demo_places):
    from django.utils import timezone

    from parvis.inclusion.presentation import search_results
    from parvis.inclusion.selectors import nearest_rows

    found = nearest_rows(*CRETEIL, radius_km=3)
    Place.objects.filter(pk=found[0][1]).delete()
    results = search_results(found, timezone.localtime())
    assert [item["place"].pk for item in results] == [pk for _d, pk, _u in found[1:]]


def test_an_unknown_choice_selects_nothing(client, demo_places):
    body = client.get("/aide/", {"besoin": "<b>inconnu</b>", "lieu": "Créteil"}).content.decode()
    assert "<b>inconnu</b>" not in body
    assert 'id="id_besoin"><option value="" selected>' in body


def test_an_unknown_place_says_so(client, demo_places):
    response = client.get("/aide/", {"lieu": "Atlantide"})
    assert "Lieu introuvable" in response.content.decode()


def test_radius_of_one_kilometre_is_honoured(demo_places):
    found = nearest(*CRETEIL, radius_km=1)
    assert found and all(d <= 1 for _p, d in found)


def test_offline_need_keeps_only_places_receiving_the_public(demo_places):
    Place.objects.filter(identifier="demo-mairie-94028").update(
        modalites_acces=["Ce lieu n'accueille pas de public"], acces_mask=1 << 4
    )
    found = [p.identifier for p, _d in nearest(*CRETEIL, radius_km=3, filters=Filters(need="sans-internet"))]
    assert found and "demo-mairie-94028" not in found


def test_open_now_filter_uses_the_opening_hours(demo_places):
    sunday = datetime(2026, 11, 29, 11, 0, tzinfo=ZoneInfo("Europe/Paris"))
    saturday = datetime(2026, 11, 28, 11, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert nearest(*CRETEIL, radius_km=10, filters=Filters(open_now=True), now=sunday) == []
    open_saturday = nearest(*CRETEIL, radius_km=10, filters=Filters(open_now=True), now=saturday)
    assert open_saturday and all(p.horaires for p, _d in open_saturday)


def test_filters_for_free_public_and_specific_needs(demo_places):
    found = nearest(
        *CRETEIL,
        radius_km=20,
        filters=Filters(prise_en_charge="Déficience visuelle", public="Seniors", free=True),
    )
    assert [p.nom for p, _d in found] == ["Médiathèque de l'Abbaye"]


def test_search_page_stays_under_100_kilobytes(client, demo_places, referentiel):
    response = client.get("/aide/", {"lieu": "Créteil", "rayon": 50})
    assert len(response.content) < 100_000


def test_more_places_are_offered_when_the_radius_holds_more_than_twelve(client, demo_places, referentiel):
    first = client.get("/aide/", {"lieu": "Créteil", "rayon": 50})
    assert len(first.context["results"]) == 12 and "Voir plus de lieux" in first.text
    more = client.get(f"/aide/?{first.context['more_query']}")
    ranks = [(item["place"].is_stale, item["distance"]) for item in more.context["results"]]
    assert 12 < len(ranks) <= 40 and ranks == sorted(ranks)
    assert len(more.content) < 100_000 and "Voir plus de lieux" not in more.text


def test_results_tell_how_to_get_help_without_internet(client, demo_places, referentiel):
    body = client.get(
        "/aide/", {"besoin": "demarches", "lieu": "Bonneuil-sur-Marne", "rayon": 2}
    ).content.decode()
    assert (
        "Comment venir ou joindre ce lieu" in body
        and "maison France Services" in body
        and "01 41 94 10 57" in body
    )


def test_referral_sheet_offers_print_formats_and_copyable_text(client, demo_places):
    ids = list(
        Place.objects.filter(identifier__startswith="france-services").values_list("pk", flat=True)[:2]
    )
    response = client.get("/aide/fiche/", {"lieux": ids, "format": "a5"})
    body = response.content.decode()
    assert "incl-paper-a5" in body and "Format du papier" in body
    assert "Horaires : Du lundi au" in response.context["text"] or "Horaires :" in response.context["text"]
    assert response.context["text"].count("Comment venir") == 2


def test_referral_sheet_ignores_ids_that_are_not_whole_numbers(client, demo_places):
    pk = Place.objects.first().pk
    response = client.get("/aide/fiche/", {"lieux": ["²", "abc", str(pk)], "format": "x", "par": "é" * 500})
    assert response.status_code == 200 and len(response.context["items"]) == 1


def test_referral_sheet_stores_nothing(client, demo_places):
    from parvis.accounts.models import AuditEvent

    before = (Place.objects.count(), AuditEvent.objects.count())
    client.get("/aide/fiche/", {"lieux": [Place.objects.first().pk]})
    assert (Place.objects.count(), AuditEvent.objects.count()) == before


def test_place_page_shows_its_update_date_and_stale_flag(client, demo_places):
    place = Place.objects.get(identifier="cnfs-21940028000018")
    body = client.get(place.get_absolute_url()).content.decode()
    assert "25\u00a0juin 2021" in body and "plus de 12 mois" in body


def test_search_form_errors_never_crash(client, demo_places):
    assert client.get("/aide/", {"rayon": "abc", "lat": "north", "ouvert": "9"}).status_code == 200


def test_a_reimported_place_shows_its_new_details_in_results(client, demo_places):
    from parvis.inclusion import exports
    from parvis.inclusion.services.imports import import_file

    url = {"lieu": "48.7748,2.5263", "rayon": 1}
    assert "01 56 74 10 10" in client.get("/aide/", url).content.decode()
    record = next(r for r in exports.records() if r["id"] == "france-services-3237")
    record["telephone"] = "+33156749999"
    import_file(data=exports.to_csv([record]).encode(), filename="maj.csv", archive=False)
    body = client.get("/aide/", url).content.decode()
    assert "01 56 74 99 99" in body and "01 56 74 10 10" not in body
