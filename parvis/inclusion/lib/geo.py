"""Small geographic helpers: France bounding boxes, great-circle distance, bounding boxes around a
point and an in-memory grid index for nearest-neighbour queries (no third-party service)."""

import math
from collections import defaultdict
from collections.abc import Iterable

EARTH_KM = 6371.0088

# (lat_min, lat_max, lon_min, lon_max): metropolitan France and Corsica, overseas départements and
# collectivités (codes postaux 971-988).
FRANCE_BOXES = (
    (41.3, 51.2, -5.3, 9.7),  # métropole + Corse
    (14.3, 18.2, -63.2, -60.7),  # Guadeloupe, Martinique, Saint-Martin, Saint-Barthélemy
    (2.0, 6.0, -54.7, -51.5),  # Guyane
    (-21.5, -20.8, 55.1, 55.9),  # La Réunion
    (-13.1, -12.5, 44.9, 45.4),  # Mayotte
    (46.7, 47.2, -56.5, -56.1),  # Saint-Pierre-et-Miquelon
    (-23.0, -19.0, 163.0, 169.0),  # Nouvelle-Calédonie
    (-28.0, -7.0, -155.0, -134.0),  # Polynésie française
    (-14.5, -13.0, -178.5, -176.0),  # Wallis-et-Futuna
)


def in_france(lat: float, lon: float) -> bool:
    return any(a <= lat <= b and c <= lon <= d for a, b, c, d in FRANCE_BOXES)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def bbox(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(lat_min, lat_max, lon_min, lon_max) enclosing the circle of radius_km around the point."""
    dlat = radius_km / 111.195
    dlon = radius_km / (111.195 * max(0.01, math.cos(math.radians(lat))))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


class GridIndex:
    """Points bucketed in cells of `cell_deg` degrees; nearest() searches rings of cells outwards."""

    def __init__(self, points: Iterable[tuple[object, float, float]], cell_deg: float = 0.1) -> None:
        self.cell = cell_deg
        self.cells: dict[tuple[int, int], list[tuple[object, float, float]]] = defaultdict(list)
        self.size = 0
        for key, lat, lon in points:
            self.cells[self._key(lat, lon)].append((key, lat, lon))
            self.size += 1

    def _key(self, lat: float, lon: float) -> tuple[int, int]:
        return int(math.floor(lat / self.cell)), int(math.floor(lon / self.cell))

    def within(self, lat: float, lon: float, radius_km: float) -> list[tuple[float, object]]:
        """(distance_km, key) of the points within radius_km, nearest first."""
        lat0, lat1, lon0, lon1 = bbox(lat, lon, radius_km)
        (a, c), (b, d) = self._key(lat0, lon0), self._key(lat1, lon1)
        found: list[tuple[float, object]] = []
        for i in range(a, b + 1):
            for j in range(c, d + 1):
                for key, plat, plon in self.cells.get((i, j), ()):
                    dist = haversine_km(lat, lon, plat, plon)
                    if dist <= radius_km:
                        found.append((dist, key))
        found.sort(key=lambda t: t[0])
        return found

    def nearest(self, lat: float, lon: float, max_km: float = 200.0) -> tuple[float, object] | None:
        """Nearest point within max_km, searching radii that double from one cell width."""
        if not self.size:
            return None
        radius = self.cell * 111.195
        while True:
            found = self.within(lat, lon, min(radius, max_km))
            if found:
                return found[0]
            if radius >= max_km:
                return None
            radius *= 2
