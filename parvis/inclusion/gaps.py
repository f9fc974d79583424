"""Gap analysis service: communes of a territory (référentiel of the territory app), nearest place per
service from each commune's centre, population beyond the threshold, cross-read with the IFN."""

import csv
import io
from typing import cast

from django.db import transaction
from django.utils.translation import gettext as _

from parvis.inclusion.lib.gaps import Commune, compute_gaps
from parvis.inclusion.lib.vocab import vocabularies
from parvis.inclusion.models import GapIndicator, Place, PlaceStatus
from parvis.observatory.selectors import ifn_scores as observatory_ifn
from parvis.territory import selectors
from parvis.territory.maps import render_map_svg

DEFAULT_THRESHOLD_KM = 5.0
# Classes of the map: (upper bound in km, fill colour, label)
CLASSES = (
    (1.25, "#1b6b35", "moins de 1,25 km (15 min à pied)"),
    (5, "#7fb77e", "de 1,25 à 5 km"),
    (10, "#e9b949", "de 5 à 10 km"),
    (None, "#b3261e", "plus de 10 km ou aucun lieu"),
)


def territory_communes(kind: str = "", code: str = "") -> tuple[object | None, list[Commune]]:
    """(territory, communes with a centre) for kind:code, the home territory by default."""
    territory = selectors.get_territory(kind, code) if kind and code else selectors.home_territory()
    if territory is None:
        return None, []
    communes = []
    for t in selectors.communes_of(territory):
        point = (t.latitude, t.longitude) if t.latitude is not None else selectors.centroid(t.code)
        if point:
            communes.append(Commune(t.code, t.name, t.population or 0, point[0], point[1]))
    return territory, communes


def compute(*, kind: str = "", code: str = "", threshold_km: float = DEFAULT_THRESHOLD_KM) -> int:
    """Recomputes and stores the indicators of a territory's communes; returns the number of rows."""
    _territory, communes = territory_communes(kind, code)
    if not communes:
        return 0
    places = [
        (pk, lat, lon, services)
        for pk, lat, lon, services in Place.objects.filter(
            status=PlaceStatus.PUBLISHED, latitude__isnull=False
        )
        .values_list("pk", "latitude", "longitude", "services")
        .iterator(chunk_size=5000)
        if lat is not None and lon is not None
    ]
    services = list(vocabularies()["services"])
    gaps = compute_gaps(communes, places, services, threshold_km)
    with transaction.atomic():
        GapIndicator.objects.filter(commune_code__in=[c.code for c in communes]).delete()
        GapIndicator.objects.bulk_create(
            [
                GapIndicator(
                    commune_code=g.code,
                    commune_nom=g.nom,
                    departement=g.code[:3] if g.code.startswith("97") else g.code[:2],
                    population=g.population,
                    service=g.service,
                    distance_km=g.distance_km,
                    nearest_id=cast(int | None, g.nearest_key),  # the keys given are the places' pks
                    beyond=g.beyond,
                    threshold_km=threshold_km,
                )
                for g in gaps
            ],
            batch_size=2000,
        )
    return len(gaps)


def ifn_scores(codes: list[str]) -> dict[str, float]:
    """Digital fragility index per commune, from the observatory (empty when no IFN is loaded)."""

    return observatory_ifn(codes)


def ranking(service: str, codes: list[str] | None = None) -> list[dict]:
    """Communes ordered from the farthest to the nearest place offering `service`."""
    rows = GapIndicator.objects.filter(service=service)
    if codes is not None:
        rows = rows.filter(commune_code__in=codes)
    found = list(rows.select_related("nearest"))
    ifn = ifn_scores([r.commune_code for r in found])
    found.sort(key=lambda r: (r.distance_km is not None, -(r.distance_km or 0), r.commune_nom))
    out = []
    for r in found:
        out.append(
            {
                "code": r.commune_code,
                "nom": r.commune_nom,
                "population": r.population,
                "distance_km": r.distance_km,
                "beyond": r.beyond,
                "threshold_km": r.threshold_km,
                "nearest": r.nearest,
                "ifn": ifn.get(r.commune_code),
            }
        )
    return out


def class_of(distance_km: float | None) -> tuple[str, str]:
    for bound, fill, label in CLASSES:
        if bound is None or (distance_km is not None and distance_km < bound):
            return fill, _(label)
    return CLASSES[-1][1], _(CLASSES[-1][2])


def map_svg(territory, rows: list[dict], service: str) -> str:
    values = {}
    for r in rows:
        fill, label = class_of(r["distance_km"] if r["distance_km"] is not None else None)
        text = (
            _("%(nom)s : %(d)s km") % {"nom": r["nom"], "d": r["distance_km"]}
            if r["distance_km"] is not None
            else _("%(nom)s : aucun lieu") % {"nom": r["nom"]}
        )
        values[r["code"]] = (fill, text + f" ({label})")
    legend = [(fill, _(label)) for _b, fill, label in CLASSES]
    return render_map_svg(
        territory,
        codes=[r["code"] for r in rows],
        values=values,
        legend=legend,
        legend_title=_("Distance au lieu le plus proche"),
        title=_("Distance au lieu le plus proche : %(s)s") % {"s": service},
        svg_id="carte-carences",
    )


def to_csv(rows: list[dict], service: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "code_insee",
            "commune",
            "population",
            "service",
            "distance_km",
            "au_dela_du_seuil",
            "seuil_km",
            "lieu_le_plus_proche",
            "indice_fragilite_numerique",
        ]
    )
    for r in rows:
        writer.writerow(
            [
                r["code"],
                _safe(r["nom"]),
                r["population"],
                service,
                "" if r["distance_km"] is None else r["distance_km"],
                "oui" if r["beyond"] else "non",
                r["threshold_km"],
                _safe(r["nearest"].nom) if r["nearest"] else "",
                "" if r["ifn"] is None else r["ifn"],
            ]
        )
    return out.getvalue()


def _safe(text: str) -> str:
    """Neutralises spreadsheet formulas in a CSV meant for spreadsheets."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
