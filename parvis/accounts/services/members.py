"""Members of an organisation: handing over the gestion; accounts switched off and on by the administrator."""

from django.db import transaction
from django.utils.translation import gettext as _

from parvis.accounts.models import Membership
from parvis.accounts.roles import Role
from parvis.accounts.services import MembershipError, audit, ensure_gestionnaire_remains


@transaction.atomic
def transfer_gestion(*, organisation, from_user, to_membership: Membership, request=None) -> None:
    """The gestionnaire `from_user` hands over to another member, then stays as a contributeur."""
    if to_membership.organisation_id != organisation.pk or to_membership.user_id == from_user.pk:
        raise MembershipError(_("Choisissez un autre membre de l'organisation."))
    if not to_membership.user.is_active:
        raise MembershipError(_("Ce compte est désactivé : il ne peut pas recevoir la gestion."))
    to_membership.role = Role.GESTIONNAIRE
    to_membership.save(update_fields=["role"])
    Membership.objects.filter(organisation=organisation, user=from_user).update(role=Role.CONTRIBUTEUR)
    audit(
        actor=from_user,
        action="accounts.organisation.transfer",
        target=to_membership.user,
        organisation=organisation,
        request=request,
    )


@transaction.atomic
def set_user_active(*, user, active: bool, actor, request=None) -> None:
    """Switches an account off (it can no longer log in; its contributions stay) or back on."""
    if user.pk == actor.pk:
        raise MembershipError(_("Vous ne pouvez pas désactiver votre propre compte."))
    if not active:
        for membership in user.memberships.select_related("organisation"):
            ensure_gestionnaire_remains(membership.organisation, user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit(
        actor=actor,
        action="accounts.user.reactivate" if active else "accounts.user.deactivate",
        target=user,
        request=request,
    )
