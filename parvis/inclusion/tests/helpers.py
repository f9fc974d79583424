"""Test data: the real regional files vendored in parvis/inclusion/data, small builders."""

import gzip
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLES = sorted((DATA / "samples").glob("*.json.gz"))
EXAMPLE_V1 = DATA / "standard" / "exemple-valide-v1.0.2.csv"
EXAMPLE_V01 = DATA / "standard" / "exemple-valide-v0.1.1.csv"
SCHEMA = DATA / "standard" / "schema-v1.0.2.json"


def sample_bytes(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())


def import_samples():
    from parvis.inclusion.services.imports import import_file

    return [import_file(data=sample_bytes(p), filename=p.name[:-3], archive=False) for p in SAMPLES]


HEADER = (
    "id,pivot,nom,commune,code_postal,code_insee,adresse,latitude,longitude,telephone,horaires,date_maj,services,"
    "frais_a_charge,modalites_acces,presentation_resume,presentation_detail,source"
)


def csv_file(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode("utf-8")


def row(**values) -> str:
    """One CSV line of the standard with sensible defaults (a médiathèque in Créteil)."""
    base = {
        "id": "lieu-1",
        "pivot": "21940028800010",
        "nom": "Médiathèque de l'Abbaye",
        "commune": "Créteil",
        "code_postal": "94000",
        "code_insee": "94028",
        "adresse": "3 place de l'Abbaye",
        "latitude": "48.7904",
        "longitude": "2.4556",
        "telephone": "01 41 94 65 50",
        "horaires": "Tu-Sa 10:00-18:00",
        "date_maj": "2026-09-01",
        "services": "Accès internet et matériel informatique|Maîtrise des outils numériques du quotidien",
        "frais_a_charge": "Gratuit",
        "modalites_acces": "Se présenter",
        "presentation_resume": "",
        "presentation_detail": "",
        "source": "test",
    }
    base.update(values)
    cells = [str(base[k]) for k in HEADER.split(",")]
    return ",".join('"' + c.replace('"', '""') + '"' for c in cells)
