"""What the help finder shows is true: the radius searched, one result set per need, access modes the data
states, stale entries flagged and ranked last, probable duplicates once, usual short commune names found."""

from datetime import date, timedelta

import pytest

from parvis.inclusion.geocoding import locate
from parvis.inclusion.models import DuplicateCandidate, Place
from parvis.inclusion.selectors import Filters, nearest

pytestmark = pytest.mark.django_db
CRETEIL = (48.7784, 2.4536)


def _ids(found):
    return [p.identifier for p, _d in found]


def test_without_a_radius_in_the_address_the_page_shows_the_five_kilometres_searched(
    client, demo_places, referentiel
):
    body = client.get("/aide/", {"lieu": "Créteil"}).text
    assert '<option value="5" selected>5 km</option>' in body
    assert "(moins de 5 km)" in body and "de Créteil" in body


def test_choosing_a_commune_among_several_keeps_the_radius(client, demo_places, referentiel):
    response = client.get("/aide/", {"lieu": "94440", "rayon": 10})
    assert all("rayon=10" in c["query"] for c in response.context["choices"])


def test_help_without_internet_is_its_own_result_set(demo_places):
    offline = nearest(*CRETEIL, radius_km=10, filters=Filters(need="sans-internet"))
    paperwork = nearest(*CRETEIL, radius_km=10, filters=Filters(need="demarches"))
    assert offline and set(_ids(offline)) != set(_ids(paperwork))
    for place, _d in offline:
        assert "Se présenter" in place.modalites_acces or place.telephone


def test_a_place_saying_téléphoner_without_a_number_is_not_offered_without_internet(demo_places):
    offline = _ids(nearest(*CRETEIL, radius_km=10, filters=Filters(need="sans-internet")))
    assert "cnfs-21940028000018" not in offline  # « Téléphoner » in its data, but no number


def test_no_walk_in_is_promised_when_the_data_does_not_say_so(client, demo_places):
    place = Place.objects.get(identifier="cnfs-21940028000018")
    body = client.get(place.get_absolute_url()).text
    assert "sans rendez-vous" not in body and "non précisé par le lieu" in body


def test_a_place_whose_data_says_walk_in_says_so_with_its_phone(client, demo_places):
    place = Place.objects.get(identifier="france-services-3237")
    body = client.get(place.get_absolute_url()).text
    assert "sans rendez-vous" in body and "01 56 74 10 10" in body


def test_stale_places_are_flagged_and_ranked_after_fresh_ones(client, demo_places):
    found = nearest(*CRETEIL, radius_km=3, fresh_first=True)
    stale = [p for p, _d in found if p.is_stale]
    fresh = [p for p, _d in found if not p.is_stale]
    assert stale and fresh
    assert [p for p, _d in found] == fresh + stale
    response = client.get("/aide/", {"lieu": "48.7784,2.4536", "rayon": "2", "plus": "on"})
    assert response.context["form"].errors == {}, response.context["form"].errors
    shown = [item["place"].is_stale for item in response.context["results"]]
    assert shown == sorted(shown) and True in shown and False in shown
    assert "appelez avant de vous déplacer" in response.text


def test_a_probable_duplicate_appears_once_in_results(demo_places):
    found = nearest(*CRETEIL, radius_km=3)
    first, second = found[0][0], found[1][0]
    DuplicateCandidate.objects.filter(place_a__in=[first, second]).delete()
    DuplicateCandidate.objects.create(place_a=first, place_b=second, score=0.95)
    again = [p.pk for p, _d in nearest(*CRETEIL, radius_km=3)]
    assert first.pk in again and second.pk not in again


def test_a_pair_only_possibly_the_same_place_keeps_both(demo_places):
    found = nearest(*CRETEIL, radius_km=3)
    DuplicateCandidate.objects.filter(place_a__in=[found[0][0], found[1][0]]).delete()
    DuplicateCandidate.objects.create(place_a=found[0][0], place_b=found[1][0], score=0.75)
    assert found[1][0].pk in [p.pk for p, _d in nearest(*CRETEIL, radius_km=3)]


def test_a_duplicate_judged_distinct_appears_again(demo_places):
    found = nearest(*CRETEIL, radius_km=3)
    DuplicateCandidate.objects.filter(place_a__in=[found[0][0], found[1][0]]).delete()
    DuplicateCandidate.objects.create(place_a=found[0][0], place_b=found[1][0], score=0.95, status="distinct")
    assert found[1][0].pk in [p.pk for p, _d in nearest(*CRETEIL, radius_km=3)]


def test_a_usual_short_name_finds_the_commune(demo_places, referentiel):
    assert locate("Sucy").location.label == "Sucy-en-Brie (94071)"
    assert locate("Saint-Maur").location.label == "Saint-Maur-des-Fossés (94068)"


def test_a_short_name_is_found_in_the_places_without_the_referentiel(demo_places):
    found = locate("Ormesson")
    assert found.location and found.location.label == "Ormesson-sur-Marne"


def test_a_recently_updated_place_shows_its_date_in_french(client, demo_places):
    place = Place.objects.get(identifier="france-services-3237")
    Place.objects.filter(pk=place.pk).update(date_maj=date.today() - timedelta(days=3))
    body = client.get(place.get_absolute_url()).text
    assert "Mis à jour le" in body and "/20" not in body.split("Mis à jour le")[1][:30]
