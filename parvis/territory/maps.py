"""``render_map_svg(...)``: accessible SVG maps of territories from the stored Lambert-93 contours.

Other apps call ``render_map_svg(territory, values={code: (fill, label)}, legend=[...])`` to draw a
choropleth of a territory's communes (neighbours in grey for context), or with ``codes=[...]`` for any
set of communes. Rendered maps are cached (Django cache, keyed by the arguments and the last import);
the map of all the communes of France is cached on disk under ``PARVIS_DATA_DIR/maps``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from parvis.core.lib import lazy
from parvis.core.lib.typography import number, plural_index
from parvis.territory.lib.geo import OVERSEAS, overseas_departement, place_insets
from parvis.territory.lib.svgmap import Area, LegendItem, render_svg
from parvis.territory.models import ImportRun, Kind, Shape, Territory
from parvis.territory.selectors import communes_of, national_count, neighbours

if TYPE_CHECKING:
    import shapely
else:
    shapely = lazy.module("shapely")

FOCUS_FILL = "#8fbcd4"


def _import_stamp() -> int:
    return ImportRun.objects.values_list("pk", flat=True).first() or 0


def _population_label(population) -> str:
    if population is None:
        return _("population inconnue")
    return _("%(n)s habitants") % {"n": number_format(population, force_grouping=True)}


def _areas(kind: str, codes: list[str], values: dict | None, context: bool) -> list[Area]:
    shapes = dict(Shape.objects.filter(kind=kind, code__in=codes).values_list("code", "wkb"))
    info = {
        code: (name, population)
        for code, name, population in Territory.objects.filter(kind=kind, code__in=codes).values_list(
            "code", "name", "population"
        )
    }
    link = reverse("territory:detail", args=[kind, "CODE"])
    areas = []
    for code in codes:
        if code not in shapes:
            continue
        name, population = info.get(code, (code, None))
        if context:
            fill, label = None, ""
        elif values is not None:
            fill, label = values.get(code, ("#ffffff", _("pas de donnée")))
        else:
            fill, label = FOCUS_FILL, _population_label(population)
        areas.append(
            Area(
                key=code,
                name=name,
                wkb=bytes(shapes[code]),
                fill=fill,
                label=label,
                href=link.replace("CODE", code),
            )
        )
    return areas


def _bounds(areas: list[Area]) -> tuple[float, float, float, float]:
    minx, miny, maxx, maxy = (
        float(b) for b in shapely.total_bounds(shapely.from_wkb([a.wkb for a in areas]))
    )
    return minx, miny, maxx, maxy


def render_map_svg(
    territory: Territory | None = None,
    *,
    codes: list[str] | None = None,
    values: dict[str, tuple[str, str]] | None = None,
    legend: Sequence[tuple[str, str]] = (),
    legend_title: str = "",
    title: str = "",
    description: str = "",
    with_neighbours: bool = True,
    svg_id: str = "carte",
    width: int = 1000,
) -> str:
    """SVG of the communes of ``territory`` (or ``codes``), coloured by ``values`` when given."""
    if codes is None:
        codes = list(communes_of(territory).values_list("code", flat=True)) if territory else []
    key_src = json.dumps(
        [
            territory.pk if territory else None,
            codes,
            values,
            list(legend),
            legend_title,
            title,
            description,
            with_neighbours,
            svg_id,
            width,
            _import_stamp(),
            get_language(),  # the default title and description are translated
        ],
        sort_keys=True,
        default=str,
    )
    key = "territory-map:" + hashlib.sha256(key_src.encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    focus = _areas(Kind.COMMUNE, codes, values, context=False)
    if not focus:
        return ""
    bounds = _bounds(focus)
    around = []
    if with_neighbours and territory is not None:
        around = _areas(Kind.COMMUNE, neighbours(territory, codes=codes, bounds=bounds), None, context=True)
    name = territory.name if territory else _("Communes")
    svg = render_svg(
        around + focus,
        title=title or _("Carte : %(name)s") % {"name": name},
        description=description
        or ngettext(
            "%(n)s commune ; les communes voisines sont en gris. Le tableau qui suit donne les mêmes valeurs.",
            "%(n)s communes ; les communes voisines sont en gris. Le tableau qui suit donne les mêmes valeurs.",
            plural_index(len(focus), get_language() or "fr"),
        )
        % {"n": len(focus)},
        legend=[LegendItem(fill, label) for fill, label in legend],
        legend_title=legend_title,
        focus_bounds=bounds,
        svg_id=svg_id,
        width=width,
    )
    cache.set(key, svg, 24 * 3600)
    return svg


def render_overview_svg(
    kind: str = Kind.DEPARTEMENT, values=None, legend=(), legend_title="", title=""
) -> str:
    """France by département (or région) from the national contour file."""
    codes = list(Shape.objects.filter(kind=kind).order_by("code").values_list("code", flat=True))
    areas = _areas(kind, codes, values, context=False)
    if not areas:
        return ""
    return render_svg(
        areas,
        title=title or _("France métropolitaine par département"),
        description=_("Chaque zone est un lien vers la page du territoire."),
        legend=[LegendItem(f, label) for f, label in legend],
        legend_title=legend_title,
        svg_id="carte-france",
    )


def france_coverage() -> dict:
    """What the « all communes » map really shows: how many communes have a contour, in which
    départements, whether the référentiel is national, and which overseas départements are present."""
    codes = list(Shape.objects.filter(kind=Kind.COMMUNE).values_list("code", flat=True))
    deps = sorted({c[:3] if overseas_departement(c) else c[:2] for c in codes})
    overseas = sorted({d for c in codes if (d := overseas_departement(c))})
    national = national_count(Kind.COMMUNE) is not None
    names = dict(Territory.objects.filter(kind=Kind.DEPARTEMENT, code__in=deps).values_list("code", "name"))
    count = plural_index(len(codes), get_language() or "fr")
    if national:
        title = _("Toutes les communes de France (%(n)s communes avec un contour)") % {
            "n": number(len(codes))
        }
    else:
        title = ngettext(
            "La commune du référentiel chargé (%(deps)s), pas toute la France",
            "Les %(n)s communes du référentiel chargé (%(deps)s), pas toute la France",
            count,
        ) % {"n": number(len(codes)), "deps": ", ".join(names.get(d, d) for d in deps)}
    missing = [d for d in OVERSEAS if d not in overseas]
    if overseas and missing:
        note = _(
            "Départements d'outre-mer en encart, chacun à sa propre échelle ; absents du référentiel : %(d)s."
        )
    elif overseas:
        note = _("Départements d'outre-mer en encart sous la métropole, chacun à sa propre échelle.")
    else:
        note = _(
            "Aucun département d'outre-mer n'a de contour dans le référentiel chargé : ils sont absents de la carte."
        )
    return {
        "title": title,
        "note": note % {"d": ", ".join(missing)} if "%(d)s" in note else note,
        "communes": len(codes),
        "departements": deps,
        "national": national,
        "overseas": overseas,
        "codes": sorted(codes),
    }


def france_communes_svg(values=None, legend=(), legend_title="") -> str:
    """All the communes with a contour on one map, overseas départements as insets, cached on disk until
    the next import; the title says what it covers (the demo référentiel is not France)."""
    stamp = hashlib.sha256(
        json.dumps([values, list(legend), _import_stamp(), get_language()], default=str).encode()
    ).hexdigest()
    path = Path(settings.PARVIS_DATA_DIR) / "maps" / f"france-communes-{stamp[:16]}.svg"
    if path.exists():
        return path.read_text(encoding="utf-8")
    cover = france_coverage()
    areas = _areas(Kind.COMMUNE, cover["codes"], values, context=False)
    if not areas:
        return ""
    metro = [a for a in areas if not overseas_departement(a.key)]
    if metro and len(metro) < len(areas):
        bounds = _bounds(metro)
        groups: dict[str, list[shapely.Geometry]] = {}
        for area in areas:
            if dep := overseas_departement(area.key):
                groups.setdefault(dep, []).append(shapely.from_wkb(area.wkb))
        moved = {dep: iter(geoms) for dep, geoms in place_insets(groups, bounds).items()}
        for area in areas:
            if dep := overseas_departement(area.key):
                area.wkb = shapely.to_wkb(next(moved[dep]))
    svg = render_svg(
        areas,
        title=cover["title"],
        description=cover["note"],
        legend=[LegendItem(fill, label) for fill, label in legend],
        legend_title=legend_title,
        svg_id="carte-communes-france",
        width=4000,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(svg, encoding="utf-8")
    return svg


def render_region_svg(region: Territory) -> str:
    """A région drawn by its départements, the other départements in grey around it."""
    inside = list(
        Territory.objects.filter(kind=Kind.DEPARTEMENT, region=region.code).values_list("code", flat=True)
    )
    focus = _areas(Kind.DEPARTEMENT, inside, None, context=False)
    if not focus:
        return ""
    others = (
        Shape.objects.filter(kind=Kind.DEPARTEMENT).exclude(code__in=inside).values_list("code", flat=True)
    )
    bounds = _bounds(focus)
    return render_svg(
        _areas(Kind.DEPARTEMENT, list(others), None, context=True) + focus,
        title=_("Carte : %(name)s") % {"name": region.name},
        description=_("%(n)s départements ; les départements voisins sont en gris.") % {"n": len(focus)},
        focus_bounds=bounds,
        svg_id="carte",
    )


def territory_map(territory: Territory) -> str:
    """The map shown on a territory's page: a région by its départements, anything else by its communes."""
    return render_region_svg(territory) if territory.kind == Kind.REGION else render_map_svg(territory)
