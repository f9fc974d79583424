"""Local geocoding for the public search: a commune name, a postcode, « adresse, commune » or « lat,lon ».
Backed by the territory app's référentiel (parvis.territory.selectors); falls back on the coordinates of
the places themselves when the référentiel is not imported. No third-party call."""

import hashlib
import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Avg, Count, Max

from parvis.inclusion.lib.geo import in_france
from parvis.inclusion.lib.vocab import fold
from parvis.inclusion.models import Place, PlaceStatus
from parvis.territory import selectors as territories

GEOCODING_SECONDS = 600
POINT_RE = re.compile(r"^\s*(-?\d{1,3}(?:[.,]\d+)?)\s*[,; ]\s*(-?\d{1,3}(?:[.,]\d+)?)\s*$")


@dataclass
class Location:
    label: str
    lat: float
    lon: float
    approximate: bool = False  # an address placed at its commune's centre


@dataclass
class Lookup:
    location: Location | None = None
    choices: list[Location] = field(default_factory=list)


def _commune_location(commune) -> Location | None:
    if commune.latitude is not None:
        return Location(f"{commune.name} ({commune.code})", commune.latitude, commune.longitude)
    point = territories.centroid(commune.code)
    return Location(f"{commune.name} ({commune.code})", *point) if point else None


def _from_places(**filters) -> Location | None:
    found = Place.objects.filter(status=PlaceStatus.PUBLISHED, latitude__isnull=False, **filters)
    agg = found.aggregate(lat=Avg("latitude"), lon=Avg("longitude"))
    if agg["lat"] is None:
        return None
    first = found.values_list("commune", flat=True).first()
    return Location(first or "", agg["lat"], agg["lon"])


def _by_postcode(postcode: str) -> Lookup:
    communes = territories.communes_for_postcode(postcode)
    places = [loc for loc in (_commune_location(c) for c in communes) if loc]
    if len(places) == 1:
        return Lookup(places[0])
    if places:
        return Lookup(choices=places)
    loc = _from_places(code_postal=postcode)
    return Lookup(Location(f"{loc.label} ({postcode})", loc.lat, loc.lon) if loc else None)


def _starts_with_words(candidate: str, query: str) -> bool:
    """« barbezieux saint hilaire » starts with « barbezieux »; « saint maurice » does not with « saint maur »."""
    return candidate == query or candidate.startswith(query + " ")


def _by_name(name: str) -> Lookup:
    """Exact name first; else the communes whose name begins with the words typed (« Barbezieux » finds
    Barbezieux-Saint-Hilaire), then any commune containing them, most populated first."""
    query = fold(name)
    communes = [t for t in territories.search(name, limit=8) if t.kind == "commune"]
    exact = [t for t in communes if fold(t.name) == query]
    prefixed = [t for t in communes if _starts_with_words(fold(t.name), query)]
    pick = exact or prefixed or communes
    places = [loc for loc in (_commune_location(c) for c in pick) if loc]
    if len(places) == 1 or (places and exact and len(exact) == 1):
        return Lookup(places[0])
    if places:
        return Lookup(choices=places)
    return _by_place_commune(query)


def _by_place_commune(query: str) -> Lookup:
    """Without the référentiel, the communes named in the places themselves, matched the same way and
    ranked by how many places they have."""
    counts = (
        Place.objects.filter(status=PlaceStatus.PUBLISHED, latitude__isnull=False)
        .values("commune")
        .annotate(n=Count("pk"))
        .order_by("-n")[:50000]
    )
    exact, prefixed = [], []
    for row in counts:
        folded = fold(row["commune"])
        if folded == query:
            exact.append(row["commune"])
        elif _starts_with_words(folded, query):
            prefixed.append(row["commune"])
    names = exact[:1] or prefixed[:8]
    found = [loc for loc in (_from_places(commune=n) for n in names) if loc]
    if len(found) == 1:
        return Lookup(found[0])
    return Lookup(choices=found) if found else Lookup()


def locate(query: str) -> Lookup:
    text = (query or "").strip()[:200]
    if not text:
        return Lookup()
    point = POINT_RE.match(text)
    if point:
        lat, lon = (float(v.replace(",", ".")) for v in point.groups())
        return Lookup(Location(f"{lat:.4f}, {lon:.4f}", lat, lon)) if in_france(lat, lon) else Lookup()
    # Names and postcodes scan the référentiel: the answer is kept 10 minutes in the shared cache (every node
    # gives the same one), keyed by the published places too, since they answer when the référentiel does not.
    places = Place.objects.filter(status=PlaceStatus.PUBLISHED).aggregate(
        n=Count("pk"), last=Max("updated_at")
    )
    stamp = f"{text}|{places['n']}|{places['last']}"
    key = "locate:" + hashlib.sha1(stamp.encode(), usedforsecurity=False).hexdigest()
    found = cache.get(key)
    if found is None:
        found = _by_text(text)
        cache.set(key, found, GEOCODING_SECONDS)
    return found


def _by_text(text: str) -> Lookup:
    postcode = re.search(r"\b(\d{5})\b", text)
    if postcode:
        return _by_postcode(postcode.group(1))
    if "," in text:  # « 12 rue de la Paix, Créteil »: the address is placed at its commune's centre
        found = _by_name(text.rsplit(",", 1)[1].strip())
        if found.location:
            found.location.approximate = True
        return found
    return _by_name(text)
