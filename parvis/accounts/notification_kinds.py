"""Every kind of notification mail Parvis sends: its subject, its template, and whether a person may turn it off.

Essential notifications (invitations, security events) always go out; the others can be turned off on the
preferences page. Templates live in ``accounts/mail/<template>.txt``; the HTML part is derived from the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # type-checking only: str or a lazy translation


@dataclass(frozen=True)
class NotificationKind:
    key: str
    subject: StrOrPromise  # %-formatted with the notification's context
    label: StrOrPromise  # shown on the preferences page
    essential: bool

    @property
    def template(self) -> str:
        return "accounts/mail/" + self.key.replace(".", "_") + ".txt"


KINDS = {
    kind.key: kind
    for kind in (
        NotificationKind(
            "invitation",
            _("Invitation à rejoindre %(organisation)s"),
            _("Invitations à rejoindre une organisation"),
            essential=True,
        ),
        NotificationKind(
            "security.password_changed",
            _("Votre mot de passe a été modifié"),
            _("Changement de mot de passe"),
            essential=True,
        ),
        NotificationKind(
            "security.two_factor_enabled",
            _("Double authentification activée"),
            _("Activation de la double authentification"),
            essential=True,
        ),
        NotificationKind(
            "security.two_factor_disabled",
            _("Double authentification désactivée"),
            _("Désactivation de la double authentification"),
            essential=True,
        ),
        NotificationKind(
            "security.recovery_code_used",
            _("Un code de secours a été utilisé"),
            _("Utilisation d'un code de secours"),
            essential=True,
        ),
        NotificationKind(
            "moderation.new_item",
            _("Un contenu attend une modération : %(process)s"),
            _("Nouveau contenu à modérer (modérateurs)"),
            essential=False,
        ),
        NotificationKind(
            "participation.proposal_answered",
            _("Réponse officielle à votre proposition « %(proposal)s »"),
            _("Réponse officielle à mes propositions"),
            essential=False,
        ),
        NotificationKind(
            "catalog.correction_decided",
            _("Votre proposition sur « %(dataset)s » : %(decision)s"),
            _("Décision sur mes corrections de données proposées"),
            essential=False,
        ),
        NotificationKind(
            "inclusion.report_decided",
            _("Votre signalement sur « %(place)s » : %(decision)s"),
            _("Décision sur mes signalements de lieux d'aide"),
            essential=False,
        ),
        NotificationKind(
            "inclusion.places_stale",
            _("Vos lieux d'aide sont-ils à jour ?"),
            _("Rappel des lieux d'aide non mis à jour depuis 12 mois"),
            essential=False,
        ),
    )
}


def optional_kinds() -> list[NotificationKind]:
    return [kind for kind in KINDS.values() if not kind.essential]
