"""French labels of the audit log's action keys, for every app (the keys stay stable in the database).

``parvis/accounts/tests/test_audit_labels.py`` reads every ``audit(action=…)`` call of the code and fails when
a key has no label here, so a new action cannot reach the log page as a raw English key.
"""

from django.utils.translation import gettext_lazy as _

LABELS = {
    # accounts
    "accounts.admin.create": _("Administrateur créé"),
    "accounts.admin.promote": _("Compte promu administrateur"),
    "accounts.audit.purge": _("Journal purgé (durée de conservation)"),
    "accounts.invitation.accept": _("Invitation acceptée"),
    "accounts.invitation.create": _("Invitation envoyée"),
    "accounts.invitation.revoke": _("Invitation annulée"),
    "accounts.membership.remove": _("Membre retiré"),
    "accounts.membership.set": _("Rôle d'un membre attribué"),
    "accounts.organisation.create": _("Organisation créée"),
    "accounts.organisation.transfer": _("Gestion de l'organisation transférée"),
    "accounts.organisation.update": _("Organisation modifiée"),
    "accounts.user.deactivate": _("Compte désactivé"),
    "accounts.user.erase": _("Compte supprimé (RGPD)"),
    "accounts.user.password_reset": _("Mot de passe réinitialisé"),
    "accounts.user.login_throttled": _("Connexion ralentie après des échecs depuis une même adresse"),
    "accounts.otp.enable": _("Double authentification activée"),
    "accounts.otp.disable": _("Double authentification désactivée"),
    "accounts.otp.recovery_used": _("Code de secours utilisé"),
    "accounts.otp.recovery_regenerate": _("Codes de secours renouvelés"),
    "accounts.token.create": _("Jeton d'accès à l'API créé"),
    "accounts.token.revoke": _("Jeton d'accès à l'API révoqué"),
    "accounts.oidc.link": _("Identité ProConnect ou FranceConnect reliée au compte"),
    "accounts.oidc.siret_membership": _(
        "Membre ajouté d'après le SIRET transmis par le fournisseur d'identité"
    ),
    "accounts.rgpd.purge": _("Données personnelles échues supprimées (RGPD)"),
    "accounts.user.reactivate": _("Compte réactivé"),
    "accounts.user.signup": _("Inscription"),
    "core.settings.update": _("Réglages de l'instance modifiés"),
    # territory
    "territory.custom.create": _("Territoire personnalisé créé"),
    "territory.custom.delete": _("Territoire personnalisé supprimé"),
    "territory.custom.update": _("Territoire personnalisé modifié"),
    "territory.referentiel.import": _("Référentiel des territoires importé"),
    # catalog
    "catalog.correction.accept": _("Correction proposée sur une ligne acceptée"),
    "catalog.correction.refuse": _("Correction proposée sur une ligne refusée"),
    "catalog.correction.submit": _("Erreur signalée ou correction proposée sur une ligne"),
    "catalog.dataset.access": _("Accès d'un jeu de données modifié"),
    "catalog.dataset.create": _("Jeu de données créé"),
    "catalog.dataset.delete": _("Jeu de données supprimé"),
    "catalog.dataset.publish": _("Jeu de données publié"),
    "catalog.dataset.unpublish": _("Jeu de données dépublié"),
    "catalog.resource.import": _("Fichier importé dans une ressource"),
    "catalog.resource.schema": _("Schéma d'une ressource attaché"),
    "catalog.version.make_current": _("Version de ressource rendue courante"),
    # observatory
    "observatory.dashboard.update": _("Tableau de bord modifié"),
    "observatory.indicator.create": _("Indicateur créé"),
    "observatory.indicator.delete": _("Indicateur supprimé"),
    "observatory.indicator.update": _("Indicateur modifié"),
    "observatory.ifn_scenario.create": _("Scénario de pondération de l'IFN enregistré"),
    "observatory.ifn_scenario.delete": _("Scénario de pondération de l'IFN supprimé"),
    "observatory.ifn_scenario.update": _("Scénario de pondération de l'IFN modifié"),
    # inclusion
    "inclusion.duplicate.distinct": _("Lieux marqués comme distincts"),
    "inclusion.import": _("Lieux d'aide importés"),
    "inclusion.report.accept": _("Signalement sur un lieu d'aide accepté"),
    "inclusion.report.refuse": _("Signalement sur un lieu d'aide refusé"),
    "inclusion.report.submit": _("Erreur signalée ou correction proposée sur un lieu d'aide"),
    "inclusion.place.approve": _("Lieu d'aide approuvé"),
    "inclusion.place.merge": _("Lieux d'aide fusionnés"),
    "inclusion.place.reject": _("Lieu d'aide refusé"),
    "inclusion.place.submit": _("Lieu d'aide proposé"),
    # footprint
    "footprint.audit.request": _("Audit de site demandé"),
    "footprint.site.create": _("Site ajouté"),
    "footprint.site.ranking": _("Classement des sites rendu public ou privé"),
    # participation
    "participation.contribution.enter_paper": _("Contribution papier saisie"),
    "participation.proposal.enter_paper": _("Proposition papier saisie"),
    "participation.support.enter_paper": _("Feuille de soutiens papier saisie"),
    "participation.ballot.enter_paper": _("Bulletin papier de budget participatif saisi"),
    "participation.import": _("Contributions importées"),
    "participation.meeting.save": _("Réunion enregistrée"),
    "participation.moderation.bannir": _("Participant exclu"),
    "participation.moderation.masquer": _("Contenu masqué"),
    "participation.moderation.retablir": _("Contenu rétabli"),
    "participation.opendata.publish": _("Contributions publiées en données ouvertes"),
    "participation.process.create": _("Concertation créée"),
    "participation.process.update": _("Concertation modifiée"),
    "participation.proposal.answer": _("Réponse officielle à une proposition"),
    "participation.resident.verify": _("Habitant vérifié"),
    "participation.synthesis.version": _("Synthèse calculée"),
}


def label(action: str) -> str:
    """The French label; an unknown key (an entry written by an older version) is shown as it is."""
    return str(LABELS.get(action, action))


def choices() -> list[tuple[str, str]]:
    return sorted(((key, str(text)) for key, text in LABELS.items()), key=lambda item: item[1])
