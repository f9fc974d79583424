"""Reading Etalab's « découpage administratif » files and france-geojson contours (no Django import).

Every reader accepts a plain or gzipped file. ``classify(path)`` tells which part of the référentiel a
file holds, from its name, so that ``parvis territory import FILE…`` can take files in any order.
"""

import csv
import gzip
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

Row = dict[str, Any]  # one record of a JSON file, or one flattened record

KINDS = ("regions", "departements", "arrondissements", "communes", "epci", "ept")
GROUP_KIND = {
    "regions": "region",
    "departements": "departement",
    "arrondissements": "arrondissement",
    "epci": "epci",
    "ept": "ept",
}
COMMUNE_TYPES = ("commune-actuelle", "commune-deleguee", "commune-associee", "arrondissement-municipal")


def open_text(path: Path) -> TextIO:
    path = Path(path)
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path), encoding="utf-8")
    return path.open(encoding="utf-8")


def read_json(path: Path) -> Any:
    with open_text(path) as handle:
        return json.load(handle)


def classify(path: Path) -> str | None:
    """Kind of a référentiel or geometry file from its name, or None when unknown."""
    name = Path(path).name.lower()
    for suffix in (".gz", ".json", ".geojson", ".csv"):
        name = name.removesuffix(suffix)
    name = name.removesuffix(".json").removesuffix(".geojson")
    if name in KINDS:
        return name
    if name.startswith("communes-") and "vers-cog" in name:
        return "mapping"
    if name.startswith("communes-centroides"):
        return "centroids"
    if name.startswith("communes-"):
        return "commune_shapes"
    if name.startswith("departements-"):
        return "departement_shapes"
    if name.startswith("regions-"):
        return "region_shapes"
    return None


def commune_records(
    rows: list[Row], epci_rows: Iterable[Row] = (), ept_rows: Iterable[Row] = ()
) -> list[Row]:
    """Flatten communes.json rows; attach the EPCI and EPT found in their ``membres``.

    A commune déléguée often shares its code with the commune nouvelle (its chef-lieu): one record per
    code is kept, the commune actuelle winning (584 such codes in COG 2026).
    """
    epci_of = {m["code"]: e["code"] for e in epci_rows for m in e.get("membres", ())}
    ept_of = {m["code"]: e["code"] for e in ept_rows for m in e.get("membres", ())}
    records: dict[str, Row] = {}
    for row in rows:
        if row.get("type") not in COMMUNE_TYPES:
            continue
        code = row["code"]
        if code in records and row["type"] != "commune-actuelle":
            continue
        records[code] = {
            "code": code,
            "kind": row["type"],
            "name": row["nom"],
            "departement": row.get("departement") or "",
            "region": row.get("region") or "",
            "arrondissement": row.get("arrondissement") or "",
            "parent": row.get("commune") or row.get("chefLieu") or "",
            "population": row.get("population"),
            "postcodes": " ".join(row.get("codesPostaux") or ()),
            "siren": row.get("siren") or "",
            "epci": epci_of.get(code, "") if row["type"] == "commune-actuelle" else "",
            "ept": ept_of.get(code, "") if row["type"] == "commune-actuelle" else "",
            "former_codes": " ".join(row.get("anciensCodes") or ()),
        }
    return list(records.values())


def group_records(kind: str, rows: list[Row]) -> list[Row]:
    """Flatten régions, départements, arrondissements, EPCI or EPT rows."""
    records = []
    for row in rows:
        records.append(
            {
                "kind": GROUP_KIND[kind],
                "code": row["code"],
                "name": row["nom"],
                "subtype": row.get("type") or "",
                "parent": row.get("departement") or row.get("region") or "",
                "departement": row.get("departement") or "",
                "region": row.get("region") or "",
                "population": row.get("populationMunicipale"),
                "members": [m["code"] for m in row.get("membres", ())],
            }
        )
    return records


def read_centroids(path: Path) -> dict[str, tuple[float, float]]:
    """``{code: (lat, lon)}`` from the derived centroid CSV (rows without coordinates skipped)."""
    out = {}
    with open_text(path) as handle:
        for row in csv.DictReader(handle):
            if row.get("lat") and row.get("lon"):
                out[row["code"]] = (float(row["lat"]), float(row["lon"]))
    return out
