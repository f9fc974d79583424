"""What the catalogue holds about a person (RGPD): declared to ``accounts.rgpd``."""

from parvis.accounts.rgpd import Declaration, Processing, declare
from parvis.catalog.models import Dataset, ResourceVersion


def export(user) -> dict[str, list[dict]]:
    return {
        "jeux_de_donnees_crees": [
            {"jeu": d.title, "date": d.created_at.isoformat()}
            for d in Dataset.objects.filter(created_by=user)
        ],
        "versions_deposees": [
            {"ressource": v.resource.title, "fichier": v.source_name, "date": v.created_at.isoformat()}
            for v in ResourceVersion.objects.filter(created_by=user).select_related("resource")
        ],
    }


declare(
    Declaration(
        app="catalog",
        processings=(
            Processing(
                name="Catalogue de données",
                purpose="Publier et partager les jeux de données de la collectivité et de ses partenaires.",
                legal_basis="Obligation légale d'ouverture des données (code des relations entre le public et "
                "l'administration, art. L312-1) ; mission d'intérêt public.",
                people="Agents et partenaires qui déposent des données ; contacts nommés des jeux.",
                data="Auteur et date des jeux et versions déposés ; nom du contact d'un jeu.",
                retention="Tant que le jeu de données est publié ; l'auteur est retiré à la suppression du compte.",
                recipients="Public pour les jeux publics ; organisations avec qui un jeu restreint est partagé.",
            ),
        ),
        export=export,
    )
)
