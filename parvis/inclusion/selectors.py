"""Reads: nearest published places to a point with the public search's filters."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

from django.db import connection
from django.utils import timezone

from parvis.inclusion.lib.geo import bbox, haversine_km
from parvis.inclusion.lib.hours import parse
from parvis.inclusion.lib.needs import BY_KEY
from parvis.inclusion.lib.vocab import vocabularies
from parvis.inclusion.models import STALE_DAYS, Place, PlaceStatus, mask_of

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


def _offline_ok(acces_mask: int, accompagnement_mask: int) -> bool:
    no_public = mask_of("modalites_acces", [NO_PUBLIC])
    remote_only = mask_of("modalites_accompagnement", ["À distance"])
    return not (acces_mask & no_public) and accompagnement_mask != remote_only


def _matches(row: tuple, filters: Filters, masks: dict, now: datetime) -> bool:
    _pk, _lat, _lon, services, frais, pec, publics, accomp, acces, horaires, _updated = row
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
    if filters.need in BY_KEY and BY_KEY[filters.need].offline and not _offline_ok(acces, accomp):
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


def _within(lat, lon, radius_km, filters, masks, now) -> list[tuple[float, int, object]]:
    lat0, lat1, lon0, lon1 = bbox(lat, lon, radius_km)
    with connection.cursor() as cursor:
        cursor.execute(_window_sql(), [PlaceStatus.PUBLISHED, lat0, lat1, lon0, lon1])
        rows = cursor.fetchall()
    found = []
    for row in rows:
        distance = haversine_km(lat, lon, row[1], row[2])
        if distance <= radius_km and _matches(row, filters, masks, now):
            found.append((distance, row[0], row[-1]))
    found.sort()
    return found


def nearest_rows(
    lat: float,
    lon: float,
    *,
    radius_km: float | None = None,
    limit: int = 20,
    filters: Filters | None = None,
    now: datetime | None = None,
) -> list[tuple[float, int, object]]:
    """(distance in km, pk, updated_at) of published places ordered by distance; within radius_km, or
    the `limit` nearest when no radius. updated_at lets callers reuse what they rendered of a place."""
    filters = filters or Filters()
    now = now or timezone.localtime()
    masks = _masks(filters)
    if radius_km is not None:
        return _within(lat, lon, radius_km, filters, masks, now)[:limit]
    found = []
    for radius in EXPANSION:
        found = _within(lat, lon, radius, filters, masks, now)
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
