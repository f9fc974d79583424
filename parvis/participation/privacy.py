"""What the participation app holds about a person (RGPD): declared to ``accounts.rgpd``.

Erasure detaches the person from what they produced instead of deleting it: proposals, comments and answers
stay (without author), and every vote and support stays counted, so results never change after an erasure.
"""

from django.db import transaction

from parvis.accounts.rgpd import Declaration, Processing, declare, iso
from parvis.participation.models import (
    Ballot,
    Comment,
    Contribution,
    Proposal,
    Registration,
    Report,
    Resident,
    Support,
)


def export(user) -> dict[str, list[dict]]:
    return {
        "propositions": [
            {
                "demarche": p.process.title,
                "titre": p.title,
                "texte": p.body,
                "code_postal": p.postcode,
                "etat": p.get_status_display(),
                "soutiens": p.supports_count,
                "date": iso(p.created_at),
            }
            for p in Proposal.objects.filter(author=user).select_related("process")
        ],
        "commentaires": [
            {"proposition": c.proposal.title, "texte": c.body, "date": iso(c.created_at)}
            for c in Comment.objects.filter(author=user).select_related("proposal")
        ],
        "soutiens": [
            {"proposition": s.proposal.title, "date": iso(s.created_at)}
            for s in Support.objects.filter(user=user).select_related("proposal")
        ],
        "votes": [
            {
                "demarche": b.process.title,
                "projets": [p.title for p in b.projects.all()],
                "total_euros": b.total,
                "date": iso(b.created_at),
            }
            for b in Ballot.objects.filter(user=user).select_related("process").prefetch_related("projects")
        ],
        "reponses_aux_questionnaires": [
            {
                "demarche": c.process.title,
                "canal": c.get_channel_display(),
                "code_postal": c.postcode,
                "reponses": c.answers,
                "date": iso(c.created_at),
            }
            for c in Contribution.objects.filter(author=user).select_related("process")
        ],
        "inscriptions_aux_reunions": [
            {
                "reunion": r.meeting.title,
                "date_reunion": iso(r.meeting.starts_at),
                "date": iso(r.created_at),
            }
            for r in Registration.objects.filter(user=user).select_related("meeting")
        ],
        "residence_verifiee": [
            {"demarche": r.process.title, "code_postal": r.postcode, "date": iso(r.created_at)}
            for r in Resident.objects.filter(user=user).select_related("process")
        ],
        "signalements": [
            {
                "demarche": r.process.title,
                "motif": r.get_reason_display(),
                "precisions": r.details,
                "date": iso(r.created_at),
            }
            for r in Report.objects.filter(reporter=user).select_related("process")
        ],
    }


@transaction.atomic
def erase(user) -> None:
    Proposal.objects.filter(author=user).update(author=None)
    Comment.objects.filter(author=user).update(author=None)
    Contribution.objects.filter(author=user).update(author=None)
    Contribution.objects.filter(entered_by=user).update(entered_by=None)
    # Supports and ballots stay, anonymous: the support counters and the budget results do not move.
    Support.objects.filter(user=user).update(user=None)
    Ballot.objects.filter(user=user).update(user=None)


declare(
    Declaration(
        app="participation",
        processings=(
            Processing(
                name="Participation citoyenne",
                purpose="Recueillir et publier les contributions, propositions, commentaires, soutiens et votes "
                "des démarches participatives ; en faire la synthèse et y répondre.",
                legal_basis="Mission d'intérêt public (art. 6.1.e RGPD) ; consentement pour l'inscription.",
                people="Habitants et usagers inscrits ; personnes dont un agent saisit la contribution papier.",
                data="Nom affiché, code postal déclaré, textes des contributions, réponses aux questionnaires, "
                "soutiens, bulletins de vote, inscriptions aux réunions.",
                retention="Durée de la démarche puis archivage ; à la suppression du compte, les contributions "
                "sont anonymisées et les votes et soutiens restent comptés sans lien avec la personne.",
                recipients="Agents de l'organisation qui porte la démarche ; public pour les contenus publiés ; "
                "open data anonymisé (pseudonymes).",
            ),
            Processing(
                name="Modération",
                purpose="Traiter les signalements et les décisions de modération.",
                legal_basis="Mission d'intérêt public (art. 6.1.e RGPD).",
                people="Personnes qui signalent un contenu ; auteurs des contenus signalés.",
                data="Motif et précisions du signalement, décision et son motif.",
                retention="Durée de la démarche ; supprimés avec le compte de la personne qui signale.",
                recipients="Modérateurs de l'organisation qui porte la démarche.",
            ),
        ),
        export=export,
        erase=erase,
    )
)
