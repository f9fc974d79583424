"""Controlled vocabularies of LaMednum's standard (v1.0.2), read from the vendored schema,
and the mappings from older formats (standard v0.1, data·inclusion thématiques)."""

import json
import re
import unicodedata
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, cast

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SCHEMA_PATH = DATA_DIR / "standard" / "schema-v1.0.2.json"
EMPTY_PIVOT = "00000000000000"

# Fields whose values are lists joined with "|" in the standard.
MULTI_FIELDS = (
    "typologie",
    "courriels",
    "site_web",
    "itinerance",
    "services",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "frais_a_charge",
    "dispositif_programmes_nationaux",
    "formations_labels",
    "modalites_acces",
    "modalites_accompagnement",
)


@cache
def schema() -> dict[str, Any]:
    return cast("dict[str, Any]", json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


@cache
def field_names() -> tuple[str, ...]:
    return tuple(f["name"] for f in schema()["fields"])


@cache
def fields_by_name() -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in schema()["fields"]}


def _alternatives(pattern: str) -> list[str]:
    """Extract the alternatives of `(?:(?:^|\\|)(A|B|C))+$` patterns, unescaped."""
    inner = pattern[pattern.index(")(") + 2 : pattern.rindex("))+$")]
    parts = re.split(r"(?<!\\)\|", inner)
    return [re.sub(r"\\(.)", r"\1", p) for p in parts]


@cache
def vocabularies() -> dict[str, tuple[str, ...]]:
    out = {}
    for f in schema()["fields"]:
        pattern = (f.get("constraints") or {}).get("pattern", "")
        if pattern.startswith("(?:(?:^|"):
            out[f["name"]] = tuple(_alternatives(pattern))
    return out


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key used to recognise labels."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("’", "'")
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


# --- standard v0.1 -> v1 -------------------------------------------------------------------------------
LEGACY_FIELD_RENAMES = {
    "courriel": "courriels",
    "accessibilite": "fiche_acces_libre",
    "labels_autres": "autres_formations_labels",
    "conditions_acces": "frais_a_charge",
}

LEGACY_SERVICES = {
    "Devenir autonome dans les démarches administratives": "Aide aux démarches administratives",
    "Réaliser des démarches administratives avec un accompagnement": "Aide aux démarches administratives",
    "Accompagner les démarches de santé": "Aide aux démarches administratives",
    "Prendre en main un smartphone ou une tablette": "Maîtrise des outils numériques du quotidien",
    "Prendre en main un ordinateur": "Maîtrise des outils numériques du quotidien",
    "Utiliser le numérique au quotidien": "Maîtrise des outils numériques du quotidien",
    "Approfondir ma culture numérique": "Compréhension du monde numérique",
    "Promouvoir la citoyenneté numérique": "Compréhension du monde numérique",
    "Favoriser mon insertion professionnelle": "Insertion professionnelle via le numérique",
    "Créer et développer mon entreprise": "Insertion professionnelle via le numérique",
    "Accéder à une connexion internet": "Accès internet et matériel informatique",
    "Accéder à du matériel": "Accès internet et matériel informatique",
    "S'équiper en matériel informatique": "Acquisition de matériel informatique à prix solidaire",
    "Créer avec le numérique": "Loisirs et créations numériques",
    "Soutenir la parentalité et l'éducation avec le numérique": "Parentalité et éducation avec le numérique",
}

# publics_accueillis (v0.1) -> (v1 field, v1 value); None = no v1 equivalent (kept in the source row).
LEGACY_PUBLICS = {
    "Seniors (+ 65 ans)": ("publics_specifiquement_adresses", "Seniors"),
    "Familles/enfants": ("publics_specifiquement_adresses", "Familles et/ou enfants"),
    "Jeunes (16-26 ans)": ("publics_specifiquement_adresses", "Jeunes"),
    "Uniquement femmes": ("publics_specifiquement_adresses", "Femmes"),
    "Adultes": None,
    "Public langues étrangères": ("prise_en_charge_specifique", "Langues étrangères (autres)"),
    "Déficience visuelle": ("prise_en_charge_specifique", "Déficience visuelle"),
    "Surdité": ("prise_en_charge_specifique", "Surdité"),
    "Handicaps psychiques : troubles psychiatriques donnant lieu à des atteintes comportementales": (
        "prise_en_charge_specifique",
        "Handicaps mentaux",
    ),
    "Handicaps mentaux : déficiences limitant les activités d'une personne": (
        "prise_en_charge_specifique",
        "Handicaps mentaux",
    ),
    "Personnes en situation d'illettrisme": ("prise_en_charge_specifique", "Illettrisme"),
}

LEGACY_FRAIS = {
    "Gratuit : Je peux accéder gratuitement au lieu et à ses services": "Gratuit",
    "Gratuit sous condition : La gratuité est conditionnée à des critères (situation familiale, "
    "convention avec un organisme social...)": "Gratuit sous condition",
    "Payant : L'accès au lieu et/ou à ses services est payant": "Payant",
    "Adhésion : L'accès au lieu et/ou à ses services nécessite d'y adhérer": "Payant",
    "Accepte le Pass numérique : Il est possible d'utiliser un Pass numérique pour accéder au lieu": "Payant",
}

