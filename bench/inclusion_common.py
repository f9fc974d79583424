"""Shared set-up of the inclusion benchmarks: a fresh database with N generated places over France.

Places are drawn around 2,000 random « towns » of metropolitan France (Gaussian spread of 2-8 km), with
random services, fees, hours and access modes of the standard. Not a bench by itself.
"""

from __future__ import annotations

import math
import random
import statistics

KINDS = (
    "Médiathèque",
    "Espace France Services",
    "Centre social",
    "Mairie",
    "Espace public numérique",
    "Association",
)
HOURS = (
    "Mo-Fr 09:00-12:00,14:00-17:00",
    "Tu-Sa 10:00-18:00",
    "Mo,We,Fr 09:00-12:30",
    "We 14:00-17:00; Sa 09:00-12:00",
    "Mo-Fr 08:30-17:30; PH off",
    "",
)


def towns(n: int, rng: random.Random) -> list[tuple[float, float, str]]:
    out = []
    while len(out) < n:
        lat, lon = rng.uniform(42.6, 50.9), rng.uniform(-4.3, 7.9)
        out.append((lat, lon, f"{rng.randint(1, 95):02d}{rng.randint(0, 999):03d}"))
    return out


def generated_records(n: int, seed: int = 1) -> list[dict]:
    from parvis.inclusion.lib.vocab import vocabularies

    rng = random.Random(seed)
    voc = vocabularies()
    centres = towns(2000, rng)
    streets = (
        "rue de la République",
        "place de la Mairie",
        "avenue Jean Jaurès",
        "rue Victor Hugo",
        "rue du Moulin",
    )
    records = []
    for i in range(n):
        lat0, lon0, code = centres[rng.randrange(len(centres))]
        spread = rng.uniform(2, 8) / 111.0
        lat = lat0 + rng.gauss(0, spread)
        lon = lon0 + rng.gauss(0, spread / math.cos(math.radians(lat0)))
        records.append(
            {
                "id": f"gen-{i}",
                "pivot": "00000000000000",
                "nom": f"{rng.choice(KINDS)} {i}",
                "commune": f"Commune {code}",
                "code_postal": code,
                "code_insee": "",
                "adresse": f"{rng.randint(1, 200)} {rng.choice(streets)}",
                "latitude": round(lat, 6),
                "longitude": round(lon, 6),
                "horaires": rng.choice(HOURS),
                "date_maj": "2026-06-01",
                "services": rng.sample(voc["services"], rng.randint(1, 4)),
                "frais_a_charge": [rng.choice(voc["frais_a_charge"])],
                "modalites_acces": rng.sample(voc["modalites_acces"], rng.randint(1, 2)),
                "modalites_accompagnement": rng.sample(voc["modalites_accompagnement"], rng.randint(1, 2)),
                "publics_specifiquement_adresses": rng.sample(
                    voc["publics_specifiquement_adresses"], rng.randint(0, 2)
                ),
                "prise_en_charge_specifique": rng.sample(
                    voc["prise_en_charge_specifique"], rng.randint(0, 2)
                ),
                "source": "bench",
            }
        )
    return records


def load_places(records: list[dict]) -> None:
    from parvis.inclusion.lib.vocab import MULTI_FIELDS
    from parvis.inclusion.models import Place
    from parvis.inclusion.services.imports import apply_record

    batch = []
    for r in records:
        full = {name: [] for name in MULTI_FIELDS} | r
        full["date_maj"] = r["date_maj"]
        place = apply_record(Place(identifier=r["id"], source_key=f"bench:{r['id']}"), full, "bench")
        place.hours_ok = True
        batch.append(place)
    Place.objects.bulk_create(batch, batch_size=2000)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(name: str, values_ms: list[float]) -> str:
    return (
        f"{name}: n={len(values_ms)} median={statistics.median(values_ms):.1f} ms "
        f"p95={percentile(values_ms, 95):.1f} ms max={max(values_ms):.1f} ms"
    )
