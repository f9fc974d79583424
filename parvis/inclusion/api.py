"""API of the help places: places (JSON, GeoJSON) with the public search's filters, nearest places to
a point, gap indicators."""

from collections.abc import Sequence

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from parvis.accounts import policy
from parvis.inclusion import exports
from parvis.inclusion.lib.geo import in_france
from parvis.inclusion.models import GapIndicator, Place, PlaceStatus
from parvis.inclusion.selectors import Filters, nearest

router = Router(tags=["Inclusion numérique"])


class PlaceFilters(Schema):
    lat: float | None = Field(None, description="Latitude du point de recherche (WGS84)")
    lon: float | None = Field(None, description="Longitude du point de recherche (WGS84)")
    rayon_km: float = Field(5, ge=1, le=200, description="Rayon de recherche, en km (1 km minimum)")
    besoin: str = Field(
        "", description="demarches, apprendre, equipement, emploi, famille, loisirs, sans-internet"
    )
    service: str = Field(
        "", description="Un service du standard (ex. « Aide aux démarches administratives »)"
    )
    gratuit: bool = False
    ouvert_maintenant: bool = False
    jour: int | None = Field(None, ge=0, le=6, description="Ouvert ce jour (0 = lundi)")
    prise_en_charge: str = ""
    public: str = ""
    accompagnement: str = ""
    code_postal: str = ""
    code_insee: str = ""
    limite: int = Field(100, ge=1, le=1000)

    def filters(self) -> Filters:
        return Filters(
            need=self.besoin,
            services=[self.service] if self.service else [],
            free=self.gratuit,
            open_now=self.ouvert_maintenant,
            day=self.jour,
            prise_en_charge=self.prise_en_charge,
            public=self.public,
            accompagnement=self.accompagnement,
        )


def _search(params: PlaceFilters) -> Sequence[tuple[Place, float | None]]:
    if params.lat is not None and params.lon is not None:
        if not in_france(params.lat, params.lon):
            return []
        return nearest(
            params.lat, params.lon, radius_km=params.rayon_km, limit=params.limite, filters=params.filters()
        )
    found = Place.objects.filter(status=PlaceStatus.PUBLISHED)
    if params.code_postal:
        found = found.filter(code_postal=params.code_postal)
    if params.code_insee:
        found = found.filter(code_insee=params.code_insee)
    mask = params.filters().service_mask()
    rows: list[tuple[Place, float | None]] = []
    for place in found.order_by("identifier").iterator(chunk_size=2000):
        if mask and not place.services_mask & mask:
            continue
        if params.gratuit and "Gratuit" not in place.frais_a_charge:
            continue
        rows.append((place, None))
        if len(rows) >= params.limite:
            break
    return rows


def _record(place: Place, distance: float | None) -> dict:
    record = place.record()
    record["distance_km"] = distance
    record["date_maj_plus_de_12_mois"] = place.is_stale
    record["date_maj_fiable"] = place.date_maj_ok
    record["url"] = place.get_absolute_url()
    return record


@router.get("/places", summary="Lieux d'aide (JSON), avec les filtres de la recherche publique")
def places(request, params: Query[PlaceFilters]):
    return [_record(p, d) for p, d in _search(params)]


@router.get("/places.geojson", summary="Lieux d'aide (GeoJSON)")
def places_geojson(request, params: Query[PlaceFilters]):
    found = _search(params)
    distances = {p.identifier: d for p, d in found}
    return exports.to_geojson(
        [p.record() for p, _d in found], extra=lambda r: {"distance_km": distances.get(r["id"])}
    )


@router.get("/places/nearest", summary="Lieux les plus proches d'un point")
def places_nearest(request, lat: float, lon: float, limite: int = Query(10, ge=1, le=100), besoin: str = ""):
    if not in_france(lat, lon):
        raise HttpError(400, "Ce point n'est pas en France (latitude, longitude en WGS84).")
    found = nearest(lat, lon, limit=limite, filters=Filters(need=besoin), now=timezone.localtime())
    return [_record(p, d) for p, d in found]


@router.get("/places/{pk}", summary="Un lieu d'aide")
def place(request, pk: int):
    return _record(get_object_or_404(Place, pk=pk, status=PlaceStatus.PUBLISHED), None)


@router.get(
    "/gaps", summary="Indicateurs de carence par commune et par service (gestionnaires et contributeurs)"
)
def gap_indicators(request, departement: str = "", service: str = "", commune: str = ""):
    policy.ensure(request.user, "inclusion.view_gaps")
    rows = GapIndicator.objects.all()
    if departement:
        rows = rows.filter(departement=departement)
    if service:
        rows = rows.filter(service=service)
    if commune:
        rows = rows.filter(commune_code=commune)
    return [
        {
            "code_insee": g.commune_code,
            "commune": g.commune_nom,
            "population": g.population,
            "service": g.service,
            "distance_km": g.distance_km,
            "au_dela_du_seuil": g.beyond,
            "seuil_km": g.threshold_km,
            "lieu_le_plus_proche": g.nearest_id,
        }
        for g in rows[:20000]
    ]
