"""What the observatory holds about a person (RGPD): declared to ``accounts.rgpd``."""

from parvis.accounts.rgpd import Declaration, Processing, declare
from parvis.observatory.models import Indicator


def export(user) -> dict[str, list[dict]]:
    return {
        "indicateurs_crees": [
            {"indicateur": i.title, "date": i.created_at.isoformat()}
            for i in Indicator.objects.filter(created_by=user)
        ]
    }


declare(
    Declaration(
        app="observatory",
        processings=(
            Processing(
                name="Observatoire",
                purpose="Calculer et publier des indicateurs territoriaux à partir de données agrégées.",
                legal_basis="Mission d'intérêt public (art. 6.1.e RGPD).",
                people="Agents qui créent des indicateurs.",
                data="Auteur d'un indicateur ; aucune donnée personnelle dans les indicateurs (agrégats).",
                retention="Tant que l'indicateur existe ; l'auteur est retiré à la suppression du compte.",
                recipients="Public pour les indicateurs publiés.",
            ),
        ),
        export=export,
    )
)
