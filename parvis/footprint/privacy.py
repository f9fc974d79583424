"""What the footprint app holds about a person (RGPD): declared to ``accounts.rgpd``."""

from parvis.accounts.rgpd import Declaration, Processing, declare
from parvis.footprint.models import SiteAudit


def export(user) -> dict[str, list[dict]]:
    return {
        "audits_demandes": [
            {"site": a.site.name, "date": a.created_at.isoformat()}
            for a in SiteAudit.objects.filter(requested_by=user).select_related("site")
        ]
    }


declare(
    Declaration(
        app="footprint",
        processings=(
            Processing(
                name="Sobriété et accessibilité des sites",
                purpose="Mesurer l'empreinte (EcoIndex) et l'accessibilité des sites publics du territoire.",
                legal_basis="Mission d'intérêt public (art. 6.1.e RGPD).",
                people="Agents qui demandent un audit.",
                data="Auteur et date d'une demande d'audit ; aucune donnée des visiteurs des sites audités.",
                retention="Tant que le site est suivi ; l'auteur est retiré à la suppression du compte.",
                recipients="Agents ; public pour le classement publié.",
            ),
        ),
        export=export,
    )
)
