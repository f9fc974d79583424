"""What the inclusion app holds about a person (RGPD): declared to ``accounts.rgpd``."""

from datetime import timedelta

from django.utils import timezone

from parvis.accounts.rgpd import Declaration, Processing, declare
from parvis.inclusion.models import ImportBatch, PlaceReport, PlaceSubmission, SubmissionStatus

RETENTION = timedelta(days=365)


def export(user) -> dict[str, list[dict]]:
    return {
        "lieux_declares": [
            {
                "lieu": s.data.get("nom", ""),
                "etat": s.get_status_display(),
                "fiche": s.data,
                "date": s.created_at.isoformat(),
            }
            for s in PlaceSubmission.objects.filter(submitted_by=user)
        ],
        "imports_de_lieux": [
            {"fichier": b.filename, "date": b.created_at.isoformat()}
            for b in ImportBatch.objects.filter(created_by=user)
        ],
        "signalements_de_lieux": [
            {
                "lieu": r.place.nom,
                "valeurs_proposees": r.proposed,
                "commentaire": r.comment,
                "etat": r.get_status_display(),
                "date": r.created_at.isoformat(),
            }
            for r in PlaceReport.objects.filter(author=user).select_related("place")
        ],
    }


def erase(user) -> None:
    PlaceReport.objects.filter(author=user).update(email="", comment="", author=None)


def purge() -> dict[str, int]:
    """Decided declarations are kept 12 months, then go (the places themselves stay)."""
    old = timezone.now() - RETENTION
    decided = PlaceSubmission.objects.exclude(status=SubmissionStatus.PENDING).filter(reviewed_at__lt=old)
    reports = PlaceReport.objects.exclude(status=SubmissionStatus.PENDING).filter(reviewed_at__lt=old)
    return {"declarations_traitees": decided.delete()[0], "signalements_traites": reports.delete()[0]}


declare(
    Declaration(
        app="inclusion",
        processings=(
            Processing(
                name="Lieux d'aide numérique",
                purpose="Publier les lieux d'aide au numérique et leurs mises à jour déclarées par les "
                "partenaires ; rappeler aux partenaires les fiches anciennes.",
                legal_basis="Mission d'intérêt public (art. 6.1.e RGPD).",
                people="Agents et partenaires qui déclarent ou importent des lieux.",
                data="Auteur et date de la déclaration ou de l'import ; coordonnées professionnelles des lieux.",
                retention="Déclarations traitées : 12 mois après la décision ; lieux : tant qu'ils sont publiés.",
                recipients="Public pour les lieux publiés ; gestionnaires pour les déclarations.",
            ),
            Processing(
                name="Signalements du public sur les lieux d'aide",
                purpose="Recevoir les erreurs signalées sur les fiches des lieux, les examiner et prévenir la "
                "personne de la décision.",
                legal_basis="Mission d'intérêt public (art. 6.1.e RGPD).",
                people="Toute personne qui signale une erreur, avec ou sans compte.",
                data="Valeurs proposées, commentaire, courriel facultatif pour être prévenu, compte s'il y en a un.",
                retention="12 mois après la décision.",
                recipients="Gestionnaires de la collectivité.",
            ),
            Processing(
                name="Recherche d'un lieu d'aide",
                purpose="Trouver le lieu d'aide le plus proche d'une adresse.",
                legal_basis="Mission d'intérêt public (art. 6.1.e RGPD).",
                people="Visiteurs du site.",
                data="Adresse saisie, utilisée pour la recherche puis oubliée (aucune conservation).",
                retention="Aucune : l'adresse géocodée reste au plus 10 minutes en mémoire.",
                recipients="Aucun.",
            ),
        ),
        export=export,
        erase=erase,
        purge=purge,
    )
)
