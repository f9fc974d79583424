"""Needs said in plain words, mapped to the standard's services."""

from dataclasses import dataclass

from parvis.translation import gettext_noop

from .vocab import fold


@dataclass(frozen=True)
class Need:
    key: str
    label: str
    services: tuple[str, ...]
    offline: bool = False  # the person wants help without internet: walk-in or phone
    keywords: tuple[str, ...] = ()


NEEDS = (
    Need(
        "demarches",
        gettext_noop("Faire mes démarches (CAF, impôts, retraite, santé, titre de séjour…)"),
        ("Aide aux démarches administratives",),
        keywords=(
            "demarche",
            "caf",
            "impot",
            "retraite",
            "ameli",
            "sante",
            "papiers",
            "dossier",
            "prefecture",
            "ants",
        ),
    ),
    Need(
        "apprendre",
        gettext_noop("Apprendre à me servir d'un ordinateur ou d'un téléphone"),
        (
            "Maîtrise des outils numériques du quotidien",
            "Compréhension du monde numérique",
            "Utilisation sécurisée du numérique",
        ),
        keywords=(
            "apprendre",
            "ordinateur",
            "telephone",
            "smartphone",
            "tablette",
            "mail",
            "courriel",
            "formation",
        ),
    ),
    Need(
        "equipement",
        gettext_noop("Avoir un ordinateur ou une connexion internet"),
        ("Accès internet et matériel informatique", "Acquisition de matériel informatique à prix solidaire"),
        keywords=(
            "internet",
            "wifi",
            "connexion",
            "imprimer",
            "imprimante",
            "scanner",
            "materiel",
            "acheter",
        ),
    ),
    Need(
        "emploi",
        gettext_noop("Chercher un emploi ou une formation"),
        ("Insertion professionnelle via le numérique",),
        keywords=("emploi", "travail", "cv", "france travail", "pole emploi", "chomage"),
    ),
    Need(
        "famille",
        gettext_noop("Accompagner mes enfants dans le numérique"),
        ("Parentalité et éducation avec le numérique",),
        keywords=("enfant", "parent", "ecole", "pronote", "ent"),
    ),
    Need(
        "loisirs",
        gettext_noop("Créer, me divertir avec le numérique"),
        ("Loisirs et créations numériques",),
        keywords=("photo", "video", "loisir", "jeu", "creer", "fablab"),
    ),
    Need(
        "sans-internet",
        gettext_noop("Être aidé sans internet (sur place ou par téléphone)"),
        (),  # any help, as long as it is given in person or by phone (see selectors._offline_ok)
        offline=True,
        keywords=("sans internet", "guichet", "papier", "accueil", "en personne"),
    ),
)
BY_KEY = {n.key: n for n in NEEDS}


def need_from_words(text: str) -> Need | None:
    """The need whose keywords best match free words; None when nothing matches."""
    folded = f" {fold(text)} "
    best, score = None, 0
    for need in NEEDS:
        hits = sum(1 for k in need.keywords if f" {k}" in folded)
        if hits > score:
            best, score = need, hits
    return best


# Ways to get the same help without internet, shown with every result and on the referral sheet.
OFFLINE_WAYS = (
    gettext_noop(
        "Venir sur place aux heures d'ouverture, avec vos papiers (pièce d'identité, courriers reçus, identifiants si vous les avez)."
    ),
    gettext_noop("Téléphoner au lieu pour demander un rendez-vous ou un conseil."),
    gettext_noop(
        "Demander un formulaire papier : la plupart des démarches (CAF, impôts, retraite, carte grise) en ont un, à retirer au guichet ou par courrier."
    ),
    gettext_noop(
        "Aller dans une maison France Services : un agent fait la démarche avec vous, gratuitement."
    ),
    gettext_noop("Appeler le 3939 « Allô Service Public » pour être orienté (prix d'un appel local)."),
)
