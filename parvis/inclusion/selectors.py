"""Reads: nearest published places to a point with the public search's filters."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache

from django.db import connection
from django.utils import timezone

from parvis.inclusion.lib.dedup import PROBABLE
from parvis.inclusion.lib.geo import bbox, haversine_km
from parvis.inclusion.lib.hours import parse
from parvis.inclusion.lib.needs import BY_KEY
from parvis.inclusion.lib.vocab import vocabularies
from parvis.inclusion.models import (
    STALE_DAYS,
    DuplicateCandidate,
    DuplicateStatus,
    Place,
    PlaceStatus,
    mask_of,
)

RADII = (1, 2, 5, 10, 20, 50)
EXPANSION = (2, 5, 10, 20, 50, 100, 200, 500)
NO_PUBLIC = "Ce lieu n'accueille pas de public"


@dataclass
class Filters:
    need: str = ""
    services: list[str] = field(default_factory=list)
    free: bool = False
    open_now: bool = False
    day: int | None = None  # 0 = lundi
    prise_en_charge: str = ""
    public: str = ""
    accompagnement: str = ""

    def service_mask(self) -> int:
        wanted = list(self.services)
        if self.need in BY_KEY:
            wanted += BY_KEY[self.need].services
        return mask_of("services", wanted)


def _offline_ok(acces_mask: int, accompagnement_mask: int, telephone: str) -> bool:
    """Help without internet: the place says people may walk in, or it has a phone number to call;
    it receives the public and does not help only remotely."""
    no_public = mask_of("modalites_acces", [NO_PUBLIC])
    remote_only = mask_of("modalites_accompagnement", ["À distance"])
    walk_in = mask_of("modalites_acces", ["Se présenter"])
    if acces_mask & no_public or accompagnement_mask == remote_only:
        return False
    return bool(acces_mask & walk_in) or bool(telephone)


def _matches(row: tuple, filters: Filters, masks: dict, now: datetime) -> bool:
    _pk, _lat, _lon, services, frais, pec, publics, accomp, acces, horaires, telephone, _maj, _u = row
    if masks["services"] and not services & masks["services"]:
        return False
    if filters.free and not frais & masks["free"]:
        return False
    if masks["pec"] and not pec & masks["pec"]:
        return False
    if masks["public"] and not publics & masks["public"]:
        return False
    if masks["accomp"] and not accomp & masks["accomp"]:
        return False
    if filters.need in BY_KEY and BY_KEY[filters.need].offline and not _offline_ok(acces, accomp, telephone):
        return False
    if filters.open_now or filters.day is not None:
        hours = parse(horaires)
        if not hours.ok or not hours.rules:
            return False
        if filters.open_now and not hours.is_open(now):
            return False
        if filters.day is not None and not hours.weekly()[filters.day]:
            return False
    return True


def _masks(filters: Filters) -> dict:
    return {
        "services": filters.service_mask(),
        "free": mask_of("frais_a_charge", ["Gratuit"]),
        "pec": mask_of(
            "prise_en_charge_specifique", [filters.prise_en_charge] if filters.prise_en_charge else []
        ),
        "public": mask_of("publics_specifiquement_adresses", [filters.public] if filters.public else []),
        "accomp": mask_of(
            "modalites_accompagnement", [filters.accompagnement] if filters.accompagnement else []
        ),
    }


COLUMNS = (
    "id",
    "latitude",
    "longitude",
    "services_mask",
    "frais_mask",
    "prise_en_charge_mask",
    "publics_mask",
    "accompagnement_mask",
    "acces_mask",
    "horaires",
    "telephone",
    "date_maj",
    "updated_at",
)


@cache
def _window_sql() -> str:
    """The bounding-box query, built once: the ORM's compilation cost more than the query itself."""
    quote = connection.ops.quote_name
    return (
        f"SELECT {', '.join(quote(c) for c in COLUMNS)} FROM {quote(Place._meta.db_table)} "
        f"WHERE {quote('status')} = %s AND {quote('latitude')} BETWEEN %s AND %s "
        f"AND {quote('longitude')} BETWEEN %s AND %s"
    )


