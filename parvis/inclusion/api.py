"""API of the help places: places (JSON, GeoJSON) with the public search's filters, nearest places to
a point, gap indicators.

Our own parameters and fields are in English, like the other apps' APIs; each place carries its
``record`` in the national standard (LaMednum « lieux de médiation numérique » v1), whose field names
are French because the standard names them so. The GeoJSON answer keeps the standard's properties too.
"""

from collections.abc import Sequence
from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
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
    radius_km: float = Field(5, ge=1, le=200, description="Rayon de recherche, en km (1 km minimum)")
    need: str = Field(
        "", description="demarches, apprendre, equipement, emploi, famille, loisirs, sans-internet"
    )
    service: str = Field(
        "", description="Un service du standard (ex. « Aide aux démarches administratives »)"
    )
    free: bool = Field(False, description="Seulement les lieux gratuits")
    open_now: bool = Field(False, description="Seulement les lieux ouverts maintenant")
    day: int | None = Field(None, ge=0, le=6, description="Ouvert ce jour (0 = lundi)")
    special_need: str = Field("", description="Prise en charge spécifique du standard (ex. « Surdité »)")
    audience: str = Field("", description="Public spécifiquement adressé du standard (ex. « Seniors »)")
    support: str = Field("", description="Modalité d'accompagnement du standard (ex. « À distance »)")
    postcode: str = Field("", description="Code postal (sans lat et lon)")
    insee_code: str = Field("", description="Code INSEE de la commune (sans lat et lon)")
    limit: int = Field(100, ge=1, le=1000, description="Nombre maximal de lieux")

    def filters(self) -> Filters:
        return Filters(
            need=self.need,
            services=[self.service] if self.service else [],
            free=self.free,
            open_now=self.open_now,
            day=self.day,
            prise_en_charge=self.special_need,
            public=self.audience,
            accompagnement=self.support,
        )


class StandardPlace(Schema):
    """A place in the standard's own words (schema.data.gouv.fr/LaMednum/standard-mediation-num)."""

    id: str
    pivot: str
    nom: str
    commune: str
    code_postal: str
    code_insee: str
    adresse: str
    complement_adresse: str
    latitude: float | None
    longitude: float | None
    typologie: list[str]
    telephone: str
    courriels: list[str]
    site_web: list[str]
    horaires: str
    presentation_resume: str
    presentation_detail: str
    source: str
    itinerance: list[str]
    structure_parente: str
    date_maj: date
    services: list[str]
    publics_specifiquement_adresses: list[str]
    prise_en_charge_specifique: list[str]
    frais_a_charge: list[str]
    dispositif_programmes_nationaux: list[str]
    formations_labels: list[str]
    autres_formations_labels: str
    modalites_acces: list[str]
    modalites_accompagnement: list[str]
    fiche_acces_libre: str
    prise_rdv: str


class PlaceOut(Schema):
    id: int = Field(description="Identifiant du lieu dans Parvis (adresse de sa page : url)")
    url: str = Field(description="Page publique du lieu")
    distance_km: float | None = Field(description="Distance au point de recherche, en km (sans point : null)")
    stale: bool = Field(
        description="Vrai quand la mise à jour date de plus de 12 mois : appeler avant de venir"
    )
    update_date_reliable: bool = Field(
        description="Faux quand la date de mise à jour transmise est impossible (trop ancienne ou future)"
    )
    record: StandardPlace = Field(description="Le lieu au format du standard (noms de champs du standard)")


class GeoJSONOut(Schema):
    type: str = Field(description="FeatureCollection")
    features: list[dict] = Field(description="Un point par lieu ; propriétés : le standard et distance_km")


class GapOut(Schema):
    commune_code: str = Field(description="Code INSEE de la commune")
    commune_name: str
    population: int
    service: str = Field(description="Service du standard")
    distance_km: float | None = Field(description="Distance au lieu le plus proche offrant ce service")
    beyond_threshold: bool
    threshold_km: float
    nearest_place_id: int | None = Field(description="Identifiant Parvis du lieu le plus proche")


def _search(params: PlaceFilters) -> Sequence[tuple[Place, float | None]]:
    if params.lat is not None and params.lon is not None:
        if not in_france(params.lat, params.lon):
            return []
        return nearest(
            params.lat, params.lon, radius_km=params.radius_km, limit=params.limit, filters=params.filters()
        )
    found = Place.objects.filter(status=PlaceStatus.PUBLISHED)
    if params.postcode:
        found = found.filter(code_postal=params.postcode)
    if params.insee_code:
        found = found.filter(code_insee=params.insee_code)
    mask = params.filters().service_mask()
    rows: list[tuple[Place, float | None]] = []
    for place in found.order_by("identifier").iterator(chunk_size=2000):
        if mask and not place.services_mask & mask:
            continue
        if params.free and "Gratuit" not in place.frais_a_charge:
            continue
        rows.append((place, None))
        if len(rows) >= params.limit:
            break
    return rows


def _place(place: Place, distance: float | None) -> dict:
    return {
        "id": place.pk,
        "url": place.get_absolute_url(),
        "distance_km": distance,
        "stale": place.is_stale,
        "update_date_reliable": place.date_maj_ok,
        "record": place.record(),
    }


@router.get(
    "/places",
    response=list[PlaceOut],
    summary="Lieux d'aide (JSON), avec les filtres de la recherche publique",
)
def places(request, params: Query[PlaceFilters]):
    return [_place(p, d) for p, d in _search(params)]


@router.get("/places.geojson", response=GeoJSONOut, summary="Lieux d'aide (GeoJSON)")
def places_geojson(request, params: Query[PlaceFilters]):
    found = _search(params)
    distances = {p.identifier: d for p, d in found}
    return exports.to_geojson(
        [p.record() for p, _d in found], extra=lambda r: {"distance_km": distances.get(r["id"])}
    )


@router.get("/places/nearest", response=list[PlaceOut], summary="Lieux les plus proches d'un point")
def places_nearest(request, lat: float, lon: float, limit: int = Query(10, ge=1, le=100), need: str = ""):
    if not in_france(lat, lon):
        raise HttpError(400, _("Ce point n'est pas en France (latitude, longitude en WGS84)."))
    found = nearest(lat, lon, limit=limit, filters=Filters(need=need), now=timezone.localtime())
    return [_place(p, d) for p, d in found]


@router.get("/places/{pk}", response=PlaceOut, summary="Un lieu d'aide")
def place(request, pk: int):
    return _place(get_object_or_404(Place, pk=pk, status=PlaceStatus.PUBLISHED), None)


@router.get(
    "/gaps",
    response=list[GapOut],
    summary="Indicateurs de carence par commune et par service (gestionnaires et contributeurs)",
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
            "commune_code": g.commune_code,
            "commune_name": g.commune_nom,
            "population": g.population,
            "service": g.service,
            "distance_km": g.distance_km,
            "beyond_threshold": g.beyond,
            "threshold_km": g.threshold_km,
            "nearest_place_id": g.nearest_id,
        }
        for g in rows[:20000]
    ]
