"""The varied-schema file of ``catalog_validate.py``: every format, patterns, enums, unique.

A 1,000,000-row file of 20 columns in which about 2 % of the cells are bad (one bad value
per column, of the kind real files carry), and the whole-file, as-a-user-runs-it timing of
``parvis validate`` against ``frictionless validate``, each in its own process (start-up
included), with the peak RSS of each process.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections import Counter
from pathlib import Path

import polars as pl

VARIED_SCHEMA = {
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True, "unique": True}},
        {"name": "reference", "type": "string", "format": "uuid", "constraints": {"unique": True}},
        {"name": "courriel", "type": "string", "format": "email"},
        {"name": "site", "type": "string", "format": "uri"},
        {"name": "code_insee", "type": "string", "constraints": {"pattern": "(2[AB]|[0-9]{2})[0-9]{3}"}},
        {"name": "siret", "type": "string", "constraints": {"pattern": "^\\d{14}$"}},
        {"name": "nom", "type": "string", "constraints": {"required": True, "minLength": 3, "maxLength": 60}},
        {
            "name": "categorie",
            "type": "string",
            "constraints": {"enum": ["culture", "sport", "social", "education"]},
        },
        {"name": "montant", "type": "number", "constraints": {"minimum": 0}},
        {"name": "montant_fr", "type": "number", "decimalChar": ",", "groupChar": " "},
        {"name": "quantite", "type": "integer", "constraints": {"minimum": 0, "maximum": 100000}},
        {"name": "date_debut", "type": "date"},
        {"name": "date_fr", "type": "date", "format": "%d/%m/%Y"},
        {"name": "horodatage", "type": "datetime"},
        {"name": "heure", "type": "time"},
        {"name": "annee", "type": "year", "constraints": {"minimum": 1990}},
        {"name": "mois", "type": "yearmonth"},
        {"name": "actif", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]},
        {"name": "position", "type": "geopoint"},
        {"name": "duree", "type": "duration"},
    ]
}
# One bad value per column, of the kind a real file carries.
VARIED_BAD = {
    "id": "douze",
    "reference": "0000-pas-un-uuid",
    "courriel": "contact@mairie",
    "site": "www.mairie.fr",
    "code_insee": "9A123",
    "siret": "2186019460001",
    "nom": "X",
    "categorie": "loisirs",
    "montant": "-3",
    "montant_fr": "12.50",
    "quantite": "200000",
    "date_debut": "2024-02-30",
    "date_fr": "2024-12-31",
    "horodatage": "2024-01-01 25:00",
    "heure": "9h30",
    "annee": "1950",
    "mois": "2024-13",
    "actif": "true",
    "position": "200,95",
    "duree": "3 jours",
}


def generate_varied(path: Path, rows: int) -> None:
    """Every format, patterns, enums, unique, bounds; about 2 % of the cells are bad."""
    i = pl.col("i")
    day = pl.date(2015, 1, 1) + pl.duration(days=i % 3000)
    frame = pl.DataFrame({"i": pl.int_range(0, rows, eager=True)}).with_columns(
        id=(i + 1).cast(pl.String),
        reference=pl.format(
            "{}-4a2b-4c3d-8e4f-{}",
            (i + 0x10000000).map_batches(
                lambda s: s.map_elements(lambda v: f"{v:08x}", return_dtype=pl.String)
            ),
            (i + 0x100000000000).map_batches(
                lambda s: s.map_elements(lambda v: f"{v:012x}", return_dtype=pl.String)
            ),
        ),
        courriel=pl.format("agent.{}@commune-{}.fr", i, i % 997),
        site=pl.format("https://www.commune-{}.fr/page/{}", i % 997, i % 89),
        code_insee=pl.format(
            "{}{}", (i % 95 + 1).cast(pl.String).str.zfill(2), (i % 900 + 100).cast(pl.String)
        ),
        siret=pl.format("2186019460{}", (i % 10000).cast(pl.String).str.zfill(4)),
        nom=pl.format("Équipement n° {}", i),
        categorie=pl.lit(pl.Series(["culture", "sport", "social", "education"])).gather(i % 4),
        montant=((i * 37 % 100000) / 100).cast(pl.String),
        montant_fr=pl.format("{} {},{}", i % 90 + 10, (i % 900 + 100), (i % 90 + 10)),
        quantite=(i * 13 % 5000).cast(pl.String),
        date_debut=day.cast(pl.String),
        date_fr=day.dt.strftime("%d/%m/%Y"),
        horodatage=(day.cast(pl.Datetime) + pl.duration(seconds=i % 86400)).dt.strftime("%Y-%m-%dT%H:%M:%SZ"),
        heure=(pl.datetime(2000, 1, 1) + pl.duration(seconds=i % 86400)).dt.strftime("%H:%M:%S"),
        annee=(1990 + i % 35).cast(pl.String),
        mois=day.dt.strftime("%Y-%m"),
        actif=pl.when(i % 3 == 0).then(pl.lit("non")).otherwise(pl.lit("oui")),
        position=pl.format("{},{}", (2.3 + (i % 1000) / 10000).round(4), (48.8 + (i % 997) / 10000).round(4)),
        duree=pl.format("P{}DT{}H", i % 30, i % 24),
    )
    columns = list(VARIED_BAD)
    frame = frame.with_columns(
        [
            pl.when((i * 2654435761 + k * 40503) % 50 == 0)
            .then(pl.lit(VARIED_BAD[name]))
            .otherwise(pl.col(name))
            .alias(name)
            for k, name in enumerate(columns)
        ]
    )
    frame.select(columns).write_csv(path)


def timed(command: list[str], output: Path, cwd: Path) -> dict:
    """Wall seconds, peak RSS (MiB) and exit status of ``command``, its stdout to ``output``."""
    with open(output, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, cwd=cwd)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return {"seconds": seconds, "peak_mib": usage.ru_maxrss / 1024, "status": process.returncode}


def error_types(report: Path) -> Counter:
    """Errors by type in a JSON report (Parvis' or Frictionless'), without loading it as JSON."""
    counts = Counter()
    pattern = re.compile(
        rb'"type": ?"([a-z-]+-error|[a-z-]+-label|blank-row|extra-cell|missing-cell|primary-key)"'
    )
    with open(report, "rb") as handle:
        while block := handle.read(64 << 20):
            block += handle.readline()
            counts.update(match.decode() for match in pattern.findall(block))
    return counts
