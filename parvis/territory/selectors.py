"""Read services of the territory app, for every other app.

* ``home_territory()`` – the instance's home territory (instance settings, else ``PARVIS_HOME_TERRITORY``, default
  ``"ept:200058006"``, GPSEA), or ``None`` before the référentiel is imported.
* ``get_territory(kind, code)`` – a ``Territory`` or ``None``; ``communes_of(territory)`` – queryset
  of its current communes (a commune gives itself).
* ``search(q, limit=20)`` – accent/case-insensitive search by name, INSEE code, postcode or SIREN.
* ``normalise_commune_code(raw, *, roll_up_arrondissements=False) -> (code | None, problem_fr | None)``;
  ``resolver(...)`` gives the same as a fast function for whole columns.
* ``population(code)``, ``centroid(code) -> (lat, lon) | None``, ``communes_for_postcode(cp)``,
  ``size_class(code_or_population) -> (key, label)``, ``neighbours(territory)``.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Max, Min, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parvis.core.selectors import instance_settings
from parvis.territory.lib.codes import (
    EMPTY,
    arrondissement_parent,
    clean_commune_code,
    looks_like_siren,
    search_key,
)
from parvis.territory.lib.geo import centroid_lonlat
from parvis.territory.models import Kind, Shape, Territory

CURRENT = "commune-actuelle"
SCOPE_FIELD = {
    "departement": "departement",
    "region": "region",
    "epci": "epci",
    "ept": "ept",
    "arrondissement": "arrondissement",
}
SIZE_CLASSES = (
    (1000, "lt1k", gettext_lazy("moins de 1 000 habitants")),
    (3500, "1k-3k", gettext_lazy("de 1 000 à 3 499 habitants")),
    (10000, "3k-10k", gettext_lazy("de 3 500 à 9 999 habitants")),
    (20000, "10k-20k", gettext_lazy("de 10 000 à 19 999 habitants")),
    (50000, "20k-50k", gettext_lazy("de 20 000 à 49 999 habitants")),
    (100000, "50k-100k", gettext_lazy("de 50 000 à 99 999 habitants")),
    (None, "100k+", gettext_lazy("100 000 habitants et plus")),
)


def home_territory() -> Territory | None:
    kind, _sep, code = instance_settings().home_territory.partition(":")
    return get_territory(kind, code)


def get_territory(kind: str, code: str) -> Territory | None:
    return Territory.objects.filter(kind=kind, code=code).first()


@dataclass
class Pick:
    """What the territory picker understood: the territory chosen, or several to choose from, or nothing."""

    territory: Territory | None
    choices: list[Territory] = field(default_factory=list)
    query: str = ""
    not_found: bool = False


def pick(query: str, default: Territory | None = None) -> Pick:
    """A territory from what a person types: a name (« Créteil », « Creuse »), a postcode or code, or the
    ``kind:code`` the choice links carry. One clear match is chosen; several are offered; none says so
    (and ``default`` stays shown)."""
    text = (query or "").strip()[:200]
    if not text:
        return Pick(default)
    kind, sep, code = text.partition(":")
    if sep and kind in Kind.values:
        found = get_territory(kind, code.strip())
        return Pick(found, query=text) if found else Pick(default, query=text, not_found=True)
    results = search(text, limit=10)
    key = search_key(text)
    exact = [t for t in results if search_key(t.name) == key or t.code == text.upper()]
    if exact or len(results) == 1:  # search() ranks current, larger territories first
        return Pick((exact or results)[0], query=text)
    if results:
        return Pick(default, choices=results, query=text)
    return Pick(default, query=text, not_found=True)


def communes_of(territory: Territory):
    communes = Territory.objects.filter(kind=Kind.COMMUNE, subtype=CURRENT)
    if territory.kind == Kind.COMMUNE:
        return communes.filter(code=territory.parent if territory.subtype != CURRENT else territory.code)
    if territory.kind == Kind.CUSTOM:
        return territory.members.filter(kind=Kind.COMMUNE).order_by("name")
    return communes.filter(**{SCOPE_FIELD[territory.kind]: territory.code}).order_by("name")


def search(q: str, limit: int = 20) -> list[Territory]:
    text = (q or "").strip()
    if not text:
        return []
    found = Territory.objects.all()
    compact = text.replace(" ", "").upper()
    if looks_like_siren(compact):
        found = found.filter(code=compact)
    elif compact.isdigit() and len(compact) == 5:
        found = found.filter(Q(code=compact) | Q(postcodes__contains=compact))
    elif compact.isdigit() or (len(compact) <= 3 and compact[:2] in ("2A", "2B")):
        found = found.filter(kind__in=[Kind.DEPARTEMENT, Kind.REGION], code=compact.zfill(2))
    elif len(compact) == 5 and compact[:2] in ("2A", "2B"):
        found = found.filter(code=compact)
    else:
        words = search_key(text).split()
        if not words:
            return []
        for word in words:
            found = found.filter(search_name__contains=word)
        found = found.exclude(kind=Kind.CUSTOM)
    order: dict[str, int] = {Kind.COMMUNE: 1, Kind.EPCI: 2, Kind.EPT: 2, Kind.DEPARTEMENT: 0, Kind.REGION: 0}
    results = list(found.exclude(subtype="arrondissement-municipal", kind=Kind.COMMUNE)[:500])
    results.sort(
        key=lambda t: (
            t.subtype not in ("", CURRENT) and t.kind == Kind.COMMUNE,
            order.get(t.kind, 3),
            -(t.population or 0),
            t.name,
        )
    )
    return results[:limit]


def _index(
    rows: Iterable[tuple[str, str, str, str]],
) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    known: dict[str, tuple[str, str]] = {}
    former: dict[str, str] = {}
    for code, subtype, parent, former_codes in rows:
        known[code] = (subtype, parent)
        if subtype == CURRENT:
            for old in former_codes.split():
                former.setdefault(old, code)
    return known, former


def _make_resolve(
    known: dict[str, tuple[str, str]], former: dict[str, str], roll_up: bool
) -> Callable[[object], tuple[str | None, str | None]]:
    def resolve(raw: object) -> tuple[str | None, str | None]:
        code, problem = clean_commune_code(raw)
        if code is None:
            if problem == EMPTY:
                return None, _("code vide")
            return None, _("« %(value)s » n’est pas un code commune INSEE") % {"value": str(raw)[:40]}
        if code in known:
            subtype, parent = known[code]
            if subtype == CURRENT:
                return code, None
            if subtype == "arrondissement-municipal":
                return (parent or arrondissement_parent(code), None) if roll_up else (code, None)
            if parent:
                return parent, None
        if code in former:
            return former[code], None
        return None, _("code commune « %(code)s » inconnu du référentiel") % {"code": code}

    return resolve


_FIELDS = ("code", "subtype", "parent", "former_codes")


def resolver(*, roll_up_arrondissements: bool = False):
    """A function ``raw -> (code | None, problem_fr | None)`` backed by one query of the référentiel."""
    rows = Territory.objects.filter(kind=Kind.COMMUNE).order_by().values_list(*_FIELDS)
    return _make_resolve(*_index(rows), roll_up_arrondissements)


def normalise_commune_code(raw, *, roll_up_arrondissements: bool = False) -> tuple[str | None, str | None]:
    """Repair and check one commune code (« 1001 » → « 01001 »; 13201 → 13055 when rolling up)."""
    code, _problem = clean_commune_code(raw)
    query = Q(code=code) | Q(former_codes__contains=code) if code else Q(pk=None)
    rows = Territory.objects.filter(query, kind=Kind.COMMUNE).order_by().values_list(*_FIELDS)
    known, former = _index(rows)
    former = {k: v for k, v in former.items() if k == code}
    return _make_resolve(known, former, roll_up_arrondissements)(raw)


def _commune(code: str) -> Territory | None:
    return Territory.objects.filter(kind=Kind.COMMUNE, code=code).first()


def population(code: str) -> int | None:
    commune = _commune(code)
    return commune.population if commune else None


def centroid(code: str) -> tuple[float, float] | None:
    """(lat, lon) of a commune: the imported centroid, else the centre of its stored contour."""
    commune = _commune(code)
    if commune is None:
        return None
    if commune.latitude is not None and commune.longitude is not None:
        return commune.latitude, commune.longitude

    shape = Shape.objects.filter(kind=Kind.COMMUNE, code=code).first()
    return centroid_lonlat(bytes(shape.wkb)) if shape else None


def communes_for_postcode(postcode: str) -> list[Territory]:
    postcode = (postcode or "").strip()
    if not (postcode.isdigit() and len(postcode) == 5):
        return []
    found = Territory.objects.filter(kind=Kind.COMMUNE, subtype=CURRENT, postcodes__contains=postcode)
    return [t for t in found.order_by("name") if postcode in t.postcodes.split()]


def size_class(code_or_population) -> tuple[str, str] | None:
    """Population class ``(key, label)`` of a commune code or a population figure (None if unknown)."""
    value = code_or_population
    if isinstance(value, str):
        value = population(value)
    if value is None:
        return None
    for bound, key, label in SIZE_CLASSES:
        if bound is None or value < bound:
            return key, str(label)
    return None


def neighbours(territory: Territory, limit: int = 400, *, codes=None, bounds=None) -> list[str]:
    """Codes of the communes whose contour box touches the territory's box (for map context).

    ``codes`` and ``bounds`` (minx, miny, maxx, maxy in Lambert-93) save two queries when known."""

    if codes is None:
        codes = list(communes_of(territory).values_list("code", flat=True))
    if bounds is None:
        box = Shape.objects.filter(kind=Kind.COMMUNE, code__in=codes).aggregate(
            Min("minx"), Min("miny"), Max("maxx"), Max("maxy")
        )
        if box["minx__min"] is None:
            return []
        bounds = (box["minx__min"], box["miny__min"], box["maxx__max"], box["maxy__max"])
    minx, miny, maxx, maxy = bounds
    pad = max(maxx - minx, maxy - miny) * 0.05
    around = Shape.objects.filter(
        kind=Kind.COMMUNE,
        maxx__gte=minx - pad,
        minx__lte=maxx + pad,
        maxy__gte=miny - pad,
        miny__lte=maxy + pad,
    ).exclude(code__in=codes)
    return list(around.values_list("code", flat=True)[:limit])


def group_resolver(kind: str):
    """Like ``resolver`` for EPCI/EPT SIREN or département codes: ``raw -> (code | None, problem_fr | None)``."""
    known = set(
        Territory.objects.filter(kind__in=[kind, Kind.EPT] if kind == Kind.EPCI else [kind]).values_list(
            "code", flat=True
        )
    )

    def resolve(raw):
        text = str(raw if raw is not None else "").strip().upper()
        if text.endswith(".0"):
            text = text[:-2]
        if kind == Kind.DEPARTEMENT and text.isdigit() and len(text) == 1:
            text = text.zfill(2)
        if not text:
            return None, _("code vide")
        if text in known:
            return text, None
        return None, _("code « %(code)s » inconnu du référentiel") % {"code": text[:40]}

    return resolve


def names_of(kind: str, codes) -> dict[str, str]:
    """Name of each territory of ``kind`` among ``codes``, by code."""
    return dict(Territory.objects.filter(kind=kind, code__in=list(codes)).values_list("code", "name"))


def commune_populations(codes: Iterable[str]) -> dict[str, int | None]:
    """Population of each commune among ``codes``, by code."""
    return dict(
        Territory.objects.filter(kind=Kind.COMMUNE, code__in=list(codes)).values_list("code", "population")
    )


# Metropolitan départements: a référentiel with communes in every one of them is the national one (the
# vendored demo extract holds only the Val-de-Marne and the Creuse).
METROPOLITAN_DEPARTEMENTS = 96


def national_count(kind: str = Kind.COMMUNE) -> int | None:
    """How many territories of ``kind`` France has, when the loaded référentiel covers all of France
    (communes in each metropolitan département); None for a partial référentiel, so that no figure
    computed on it is called « national »."""
    communes = Territory.objects.filter(kind=Kind.COMMUNE, subtype=CURRENT)
    if communes.values("departement").distinct().count() < METROPOLITAN_DEPARTEMENTS:
        return None
    return (communes if kind == Kind.COMMUNE else Territory.objects.filter(kind=kind)).count()
