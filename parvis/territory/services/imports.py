"""``parvis territory import [FILES…]``: load the référentiel and contours into the database.

Without files, loads the vendored extract (départements 94 and 23, national départements/régions
contours) from ``parvis/territory/data``. With files or directories, loads whatever they hold: the full
Etalab files (``communes.json.gz``, ``epci.json.gz``…), france-geojson per-département commune files,
the 2018→2026 mapping and the centroid CSV. Rows are upserted on (kind, code), so running it twice
changes nothing and custom territories keep their communes.
"""

import json
import time
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from parvis.accounts.services import audit
from parvis.territory.lib import geo, referentiel
from parvis.territory.lib.codes import search_key
from parvis.territory.models import ImportRun, Kind, Shape, Territory

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
BATCH = 2000
COMMUNE_FIELDS = [
    "name",
    "search_name",
    "subtype",
    "population",
    "postcodes",
    "departement",
    "region",
    "arrondissement",
    "parent",
    "former_codes",
]
GROUP_FIELDS = ["name", "search_name", "subtype", "parent", "population", "departement", "region"]


class ReferentielError(ValueError):
    """A file that cannot be imported; the message (French) says which file and where."""


def _read(path: Path):
    try:
        return referentiel.read_json(path)
    except json.JSONDecodeError as error:
        raise ReferentielError(
            _("%(file)s : JSON illisible ligne %(line)s, colonne %(col)s (%(msg)s).")
            % {"file": path, "line": error.lineno, "col": error.colno, "msg": error.msg}
        ) from error
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise ReferentielError(
            _("%(file)s : fichier illisible (%(msg)s).") % {"file": path, "msg": error}
        ) from error


def _checked(kind: str, path: Path, rows) -> list:
    """Each row of a référentiel file must be an object with ``code`` and ``nom``."""
    if not isinstance(rows, list):
        raise ReferentielError(_("%(file)s : une liste d’objets était attendue.") % {"file": path})
    for number, row in enumerate(rows, start=1):
        missing = [k for k in ("code", "nom") if not isinstance(row, dict) or not row.get(k)]
        if missing:
            raise ReferentielError(
                _("%(file)s, enregistrement %(n)s : champ « %(field)s » manquant.")
                % {"file": path, "n": number, "field": missing[0]}
            )
    return rows


def expand(paths) -> list[Path]:
    files = []
    for path in map(Path, paths):
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return files


def _upsert(objs: list[Territory], fields: list[str]) -> None:
    Territory.objects.bulk_create(
        objs, batch_size=BATCH, update_conflicts=True, unique_fields=["kind", "code"], update_fields=fields
    )


def _group_objects(kind: str, rows: list[dict]) -> list[Territory]:
    objs = []
    for rec in referentiel.group_records(kind, rows):
        extra = {"region": rec["region"], "departement": rec["departement"]}
        objs.append(
            Territory(
                kind=rec["kind"],
                code=rec["code"],
                name=rec["name"],
                search_name=search_key(rec["name"]),
                subtype=rec["subtype"],
                parent=rec["parent"],
                population=rec["population"],
                departement=extra.get("departement", ""),
                region=extra.get("region", ""),
            )
        )
    return objs


def _commune_objects(records: list[dict]) -> list[Territory]:
    return [
        Territory(
            kind=Kind.COMMUNE,
            code=r["code"],
            name=r["name"],
            search_name=search_key(r["name"]),
            subtype=r["kind"],
            population=r["population"],
            postcodes=r["postcodes"],
            departement=r["departement"],
            region=r["region"],
            arrondissement=r["arrondissement"],
            parent=r["parent"],
            former_codes=r["former_codes"],
            epci=r["epci"],
            ept=r["ept"],
        )
        for r in records
    ]


def _fill_group_populations() -> None:
    communes = Territory.objects.filter(kind=Kind.COMMUNE, subtype="commune-actuelle")
    for kind, field in (
        ("departement", "departement"),
        ("region", "region"),
        ("ept", "ept"),
        ("epci", "epci"),
    ):
        totals = dict(communes.exclude(**{field: ""}).values_list(field).annotate(total=Sum("population")))
        groups = list(Territory.objects.filter(kind=kind, code__in=totals))
        for group in groups:
            if kind in ("departement", "region", "ept") or group.population is None:
                group.population = totals[group.code]
        Territory.objects.bulk_update(groups, ["population"], batch_size=BATCH)


