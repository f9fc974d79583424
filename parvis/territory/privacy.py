"""What the territory app holds about a person (RGPD): declared to ``accounts.rgpd``."""

from parvis.accounts.rgpd import Declaration, Processing, declare
from parvis.territory.models import Territory


def export(user) -> dict[str, list[dict]]:
    return {
        "territoires_personnalises": [
            {"territoire": t.name} for t in Territory.objects.filter(created_by=user)
        ]
    }


declare(
    Declaration(
        app="territory",
        processings=(
            Processing(
                name="Référentiel des territoires",
                purpose="Décrire les communes et territoires personnalisés utilisés par les autres modules.",
                legal_basis="Mission d'intérêt public (art. 6.1.e RGPD).",
                people="Agents qui créent un territoire personnalisé.",
                data="Auteur d'un territoire personnalisé.",
                retention="Tant que le territoire existe ; l'auteur est retiré à la suppression du compte.",
                recipients="Agents de l'instance.",
            ),
        ),
        export=export,
    )
)
