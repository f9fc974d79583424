"""Links up and down the hierarchy of a territory, and what other apps know about it."""

from typing import Any, cast

from parvis.core.cache import data_stamp
from parvis.territory.models import ImportRun, Kind, Territory
from parvis.territory.selectors import communes_of
from parvis.territory.signals import territory_page_requested, territory_page_version


def _get(kind, code):
    return Territory.objects.filter(kind=kind, code=code).first() if code else None


def up(territory: Territory) -> list[Territory]:
    """Larger territories containing this one (commune → EPT, EPCI, arrondissement, département, région)."""
    links = []
    if territory.kind == Kind.COMMUNE:
        if territory.parent:
            links.append(_get(Kind.COMMUNE, territory.parent))
        links += [
            _get(Kind.EPT, territory.ept),
            _get(Kind.EPCI, territory.epci),
            _get(Kind.ARRONDISSEMENT, territory.arrondissement),
        ]
    if territory.kind in (Kind.EPCI, Kind.EPT, Kind.CUSTOM):
        communes = communes_of(territory)
        if territory.kind != Kind.EPCI:
            links += [_get(Kind.EPCI, c) for c in sorted(set(communes.values_list("epci", flat=True)))]
        deps = sorted(set(communes.values_list("departement", flat=True)))
        links += [_get(Kind.DEPARTEMENT, d) for d in deps]
        links += [_get(Kind.REGION, r) for r in sorted(set(communes.values_list("region", flat=True)))]
    if territory.kind in (Kind.COMMUNE, Kind.ARRONDISSEMENT):
        links.append(_get(Kind.DEPARTEMENT, territory.departement))
    if territory.kind in (Kind.COMMUNE, Kind.DEPARTEMENT, Kind.ARRONDISSEMENT):
        links.append(_get(Kind.REGION, territory.region or _dep_region(territory)))
    if territory.kind == Kind.COMMUNE:
        links += list(territory.custom_parents.all()[:10])
    return [link for link in links if link is not None]


def _dep_region(territory):
    dep = _get(Kind.DEPARTEMENT, territory.departement)
    return dep.region if dep else ""


def down(territory: Territory) -> list[Territory]:
    """Intermediate territories inside this one (région → départements, département → EPCI and EPT)."""
    if territory.kind == Kind.REGION:
        return list(Territory.objects.filter(kind=Kind.DEPARTEMENT, region=territory.code).order_by("code"))
    if territory.kind == Kind.DEPARTEMENT:
        communes = communes_of(territory)
        epci = set(communes.values_list("epci", flat=True)) | set(communes.values_list("ept", flat=True))
        return list(Territory.objects.filter(kind__in=[Kind.EPCI, Kind.EPT], code__in=epci).order_by("name"))
    if territory.kind == Kind.COMMUNE and territory.subtype == "commune-actuelle":
        return list(Territory.objects.filter(kind=Kind.COMMUNE, parent=territory.code).order_by("code"))
    return []


def covering_codes(territory: Territory) -> set[str]:
    """Codes whose coverage includes the territory: itself, its communes and the groups containing it."""
    codes = {territory.code}
    codes |= set(communes_of(territory).values_list("code", flat=True)[:2000])
    codes |= {t.code for t in up(territory)}
    return codes - {""}


def related(territory: Territory, user=None) -> dict:
    """What higher apps know about the territory (key figures, datasets covering it), asked by a signal."""
    out: dict[str, list[Any]] = {"indicators": [], "datasets": []}
    for _receiver, extra in territory_page_requested.send(sender=Territory, territory=territory, user=user):
        # django-stubs types a receiver's answer as ``str | None``; ours answer a dict of lists.
        out.update(cast("dict[str, list[Any]] | None", extra) or {})
    return out


def page_version() -> str:
    """What a territory page's content depends on, as a short text read from the database: the last
    référentiel import, the custom territories, and the answers of the apps to ``territory_page_version``."""
    custom = f"kind = '{Kind.CUSTOM}'"
    parts = [
        data_stamp(
            (ImportRun, "max(id)", ""),
            (Territory, "count(*)", custom),
            (Territory, "max(updated_at)", custom),
        )
    ]
    for _receiver, answer in territory_page_version.send(sender=Territory):
        parts.append(str(answer))
    return "|".join(parts)