# labels_nationaux (v0.1) -> (v1 field, value)
LEGACY_LABELS = {
    "CNFS": ("dispositif_programmes_nationaux", "Conseillers numériques"),
    "France Services": ("dispositif_programmes_nationaux", "France Services"),
    "Aidants Connect": ("dispositif_programmes_nationaux", "Aidants Connect"),
    "Point relais CAF": ("dispositif_programmes_nationaux", "Point d'accès numérique CAF"),
    "Point numérique CAF": ("dispositif_programmes_nationaux", "Point d'accès numérique CAF"),
    "Grandes écoles du numérique": ("dispositif_programmes_nationaux", "Grande école du numérique"),
    "Fabriques de Territoire": ("formations_labels", "Fabriques de Territoire"),
    "APTIC": ("autres_formations_labels", "APTIC"),
    "Relais pôle emploi": ("autres_formations_labels", "Relais pôle emploi"),
    "French Tech": ("autres_formations_labels", "French Tech"),
    "Campus connecté": ("autres_formations_labels", "Campus connecté"),
}

LEGACY_ACCOMPAGNEMENT = {
    "Seul : j'ai accès à du matériel et une connexion": "En autonomie",
    "Avec de l'aide : je suis accompagné seul dans l'usage du numérique": "Accompagnement individuel",
    "Dans un atelier : j'apprends collectivement à utiliser le numérique": "Dans un atelier collectif",
    "A ma place : une personne habilitée fait les démarches à ma place": "Accompagnement individuel",
}

LEGACY_VALUE_MAPS: dict[str, Mapping[str, tuple[str, str] | None]] = {
    "services": {k: ("services", v) for k, v in LEGACY_SERVICES.items()},
    "publics_accueillis": LEGACY_PUBLICS,
    "frais_a_charge": {k: ("frais_a_charge", v) for k, v in LEGACY_FRAIS.items()},
    "labels_nationaux": LEGACY_LABELS,
    "modalites_accompagnement": {
        k: ("modalites_accompagnement", v) for k, v in LEGACY_ACCOMPAGNEMENT.items()
    },
}


@cache
def folded_lookup(field: str) -> dict[str, tuple[str, str] | None]:
    """folded label -> (target field, canonical value) for a field of an incoming row, accepting
    v1 values, v0.1 values and v0.1 values without their explanation (text after ' : ')."""
    table: dict[str, tuple[str, str] | None] = {}
    legacy = LEGACY_VALUE_MAPS.get(field, {})
    for label, target in legacy.items():
        table[fold(label)] = target
        table[fold(label.split(" : ")[0])] = target
    for value in vocabularies().get(field, ()):
        table[fold(value)] = (field, value)
    return table


# --- data·inclusion (thématiques "numerique--*", frais, publics) -----------------------------------------
DI_THEMATIQUES_TO_SERVICES = {
    "numerique--acceder-a-du-materiel": "Accès internet et matériel informatique",
    "numerique--acceder-a-une-connexion-internet": "Accès internet et matériel informatique",
    "numerique--accompagner-les-demarches-de-sante": "Aide aux démarches administratives",
    "numerique--approfondir-ma-culture-numerique": "Compréhension du monde numérique",
    "numerique--creer-avec-le-numerique": "Loisirs et créations numériques",
    "numerique--creer-et-developper-mon-entreprise": "Insertion professionnelle via le numérique",
    "numerique--devenir-autonome-dans-les-demarches-administratives": "Aide aux démarches administratives",
    "numerique--favoriser-mon-insertion-professionnelle": "Insertion professionnelle via le numérique",
    "numerique--prendre-en-main-un-ordinateur": "Maîtrise des outils numériques du quotidien",
    "numerique--prendre-en-main-un-smartphone-ou-une-tablette": "Maîtrise des outils numériques du quotidien",
    "numerique--promouvoir-la-citoyennete-numerique": "Utilisation sécurisée du numérique",
    "numerique--realiser-des-demarches-administratives-avec-un-accompagnement": "Aide aux démarches administratives",
    "numerique--s-equiper-en-materiel-informatique": "Acquisition de matériel informatique à prix solidaire",
    "numerique--soutenir-la-parentalite-et-l-education-avec-le-numerique": "Parentalité et éducation avec le numérique",
    "numerique--utiliser-le-numerique-au-quotidien": "Maîtrise des outils numériques du quotidien",
    "acces-aux-droits-et-citoyennete--accompagnement-dans-les-demarches-administratives": "Aide aux démarches administratives",
    "equipement-et-alimentation--acces-a-du-materiel-informatique": "Accès internet et matériel informatique",
    "se-former--utiliser-le-numerique": "Maîtrise des outils numériques du quotidien",
    "illettrisme--utiliser-numerique": "Maîtrise des outils numériques du quotidien",
}

# Standard service -> the data·inclusion thématique used on export (one per service, stable).
SERVICES_TO_DI_THEMATIQUES = {
    "Aide aux démarches administratives": "numerique--realiser-des-demarches-administratives-avec-un-accompagnement",
    "Maîtrise des outils numériques du quotidien": "numerique--utiliser-le-numerique-au-quotidien",
    "Insertion professionnelle via le numérique": "numerique--favoriser-mon-insertion-professionnelle",
    "Utilisation sécurisée du numérique": "numerique--promouvoir-la-citoyennete-numerique",
    "Parentalité et éducation avec le numérique": "numerique--soutenir-la-parentalite-et-l-education-avec-le-numerique",
    "Loisirs et créations numériques": "numerique--creer-avec-le-numerique",
    "Compréhension du monde numérique": "numerique--approfondir-ma-culture-numerique",
    "Accès internet et matériel informatique": "numerique--acceder-a-du-materiel",
    "Acquisition de matériel informatique à prix solidaire": "numerique--s-equiper-en-materiel-informatique",
}

DI_PUBLICS = {
    "Jeunes": "jeunes",
    "Étudiants": "etudiants",
    "Familles et/ou enfants": "familles-enfants",
    "Seniors": "seniors-65",
    "Femmes": "femmes",
}

DI_MODES_ACCUEIL = {"À distance": "a-distance"}
