"""Find places described twice (several sources), across commune borders: blocking on a coordinate
grid, on SIRET and on the normalised address, then a similarity score in [0, 1]."""

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from .geo import haversine_km
from .vocab import EMPTY_PIVOT, fold

STOPWORDS = {
    "de",
    "du",
    "des",
    "la",
    "le",
    "les",
    "l",
    "d",
    "et",
    "a",
    "au",
    "aux",
    "en",
    "sur",
    "pour",
    "saint",
    "st",
    "ste",
    "sainte",
}
GENERIC = {
    "espace",
    "france",
    "services",
    "service",
    "maison",
    "mairie",
    "centre",
    "social",
    "numerique",
    "point",
}
STREET = {
    "rue": "rue",
    "r": "rue",
    "avenue": "av",
    "av": "av",
    "ave": "av",
    "boulevard": "bd",
    "bd": "bd",
    "place": "pl",
    "pl": "pl",
    "chemin": "ch",
    "ch": "ch",
    "route": "rte",
    "rte": "rte",
    "allee": "all",
    "impasse": "imp",
    "quai": "quai",
    "cours": "crs",
}
MAX_KM = 1.0
THRESHOLD = 0.72  # pairs at or above are shown to agents for review
# Pairs at or above are « probable »: public results list the pair once until an agent decides. Between the
# two, the pair may well be two services at one address (a France Services inside a mairie): both stay.
PROBABLE = 0.8


@dataclass
class Item[K]:
    key: K  # what the caller identifies the place by (a primary key, a line number…)
    nom: str
    adresse: str
    code_postal: str
    pivot: str
    lat: float | None
    lon: float | None
    source: str = ""


SYNONYMS = (
    (re.compile(r"\bmaison (de |des )?services? au public\b"), "france services"),
    (re.compile(r"\b(msap|efs|espace france services?)\b"), "france services"),
)
MOBILE = re.compile(r"\b(bus|itinerante?s?|mobile)\b")


def _name_text(name: str) -> str:
    text = fold(name)
    for pattern, replacement in SYNONYMS:
        text = pattern.sub(replacement, text)
    return text


def name_tokens(name: str) -> set[str]:
    return {t for t in _name_text(name).split() if t not in STOPWORDS}


def address_key(address: str) -> tuple[str, frozenset[str]]:
    text = re.sub(r"\b\d{5}\b.*$", "", fold(address))  # drop « 74400 Chamonix » tails
    match = re.search(r"\b(\d+)\s*(bis|ter|b)?\b", text)
    number = match.group(1) if match else ""
    tokens = re.sub(r"\b\d+\s*(bis|ter|b)?\b", " ", text).split()
    words = frozenset(STREET.get(t, t) for t in tokens if t not in STOPWORDS)
    return number, words


def _trigrams(text: str) -> set[str]:
    text = f"  {text} "
    return {text[i : i + 3] for i in range(len(text) - 2)}


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def name_similarity(a: str, b: str) -> float:
    ta, tb = name_tokens(a), name_tokens(b)
    specific_a, specific_b = ta - GENERIC, tb - GENERIC
    tokens = _dice(specific_a, specific_b) if specific_a and specific_b else _dice(ta, tb)
    chars = _dice(_trigrams(" ".join(sorted(ta))), _trigrams(" ".join(sorted(tb))))
    return max(tokens, chars)


def address_similarity(a: str, b: str) -> float:
    (na, wa), (nb, wb) = address_key(a), address_key(b)
    words = _dice(set(wa), set(wb))
    if na and nb and na != nb:
        return words * 0.5
    return words