def _within(lat, lon, radius_km, filters, masks, now, fresh_first) -> list[tuple[float, int, object]]:
    """Matching places within the radius by distance; with ``fresh_first``, stale ones (information not
    updated for more than STALE_DAYS, less likely to be true) come after all the fresh ones."""
    lat0, lat1, lon0, lon1 = bbox(lat, lon, radius_km)
    with connection.cursor() as cursor:
        cursor.execute(_window_sql(), [PlaceStatus.PUBLISHED, lat0, lat1, lon0, lon1])
        rows = cursor.fetchall()
    stale_before = (now.date() if isinstance(now, datetime) else timezone.localdate()) - timedelta(
        days=STALE_DAYS
    )
    found = []
    for row in rows:
        distance = haversine_km(lat, lon, row[1], row[2])
        if distance <= radius_km and _matches(row, filters, masks, now):
            stale = fresh_first and _as_date(row[-2]) < stale_before
            found.append((stale, distance, row[0], row[-1]))
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    return _without_probable_duplicates([(d, pk, updated) for _stale, d, pk, updated in found])


def _as_date(value) -> date:
    """SQLite hands raw SQL dates back as text."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _without_probable_duplicates(found: list[tuple[float, int, object]]) -> list[tuple[float, int, object]]:
    """Of two places the duplicate detector paired and no agent has judged yet, only the first listed
    (fresher or nearer) is kept: the same place must not appear twice in a person's results."""
    pks = [pk for _d, pk, _u in found]
    if len(pks) < 2:
        return found
    pairs = DuplicateCandidate.objects.filter(
        status=DuplicateStatus.OPEN, score__gte=PROBABLE, place_a_id__in=pks, place_b_id__in=pks
    ).values_list("place_a_id", "place_b_id")
    order = {pk: i for i, pk in enumerate(pks)}
    hidden = {max(a, b, key=order.__getitem__) for a, b in pairs}
    return [row for row in found if row[1] not in hidden] if hidden else found


def nearest_rows(
    lat: float,
    lon: float,
    *,
    radius_km: float | None = None,
    limit: int = 20,
    filters: Filters | None = None,
    now: datetime | None = None,
    fresh_first: bool = False,
) -> list[tuple[float, int, object]]:
    """(distance in km, pk, updated_at) of published places ordered by distance; within radius_km, or
    the `limit` nearest when no radius. updated_at lets callers reuse what they rendered of a place.
    Probable duplicates appear once; ``fresh_first`` ranks stale places after fresh ones (public search)."""
    filters = filters or Filters()
    now = now or timezone.localtime()
    masks = _masks(filters)
    if radius_km is not None:
        return _within(lat, lon, radius_km, filters, masks, now, fresh_first)[:limit]
    found = []
    for radius in EXPANSION:
        found = _within(lat, lon, radius, filters, masks, now, fresh_first)
        if len(found) >= limit:
            break
    return found[:limit]


def places_by_pk(pks, only: tuple[str, ...] = ()) -> dict[int, Place]:
    """Places by primary key, without their large fields; with `only`, just those fields."""
    places = (
        Place.objects.only(*only)
        if only
        else Place.objects.defer("source_rows", "value_sources", "presentation_detail")
    )
    return places.in_bulk(list(pks))


def nearest(lat: float, lon: float, **options) -> list[tuple[Place, float]]:
    """Published places ordered by distance (see nearest_rows for the options)."""
    found = nearest_rows(lat, lon, **options)
    places = places_by_pk(pk for _d, pk, _u in found)
    return [(places[pk], round(d, 2)) for d, pk, _u in found if pk in places]


def choices(name: str) -> tuple[str, ...]:
    return vocabularies()[name]


def stale_places():

    limit = timezone.localdate() - timedelta(days=STALE_DAYS)
    return Place.objects.filter(status=PlaceStatus.PUBLISHED, date_maj__lt=limit)


def published_count() -> int:
    return Place.objects.filter(status=PlaceStatus.PUBLISHED).count()
