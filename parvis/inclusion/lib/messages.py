"""Import/validation messages. French is the source language; the Django layer translates the
template with gettext before formatting, so these strings are marked with `N_` (gettext_noop)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


def N_(text: str) -> str:  # noqa: N802 - gettext_noop marker, picked up by makemessages (--keyword=N_)
    return text


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


MISSING = N_("Valeur obligatoire manquante.")
UNKNOWN_VALUE = N_("Valeur inconnue « {value} » : valeurs admises : {allowed}.")
BAD_POSTCODE = N_("Code postal invalide « {value} » : 5 chiffres attendus.")
PADDED_POSTCODE = N_("Code « {value} » complété en « {fixed} » (zéro initial perdu par le tableur).")
BAD_INSEE = N_("Code INSEE invalide « {value} » : ignoré.")
BAD_DATE = N_("Date invalide « {value} » : format AAAA-MM-JJ ou JJ/MM/AAAA attendu.")
IMPOSSIBLE_DATE = N_(
    "Date de mise à jour impossible « {value} » (avant {earliest} ou dans le futur) : gardée mais signalée comme "
    "non fiable ; le lieu affiche « date de mise à jour inconnue »."
)
BAD_PIVOT = N_(
    "Identifiant SIRET/RNA/RIDET invalide « {value} » : 9 à 14 lettres ou chiffres attendus ; remplacé par {empty}."
)
NO_PIVOT = N_("SIRET/RNA/RIDET absent : remplacé par {empty} (convention de la cartographie nationale).")
BAD_NUMBER = N_("Nombre invalide « {value} » : coordonnées ignorées.")
ONE_COORDINATE = N_("Latitude et longitude doivent être renseignées ensemble : coordonnées ignorées.")
SWAPPED = N_("Latitude et longitude inversées ({lat}, {lon}) : corrigées.")
OUTSIDE_FRANCE = N_("Coordonnées ({lat}, {lon}) hors de France : ignorées.")
BAD_PHONE = N_("Téléphone invalide « {value} » : ignoré (format attendu +33XXXXXXXXX).")
EXTRA_PHONES = N_("Plusieurs téléphones : le premier est gardé, les autres ({rest}) sont ignorés.")
BAD_URL = N_("Adresse web invalide « {value} » : seules les adresses http:// ou https:// sont acceptées.")
BAD_EMAIL = N_("Courriel invalide « {value} » : ignoré.")
TOO_LONG = N_("Texte trop long ({length} caractères, maximum {maximum}) : tronqué.")
NO_COLUMNS = N_(
    "Ce fichier ne suit pas le standard des lieux de médiation numérique : colonnes obligatoires "
    "absentes ({missing}). Colonnes trouvées : {found}."
)
UNREADABLE = N_("Fichier illisible : {reason}.")
EMPTY_FILE = N_("Le fichier ne contient aucune ligne de données.")
DUPLICATE_ID = N_("Identifiant « {value} » déjà présent à la ligne {first} du fichier : ligne ignorée.")
NO_SERVICE = N_("Aucun service reconnu pour ce lieu.")
OTHER_ORGANISATION = N_(
    "Le lieu « {value} » est publié par une autre organisation : votre mise à jour est soumise à modération."
)
OTHER_ORGANISATION_NO_ACTOR = N_(
    "Le lieu « {value} » est publié par une organisation : importez-le depuis un compte de cette organisation."
)