def score[K](a: Item[K], b: Item[K]) -> tuple[float, dict[str, Any]]:
    """Similarity and its parts, for the side-by-side review."""
    name = name_similarity(a.nom, b.nom)
    address = (
        address_similarity(a.adresse, b.adresse)
        if a.code_postal == b.code_postal or not (a.lat and b.lat)
        else address_similarity(a.adresse, b.adresse) * 0.8
    )
    km: float | None
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)
        near = max(0.0, 1 - km / MAX_KM) ** 0.5 if km < MAX_KM else 0.0
    else:
        km, near = None, 0.5 if a.code_postal == b.code_postal else 0.0
    real_pivots = a.pivot not in ("", EMPTY_PIVOT) and b.pivot not in ("", EMPTY_PIVOT)
    value = 0.45 * name + 0.25 * address + 0.30 * near
    same_town = a.code_postal == b.code_postal
    if address >= 0.85 and km is not None and km < 0.1:
        value = max(value, 0.75)  # same building: a host structure and the service it runs
    if same_town and name >= 0.75 and (address >= 0.75 or (km is not None and km < 0.6)):
        value = max(value, 0.75)  # same name in the same town, address or geocoding differs
    if bool(MOBILE.search(_name_text(a.nom))) != bool(MOBILE.search(_name_text(b.nom))):
        value *= 0.6  # a bus or an itinerant service is not the fixed place it starts from
    if real_pivots and a.pivot == b.pivot:
        value = max(value, 0.5 + 0.5 * max(name, address, near))
    elif real_pivots and a.pivot[:9] != b.pivot[:9]:
        value *= 0.8
    parts = {
        "nom": round(name, 3),
        "adresse": round(address, 3),
        "distance_km": None if km is None else round(km, 3),
        "siret_identique": bool(real_pivots and a.pivot == b.pivot),
    }
    return round(min(1.0, value), 3), parts


def candidate_pairs[K](items: list[Item[K]]) -> set[tuple[int, int]]:
    """Index pairs worth scoring: same ~1 km cell or neighbour, same SIRET, same address."""
    pairs: set[tuple[int, int]] = set()
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    buckets: dict[object, list[int]] = defaultdict(list)
    step = 0.01  # degrees of latitude, ~1.1 km
    for i, it in enumerate(items):
        if it.lat is not None and it.lon is not None:
            cells[(math.floor(it.lat / step), math.floor(it.lon / step))].append(i)
        if it.pivot not in ("", EMPTY_PIVOT):
            buckets[("siret", it.pivot)].append(i)
        number, words = address_key(it.adresse)
        if words:
            buckets[("adr", it.code_postal, number, words)].append(i)
    for (ci, cj), members in cells.items():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                pairs.add((i, j))
        for di, dj in ((0, 1), (1, -1), (1, 0), (1, 1)):
            for i in members:
                for j in cells.get((ci + di, cj + dj), ()):
                    pairs.add((min(i, j), max(i, j)))
    for members in buckets.values():
        if len(members) <= 50:
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    pairs.add((i, j))
    return pairs


def find_duplicates[K](
    items: list[Item[K]], threshold: float = THRESHOLD
) -> list[tuple[K, K, float, dict[str, Any]]]:
    found: list[tuple[K, K, float, dict[str, Any]]] = []
    for i, j in candidate_pairs(items):
        a, b = items[i], items[j]
        if a.lat is not None and b.lat is not None and abs(a.lat - b.lat) > 0.02:
            continue
        value, parts = score(a, b)
        if value >= threshold:
            found.append((a.key, b.key, value, parts))
    found.sort(key=lambda t: -t[2])
    return found


def merge_values(
    fields: list[str],
    a: dict[str, Any],
    b: dict[str, Any],
    sources_a: dict[str, Any],
    sources_b: dict[str, Any],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Union of multi-value fields keeping each value's sources: returns (values, sources) where
    sources is {field: {value: [source, ...]}}."""
    values, sources = {}, {}
    for name in fields:
        merged: dict[str, list[str]] = {}
        for record, src in ((a, sources_a), (b, sources_b)):
            for value in record.get(name) or []:
                origin = (src.get(name) or {}).get(value) or []
                bucket = merged.setdefault(value, [])
                bucket.extend(s for s in origin if s not in bucket)
        values[name] = list(merged)
        sources[name] = merged
    return values, sources
