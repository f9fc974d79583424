"""Names and French messages of the Validata custom checks (see ``custom_checks.py``)."""

from __future__ import annotations

from parvis.translation import gettext_noop

CHECK_LABELS = {
    "french-siret-value": gettext_noop("numéro SIRET"),
    "french-siren-value": gettext_noop("numéro SIREN"),
    "one-of-required": gettext_noop("une des deux colonnes remplie"),
    "compare-columns-value": gettext_noop("comparaison de colonnes"),
    "sum-columns-value": gettext_noop("somme de colonnes"),
    "cohesive-columns-value": gettext_noop("colonnes remplies ensemble"),
    "year-interval-value": gettext_noop("année ou période"),
    "nomenclature-actes-value": gettext_noop("nomenclature Actes"),
    "french-gps-coordinates": gettext_noop("coordonnées GPS en France"),
    "phone-number-value": gettext_noop("numéro de téléphone"),
    "opening-hours-value": gettext_noop("horaires d'ouverture"),
}
OPERATORS = {
    ">": gettext_noop("supérieure à"),
    ">=": gettext_noop("supérieure ou égale à"),
    "==": gettext_noop("égale à"),
    "<=": gettext_noop("inférieure ou égale à"),
    "<": gettext_noop("inférieure à"),
}
MESSAGES = {
    "unknown-check": gettext_noop(
        "Schéma : le contrôle personnalisé « {check} » n'est pas connu de Parvis ; il n'a pas été appliqué."
    ),
    "unknown-column": gettext_noop(
        "Schéma : le contrôle « {label} » porte sur la colonne « {column} », que le schéma ne déclare pas ; "
        "ce contrôle n'a pas pu être appliqué."
    ),
    "bad-params": gettext_noop(
        "Schéma : le contrôle « {label} » est mal paramétré ({problem}) ; il n'a pas été appliqué."
    ),
    "siret-shape": gettext_noop(
        "Ligne {row}, colonne « {field} » : le SIRET {value} n'est pas valide (14 chiffres attendus)."
    ),
    "siret-key": gettext_noop(
        "Ligne {row}, colonne « {field} » : le SIRET {value} n'est pas valide (clé de contrôle)."
    ),
    "siren-shape": gettext_noop(
        "Ligne {row}, colonne « {field} » : le SIREN {value} n'est pas valide (9 chiffres attendus)."
    ),
    "siren-key": gettext_noop(
        "Ligne {row}, colonne « {field} » : le SIREN {value} n'est pas valide (clé de contrôle)."
    ),
    "one-of-required": gettext_noop(
        "Ligne {row} : au moins l'une des colonnes « {one} » ou « {two} » doit être remplie."
    ),
    "compare": gettext_noop(
        "Ligne {row} : la valeur de « {field} » ({value}) devrait être {operator} celle de « {other} » ({extra})."
    ),
    "not-comparable": gettext_noop(
        "Ligne {row} : la valeur de « {field} » ({value}) ne peut pas être comparée à celle de « {other} » "
        "({extra}) : l'une est un nombre, l'autre non."
    ),
    "sum": gettext_noop("Ligne {row} : « {field} » vaut {value}, mais la somme de {columns} fait {extra}."),
    "sum-not-integer": gettext_noop(
        "Ligne {row} : impossible de vérifier que « {field} » est la somme de {columns} : une des valeurs "
        "n'est pas un nombre entier."
    ),
    "cohesive": gettext_noop(
        "Ligne {row} : les colonnes {columns} doivent être toutes remplies ou toutes vides ({extra})."
    ),
    "year-format": gettext_noop(
        "Ligne {row}, colonne « {field} » : {value} n'a pas la forme attendue : {expected}."
    ),
    "year-same": gettext_noop(
        "Ligne {row}, colonne « {field} » : la période {value} n'est pas valide : les deux années doivent être différentes."
    ),
    "year-order": gettext_noop(
        "Ligne {row}, colonne « {field} » : la période {value} n'est pas valide : la deuxième année doit être "
        "postérieure à la première."
    ),
    "actes-slash": gettext_noop(
        "Ligne {row}, colonne « {field} » : {value} ne suit pas la nomenclature Actes : la barre oblique « / » "
        "après la matière manque (par exemple « Finances locales/Subventions »)."
    ),
    "actes-prefix": gettext_noop(
        "Ligne {row}, colonne « {field} » : {value} ne suit pas la nomenclature Actes : la matière « {extra} » "
        "n'en fait pas partie (par exemple « Commande publique », « Urbanisme », « Finances locales »)."
    ),
    "gps-outside": gettext_noop(
        "Ligne {row}, colonne « {field} » : le point {value} n'est pas en France (longitude puis latitude, en degrés décimaux)."
    ),
    "gps-reversed": gettext_noop(
        "Ligne {row}, colonne « {field} » : le point {value} semble inversé : la longitude doit venir avant la latitude."
    ),
    "phone": gettext_noop(
        "Ligne {row}, colonne « {field} » : {value} n'est pas un numéro de téléphone valide (un numéro français "
        "comme 01 23 45 67 89, un numéro court comme 3949, ou international comme +33 1 23 45 67 89)."
    ),
    "opening-hours": gettext_noop(
        "Ligne {row}, colonne « {field} » : {value} n'est pas une description d'horaires valide au format "
        "OpenStreetMap (par exemple « Mo-Fr 09:00-12:00,14:00-17:00 »)."
    ),
}
