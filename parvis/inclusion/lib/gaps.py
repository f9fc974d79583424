"""Gap analysis: for each commune, distance from its population centre to the nearest place offering
each service, and the population living beyond a threshold."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .geo import GridIndex


@dataclass
class Commune:
    code: str
    nom: str
    population: int
    lat: float
    lon: float


@dataclass
class Gap:
    code: str
    nom: str
    population: int
    service: str
    distance_km: float | None  # None: no place within the search limit
    nearest_key: object | None
    beyond: bool


def compute_gaps(
    communes: list[Commune],
    places: Sequence[tuple[object, float, float, list[str]]],
    services: list[str],
    threshold_km: float,
    max_km: float = 200.0,
) -> list[Gap]:
    indexes = {
        service: GridIndex(((key, lat, lon) for key, lat, lon, offered in places if service in offered), 0.05)
        for service in services
    }
    out = []
    for commune in communes:
        for service in services:
            hit = indexes[service].nearest(commune.lat, commune.lon, max_km)
            distance, key = (round(hit[0], 2), hit[1]) if hit else (None, None)
            beyond = distance is None or distance > threshold_km
            out.append(Gap(commune.code, commune.nom, commune.population, service, distance, key, beyond))
    return out


def summary(gaps: list[Gap]) -> dict[str, dict[str, Any]]:
    """Per commune: worst distance, number of services beyond the threshold, population concerned."""
    out: dict[str, dict[str, Any]] = {}
    for gap in gaps:
        row = out.setdefault(
            gap.code,
            {
                "code": gap.code,
                "nom": gap.nom,
                "population": gap.population,
                "services_loin": 0,
                "distance_max_km": 0.0,
            },
        )
        if gap.beyond:
            row["services_loin"] += 1
        row["distance_max_km"] = max(
            row["distance_max_km"], gap.distance_km if gap.distance_km is not None else 999.0
        )
    return out
