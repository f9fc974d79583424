"""What the catalogue holds about a person (RGPD): declared to ``accounts.rgpd``."""

from datetime import timedelta

from django.utils import timezone

from parvis.accounts.rgpd import Declaration, Processing, declare
from parvis.catalog.models import CorrectionStatus, Dataset, ResourceVersion, RowCorrection

RETENTION = timedelta(days=365)


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
        "corrections_proposees": [
            {
                "ressource": c.resource.title,
                "ligne": c.line,
                "valeurs_proposees": c.proposed,
                "commentaire": c.comment,
                "etat": c.get_status_display(),
                "date": c.created_at.isoformat(),
            }
            for c in RowCorrection.objects.filter(author=user).select_related("resource")
        ],
    }


def erase(user) -> None:
    """A person's proposals stay (the data they corrected does) without their address or comment."""
    RowCorrection.objects.filter(author=user).update(email="", comment="", author=None)


def purge() -> dict[str, int]:
    """Decided proposals are kept 12 months, then go (the versions they made stay, with their note)."""
    old = timezone.now() - RETENTION
    decided = RowCorrection.objects.exclude(status=CorrectionStatus.PENDING).filter(reviewed_at__lt=old)
    return {"corrections_traitees": decided.delete()[0]}


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
            Processing(
                name="Corrections de données proposées par le public",
                purpose="Recevoir les erreurs signalées et les corrections proposées sur les lignes des jeux de "
                "données, les examiner et prévenir la personne de la décision.",
                legal_basis="Mission d'intérêt public (art. 6.1.e RGPD).",
                people="Toute personne qui signale une erreur, avec ou sans compte.",
                data="Valeurs proposées, commentaire, courriel facultatif pour être prévenu, compte s'il y en a un.",
                retention="12 mois après la décision ; la version créée garde seulement la mention « proposée par ».",
                recipients="Éditeurs de l'organisation propriétaire du jeu.",
            ),
        ),
        export=export,
        erase=erase,
        purge=purge,
    )
)
