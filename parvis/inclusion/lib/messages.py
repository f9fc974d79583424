"""Import/validation messages. French is the source language; the Django layer translates the
template with gettext before formatting, so these strings are only marked here (``gettext_noop``)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from parvis.translation import gettext_noop


@dataclass(frozen=True)
class Issue:
    line: int
    column: str
    value: str
    template: str
    params: dict[str, Any] = field(default_factory=dict)
    blocking: bool = False

    def render(self, translate: Callable[[str], str] = lambda s: s) -> str:
        return translate(self.template).format(**self.params)

    def as_dict(self, translate: Callable[[str], str] = lambda s: s) -> dict[str, Any]:
        return {
            "ligne": self.line,
            "colonne": self.column,
            "valeur": self.value[:200],
            "message": self.render(translate),
            "bloquant": self.blocking,
        }


MISSING = gettext_noop("Valeur obligatoire manquante.")
UNKNOWN_VALUE = gettext_noop("Valeur inconnue « {value} » : valeurs admises : {allowed}.")
BAD_POSTCODE = gettext_noop("Code postal invalide « {value} » : 5 chiffres attendus.")
PADDED_POSTCODE = gettext_noop(
    "Code « {value} » complété en « {fixed} » (zéro initial perdu par le tableur)."
)
BAD_INSEE = gettext_noop("Code INSEE invalide « {value} » : ignoré.")
BAD_DATE = gettext_noop("Date invalide « {value} » : format AAAA-MM-JJ ou JJ/MM/AAAA attendu.")
IMPOSSIBLE_DATE = gettext_noop(
    "Date de mise à jour impossible « {value} » (avant {earliest} ou dans le futur) : gardée mais signalée comme "
    "non fiable ; le lieu affiche « date de mise à jour inconnue »."
)
BAD_PIVOT = gettext_noop(
    "Identifiant SIRET/RNA/RIDET invalide « {value} » : 9 à 14 lettres ou chiffres attendus ; remplacé par {empty}."
)
NO_PIVOT = gettext_noop(
    "SIRET/RNA/RIDET absent : remplacé par {empty} (convention de la cartographie nationale)."
)
BAD_NUMBER = gettext_noop("Nombre invalide « {value} » : coordonnées ignorées.")
ONE_COORDINATE = gettext_noop(
    "Latitude et longitude doivent être renseignées ensemble : coordonnées ignorées."
)
SWAPPED = gettext_noop("Latitude et longitude inversées ({lat}, {lon}) : corrigées.")
OUTSIDE_FRANCE = gettext_noop("Coordonnées ({lat}, {lon}) hors de France : ignorées.")
BAD_PHONE = gettext_noop("Téléphone invalide « {value} » : ignoré (format attendu +33XXXXXXXXX).")
EXTRA_PHONES = gettext_noop("Plusieurs téléphones : le premier est gardé, les autres ({rest}) sont ignorés.")
BAD_URL = gettext_noop(
    "Adresse web invalide « {value} » : seules les adresses http:// ou https:// sont acceptées."
)
BAD_EMAIL = gettext_noop("Courriel invalide « {value} » : ignoré.")
TOO_LONG = gettext_noop("Texte trop long ({length} caractères, maximum {maximum}) : tronqué.")
NO_COLUMNS = gettext_noop(
    "Ce fichier ne suit pas le standard des lieux de médiation numérique : colonnes obligatoires "
    "absentes ({missing}). Colonnes trouvées : {found}."
)
UNREADABLE = gettext_noop("Fichier illisible : {reason}.")
EMPTY_FILE = gettext_noop("Le fichier ne contient aucune ligne de données.")
DUPLICATE_ID = gettext_noop(
    "Identifiant « {value} » déjà présent à la ligne {first} du fichier : ligne ignorée."
)
NO_SERVICE = gettext_noop("Aucun service reconnu pour ce lieu.")
OTHER_ORGANISATION = gettext_noop(
    "Le lieu « {value} » est publié par une autre organisation : votre mise à jour est soumise à modération."
)
OTHER_ORGANISATION_NO_ACTOR = gettext_noop(
    "Le lieu « {value} » est publié par une organisation : importez-le depuis un compte de cette organisation."
)
