"""JSON API of the territory app (read-only, public): search, territory detail, code normalisation, map."""

from django.http import Http404, HttpResponse
from ninja import Router, Schema

from parvis.accounts import policy
from parvis.territory.maps import territory_map
from parvis.territory.selectors import communes_of, get_territory, normalise_commune_code, search

router = Router(tags=["Territoire"])


class TerritoryOut(Schema):
    kind: str
    code: str
    name: str
    population: int | None = None
    postcodes: str = ""
    departement: str = ""
    region: str = ""
    epci: str = ""
    ept: str = ""
    latitude: float | None = None
    longitude: float | None = None


class TerritoryDetailOut(TerritoryOut):
    communes: list[TerritoryOut]


class NormalisedOut(Schema):
    raw: str
    code: str | None
    problem: str | None


def _get(request, kind, code):
    territory = get_territory(kind, code)
    if territory is None:
        raise Http404
    policy.ensure(request.user, "territory.view_territory", territory)
    return territory


@router.get(
    "/search", response=list[TerritoryOut], summary="Rechercher un territoire (nom, code INSEE, code postal)"
)
def search_territories(request, q: str, limit: int = 20):
    policy.ensure(request.user, "territory.view_territory")
    return search(q, limit=max(1, min(limit, 100)))


@router.get("/normalise", response=NormalisedOut, summary="Normaliser un code commune")
def normalise(request, code: str, roll_up_arrondissements: bool = False):
    policy.ensure(request.user, "territory.view_territory")
    found, problem = normalise_commune_code(code, roll_up_arrondissements=roll_up_arrondissements)
    return {"raw": code, "code": found, "problem": problem}


@router.get("/{kind}/{code}", response=TerritoryDetailOut, summary="Un territoire et ses communes")
def territory_detail(request, kind: str, code: str):
    territory = _get(request, kind, code)
    territory.communes = list(communes_of(territory)) if territory.kind != "commune" else []
    return territory


@router.get("/{kind}/{code}/map.svg", summary="Carte SVG accessible du territoire")
def territory_map_svg(request, kind: str, code: str):
    svg = territory_map(_get(request, kind, code))
    if not svg:
        raise Http404
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
