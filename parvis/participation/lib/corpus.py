"""Plausible French consultation answers generated from templates (demo data and benchmarks).

Each answer is labelled with the subject it was generated from, which gives a labelled corpus to
measure theme quality. This corpus is synthetic: it is generated here, not collected from residents.
"""

from __future__ import annotations

import random

SUBJECTS: dict[str, list[str]] = {
    "vélo": [
        "des pistes cyclables continues et sécurisées",
        "des arceaux pour garer les vélos",
        "une aide à l'achat d'un vélo électrique",
        "relier les communes par une voie cyclable",
        "des itinéraires vélo séparés des voitures",
    ],
    "bus": [
        "plus de bus le soir et le week-end",
        "une meilleure fréquence des bus",
        "des abribus avec les horaires en temps réel",
        "une ligne de bus vers la gare RER",
        "des bus moins bondés aux heures de pointe",
    ],
    "espaces verts": [
        "planter des arbres dans les rues",
        "créer de nouveaux parcs et jardins",
        "des espaces verts ombragés contre la chaleur",
        "protéger les bois et les berges de la Marne",
        "des jardins partagés au pied des immeubles",
    ],
    "propreté": [
        "plus de poubelles et des collectes plus fréquentes",
        "lutter contre les dépôts sauvages",
        "nettoyer les trottoirs plus souvent",
        "des composteurs collectifs dans chaque quartier",
        "verbaliser les dépôts d'ordures",
    ],
    "sécurité": [
        "plus d'éclairage public la nuit",
        "une police municipale plus présente",
        "sécuriser les abords des écoles",
        "des caméras aux endroits sensibles",
        "faire ralentir les voitures devant les écoles",
    ],
    "écoles": [
        "rénover les écoles et les cantines",
        "des classes moins chargées",
        "plus de places en crèche",
        "des repas bio à la cantine",
        "isoler les bâtiments scolaires contre le froid",
    ],
    "commerces": [
        "soutenir les commerces de proximité",
        "un marché le week-end",
        "éviter les vitrines vides en centre-ville",
        "des loyers commerciaux abordables",
        "des commerces ouverts le dimanche matin",
    ],
    "logement": [
        "des logements sociaux rénovés",
        "lutter contre les logements insalubres",
        "des loyers plus abordables pour les jeunes",
        "aider à isoler les logements",
        "limiter les constructions d'immeubles trop hauts",
    ],
    "santé": [
        "un centre de santé avec des médecins généralistes",
        "attirer de nouveaux médecins",
        "des rendez-vous médicaux plus rapides",
        "une maison de santé dans le quartier",
        "plus de pharmacies de garde",
    ],
    "numérique": [
        "un accompagnement pour les démarches en ligne",
        "des ateliers informatiques pour les seniors",
        "garder des guichets physiques à la mairie",
        "le très haut débit et la fibre partout",
        "des ordinateurs en accès libre à la médiathèque",
    ],
    "sport et culture": [
        "un nouveau gymnase et des terrains de sport",
        "une piscine ouverte plus tard",
        "des spectacles et concerts gratuits",
        "agrandir la médiathèque",
        "des activités sportives pour les adolescents",
    ],
    "stationnement": [
        "plus de places de parking près de la gare",
        "un stationnement gratuit pour les riverains",
        "moins de voitures garées sur les trottoirs",
        "un parking relais pour prendre le RER",
        "des places réservées pour les personnes handicapées",
    ],
    "bruit": [
        "réduire le bruit de la circulation",
        "des murs antibruit le long de l'autoroute",
        "limiter les nuisances sonores la nuit",
        "moins de bruit des avions",
        "des revêtements de route silencieux",
    ],
    "seniors": [
        "des activités pour les personnes âgées",
        "lutter contre l'isolement des seniors",
        "des résidences adaptées au vieillissement",
        "des visites à domicile pour les anciens",
        "un transport à la demande pour les personnes âgées",
    ],
    "énergie": [
        "des panneaux solaires sur les bâtiments publics",
        "éteindre l'éclairage des bureaux la nuit",
        "un réseau de chaleur par géothermie",
        "aider la rénovation énergétique des maisons",
        "réduire la consommation d'énergie de la commune",
    ],
    "jeunesse": [
        "un lieu pour les jeunes le soir",
        "des stages et premiers emplois pour les jeunes",
        "un conseil municipal des jeunes",
        "aider les étudiants à se loger",
        "des animations pendant les vacances scolaires",
    ],
}
OPENINGS = [
    "Il faudrait",
    "Je souhaite",
    "Nous demandons",
    "Ce serait bien d'avoir",
    "Priorité :",
    "Pour moi l'essentiel c'est",
    "Il manque",
    "Je propose",
    "Merci de prévoir",
    "",
]
CLOSINGS = [
    "",
    "",
    "dans mon quartier.",
    "à Créteil.",
    "près de chez moi.",
    "rapidement.",
    "pour tous.",
    "comme ailleurs.",
    "c'est urgent.",
    "merci d'avance.",
]
# Postcodes of the 16 GPSEA communes (référentiel COG 2026, codesPostaux).
POSTCODES = [
    "94000",
    "94140",
    "94370",
    "94380",
    "94420",
    "94430",
    "94440",
    "94450",
    "94470",
    "94490",
    "94510",
    "94520",
    "94880",
]


def answer(rng: random.Random, subject: str) -> str:
    phrases = SUBJECTS[subject]
    parts = [rng.choice(OPENINGS), rng.choice(phrases)]
    if rng.random() < 0.35:
        parts += ["et", rng.choice(phrases)]
    parts.append(rng.choice(CLOSINGS))
    text = " ".join(p for p in parts if p).strip()
    return text[0].upper() + text[1:]


def labelled_answers(n: int, seed: int = 0, subjects: list[str] | None = None) -> list[tuple[str, str]]:
    """``n`` (subject, answer) pairs, reproducible for a given seed."""
    rng = random.Random(seed)
    names = subjects or list(SUBJECTS)
    weights = [1.0 / (i + 1) ** 0.5 for i in range(len(names))]
    picked = rng.choices(names, weights=weights, k=n)
    return [(s, answer(rng, s)) for s in picked]


def postcode(rng: random.Random) -> str:
    return rng.choice(POSTCODES)
