"""data·inclusion schema v1 (structures + services) <-> LaMednum standard rows."""

from collections.abc import Iterable
from typing import Any

from .vocab import (
    DI_MODES_ACCUEIL,
    DI_PUBLICS,
    DI_THEMATIQUES_TO_SERVICES,
    EMPTY_PIVOT,
    SERVICES_TO_DI_THEMATIQUES,
)

DI_PUBLICS_BACK = {v: k for k, v in DI_PUBLICS.items()}
FRAIS_TO_DI = {"Gratuit": "gratuit", "Gratuit sous condition": "gratuit", "Payant": "payant"}


def _join(values: Iterable[str]) -> str:
    return "|".join(v for v in values if v)


def structures_to_rows(payload: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """One standard row per structure; its services' thématiques, frais, publics and modes d'accueil
    are folded into the place. Unknown thématiques are passed through so they get reported."""
    by_structure: dict[str, list[dict[str, Any]]] = {}
    for service in payload.get("services") or []:
        if isinstance(service, dict):
            by_structure.setdefault(str(service.get("structure_id", "")), []).append(service)
    rows = []
    for index, s in enumerate(payload.get("structures") or [], start=1):
        if not isinstance(s, dict):
            continue
        services = by_structure.get(str(s.get("id", "")), [])
        themes, frais, publics, accueil = [], [], [], []
        for service in services:
            for theme in service.get("thematiques") or []:
                themes.append(DI_THEMATIQUES_TO_SERVICES.get(theme, theme))
            value = service.get("frais")
            for f in value if isinstance(value, list) else [value]:
                if f:
                    frais.append({"gratuit": "Gratuit", "payant": "Payant"}.get(f, "Gratuit sous condition"))
            publics += [DI_PUBLICS_BACK[p] for p in service.get("publics") or [] if p in DI_PUBLICS_BACK]
            if "a-distance" in (service.get("modes_accueil") or []):
                accueil.append("À distance")
        rows.append(
            (
                index,
                {
                    "id": s.get("id"),
                    "pivot": s.get("siret") or EMPTY_PIVOT,
                    "nom": s.get("nom"),
                    "commune": s.get("commune"),
                    "code_postal": s.get("code_postal"),
                    "code_insee": s.get("code_insee"),
                    "adresse": s.get("adresse"),
                    "complement_adresse": s.get("complement_adresse"),
                    "latitude": s.get("latitude"),
                    "longitude": s.get("longitude"),
                    "telephone": s.get("telephone"),
                    "courriels": s.get("courriel"),
                    "site_web": s.get("site_web"),
                    "horaires": s.get("horaires_accueil"),
                    "presentation_detail": s.get("description"),
                    "source": s.get("source"),
                    "date_maj": s.get("date_maj"),
                    "fiche_acces_libre": s.get("accessibilite_lieu"),
                    "services": _join(dict.fromkeys(themes)),
                    "frais_a_charge": _join(dict.fromkeys(frais)),
                    "publics_specifiquement_adresses": _join(dict.fromkeys(publics)),
                    "modalites_accompagnement": _join(dict.fromkeys(accueil)),
                },
            )
        )
    return rows


def records_to_payload(records: list[dict[str, Any]]) -> dict[str, Any]:
    """data·inclusion v1 export: one structure per place and one service per standard service."""
    structures, services = [], []
    for r in records:
        sid = r["id"]
        structures.append(
            {
                "source": r.get("source") or "parvis",
                "id": sid,
                "nom": r["nom"],
                "description": r.get("presentation_detail") or r.get("presentation_resume") or "",
                "date_maj": r["date_maj"],
                "siret": r["pivot"]
                if r["pivot"].isdigit() and len(r["pivot"]) == 14 and r["pivot"] != EMPTY_PIVOT
                else None,
                "commune": r["commune"],
                "code_postal": r["code_postal"],
                "code_insee": r.get("code_insee") or None,
                "adresse": r["adresse"],
                "complement_adresse": r.get("complement_adresse") or None,
                "longitude": r.get("longitude"),
                "latitude": r.get("latitude"),
                "telephone": r.get("telephone") or None,
                "courriel": (r.get("courriels") or [None])[0],
                "site_web": (r.get("site_web") or [None])[0],
                "horaires_accueil": r.get("horaires") or None,
                "accessibilite_lieu": r.get("fiche_acces_libre") or None,
                "reseaux_porteurs": [],
            }
        )
        frais = sorted({FRAIS_TO_DI[f] for f in r.get("frais_a_charge") or [] if f in FRAIS_TO_DI})
        modes = ["en-presentiel"] + [
            DI_MODES_ACCUEIL[m] for m in r.get("modalites_accompagnement") or [] if m in DI_MODES_ACCUEIL
        ]
        for n, service in enumerate(r.get("services") or [], start=1):
            services.append(
                {
                    "source": r.get("source") or "parvis",
                    "id": f"{sid}-{n}",
                    "structure_id": sid,
                    "nom": service,
                    "description": r.get("presentation_resume") or service,
                    "date_maj": r["date_maj"],
                    "thematiques": [SERVICES_TO_DI_THEMATIQUES[service]],
                    "frais": frais[0] if len(frais) == 1 else ("payant" if "payant" in frais else None),
                    "publics": [
                        DI_PUBLICS[p]
                        for p in r.get("publics_specifiquement_adresses") or []
                        if p in DI_PUBLICS
                    ],
                    "modes_accueil": modes,
                    "commune": r["commune"],
                    "code_postal": r["code_postal"],
                    "code_insee": r.get("code_insee") or None,
                    "adresse": r["adresse"],
                    "latitude": r.get("latitude"),
                    "longitude": r.get("longitude"),
                    "telephone": r.get("telephone") or None,
                    "courriel": (r.get("courriels") or [None])[0],
                    "horaires_accueil": r.get("horaires") or None,
                    "prise_rdv": r.get("prise_rdv") or None,
                }
            )
    return {"structures": structures, "services": services}