def _save_shapes(kind: str, stored: dict) -> int:
    objs = [
        Shape(kind=kind, code=code, wkb=wkb, minx=b[0], miny=b[1], maxx=b[2], maxy=b[3])
        for code, (wkb, b) in stored.items()
    ]
    Shape.objects.bulk_create(
        objs,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["kind", "code"],
        update_fields=["wkb", "minx", "miny", "maxx", "maxy"],
    )
    return len(objs)


def _shapes_from_files(paths: list[Path], mapping: dict[str, str]) -> dict:
    codes, geoms = [], []
    for path in paths:
        document = _read(path)
        if not isinstance(document, dict) or not isinstance(document.get("features"), list):
            raise ReferentielError(_("%(file)s : FeatureCollection GeoJSON attendue.") % {"file": path})
        try:
            c, g = geo.features_to_geometries(document["features"])
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise ReferentielError(
                _("%(file)s : entité GeoJSON invalide (%(msg)s).") % {"file": path, "msg": error}
            ) from error
        codes += c
        geoms += list(g)
    return geo.projected_wkb(geo.dissolve(codes, geoms, mapping))


def _set_centroids(centroids: dict[str, tuple[float, float]]) -> None:
    # One prepared UPDATE run for every row: bulk_update's CASE expressions cost seconds on 35,000 communes.
    table = connection.ops.quote_name(Territory._meta.db_table)
    sql = f"UPDATE {table} SET latitude = %s, longitude = %s WHERE kind = %s AND code = %s"  # noqa: S608
    rows = [(lat, lon, Kind.COMMUNE, code) for code, (lat, lon) in centroids.items()]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def import_files(paths=(), stdout=None) -> dict[str, int]:
    """Load the given files (or the vendored extract); returns counts per kind. Idempotent."""
    started = time.perf_counter()
    files = expand(paths or [DATA_DIR])
    by_kind: dict[str, list[Path]] = {}
    unknown = []
    for path in files:
        kind = referentiel.classify(path)
        if kind:
            by_kind.setdefault(kind, []).append(path)
        elif path.name.lower() not in ("readme.md", "license", "licence"):
            unknown.append(path)
    if unknown:
        raise ReferentielError(
            _(
                "Fichier non reconnu : %(files)s (noms attendus : communes.json, epci.json, "
                "communes-XX.geojson…)."
            )
            % {"files": ", ".join(map(str, unknown[:5]))}
        )
    data = {k: _checked(k, v[0], _read(v[0])) for k, v in by_kind.items() if k in referentiel.KINDS}
    counts: dict[str, int] = {}
    with transaction.atomic():
        for kind in ("regions", "departements", "arrondissements", "epci", "ept"):
            if kind in data:
                _upsert(_group_objects(kind, data[kind]), GROUP_FIELDS)
                counts[kind] = len(data[kind])
        if "communes" in data:
            records = referentiel.commune_records(data["communes"], data.get("epci", ()), data.get("ept", ()))
            fields = COMMUNE_FIELDS + [f for f in ("epci", "ept") if f in data]
            _upsert(_commune_objects(records), fields)
            counts["communes"] = len(records)
        _fill_group_populations()
        mapping = {}
        if "mapping" in by_kind:
            mapping = geo.mapping_codes(_read(by_kind["mapping"][0]))
        if "commune_shapes" in by_kind:
            counts["commune_shapes"] = _save_shapes(
                Kind.COMMUNE, _shapes_from_files(by_kind["commune_shapes"], mapping)
            )
        for kind, key in ((Kind.DEPARTEMENT, "departement_shapes"), (Kind.REGION, "region_shapes")):
            if key in by_kind:
                counts[key] = _save_shapes(kind, _shapes_from_files(by_kind[key][:1], {}))
        if "centroids" in by_kind:
            _set_centroids(referentiel.read_centroids(by_kind["centroids"][0]))
        seconds = time.perf_counter() - started
        run = ImportRun.objects.create(files=[str(p) for p in files][:500], counts=counts, seconds=seconds)
        audit(actor=None, action="territory.referentiel.import", target=run, details=counts)
    if stdout is not None:
        summary = ", ".join(f"{k}: {v}" for k, v in counts.items())
        stdout.write(
            _("Référentiel importé en %(s).1f s (%(summary)s).") % {"s": seconds, "summary": summary}
        )
    return counts
