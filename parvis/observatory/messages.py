"""French messages for aggregation errors raised by ``lib.aggregate`` (kept out of the pure lib)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def aggregation_message(error) -> str:
    p = error.params
    texts = {
        "missing_column": _("La colonne « %(column)s » n’existe pas dans la ressource."),
        "no_codes": _(
            "La colonne « %(column)s » ne contient aucun code commune INSEE (exemple lu : « %(example)s »). "
            "Choisissez la colonne qui contient les codes à 5 caractères (94028, 2A004)."
        ),
        "mixed_levels": _(
            "La colonne « %(column)s » mélange des codes de communes (%(communes)s lignes) et des SIREN "
            "d’intercommunalités (%(siren)s lignes). Séparez-les ou choisissez le niveau « "
            "Intercommunalité »."
        ),
        "siren_in_commune_column": _(
            "La colonne « %(column)s » contient des SIREN d’intercommunalités : choisissez le "
            "niveau « Intercommunalité (SIREN) »."
        ),
        "mostly_unmatched": _(
            "Plus de la moitié des codes de la colonne « %(column)s » ne correspondent à aucun "
            "territoire (%(count)s lignes) : vérifiez la colonne et le niveau choisis."
        ),
        "unknown_aggregation": _("Agrégation inconnue : « %(aggregation)s »."),
        "duplicates_not_aggregable": _(
            "%(count)s codes apparaissent sur plusieurs lignes (%(codes)s…) alors que l’indicateur est déclaré "
            "non agrégeable : gardez une seule ligne par territoire ou choisissez une autre agrégation."
        ),
    }
    params = {"example": "", **p}
    return texts.get(error.key, _("Calcul impossible.")) % params


# Names of the five components of the IFN (France Services fragility index), shown on its page.
IFN_LABELS = {
    "no_thd_coverage_rate": gettext_lazy("Non-couverture en très haut débit fixe"),
    "no_4g_coverage_rate": gettext_lazy("Non-couverture en 4G"),
    "poverty_rate": gettext_lazy("Taux de pauvreté"),
    "older_65_rate": gettext_lazy("Part des 65 ans et plus"),
    "nscol15p_rate": gettext_lazy("Part des non ou peu diplômés"),
}
