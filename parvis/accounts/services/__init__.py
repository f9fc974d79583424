"""Writes of the accounts app: audit log, organisations and memberships (login throttling is in
``services.login``, RGPD rights in ``services.rgpd``, second factor in ``services.otp``, API tokens in
``services.tokens``, OpenID Connect in ``services.oidc``)."""

from django.db import transaction
from django.utils.translation import gettext as _

from parvis.accounts.models import AuditEvent, Membership, Organisation, User
from parvis.accounts.roles import Role
from parvis.accounts.services.notifications import forget_address, notify  # noqa: F401  (public service)
from parvis.core.clientip import client_address
from parvis.core.lib.slugs import slugify


class MembershipError(ValueError):
    """A membership change that would break a rule; the message is French, for the person who asked."""


def ensure_gestionnaire_remains(organisation, leaving_user) -> None:
    """An organisation is never left without a gestionnaire: someone must hand over first."""
    others = Membership.objects.filter(
        organisation=organisation, role=Role.GESTIONNAIRE, user__is_active=True
    ).exclude(user=leaving_user)
    is_gestionnaire = Membership.objects.filter(
        organisation=organisation, user=leaving_user, role=Role.GESTIONNAIRE
    ).exists()
    if is_gestionnaire and not others.exists():
        raise MembershipError(
            _(
                "%(email)s est le dernier gestionnaire de %(organisation)s : transférez d'abord la gestion "
                "à un autre membre."
            )
            % {"email": leaving_user.email, "organisation": organisation.name}
        )


def client_ip(request) -> str | None:
    """The visitor's address, read through the trusted reverse proxies (PARVIS_TRUSTED_PROXIES)."""
    return client_address(request) if request is not None else None


def audit(*, actor, action: str, target=None, organisation=None, details: dict | None = None, request=None):
    """Records a sensitive action. `target` is any model instance (or None)."""
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_label=actor.email if authenticated else "anonyme",
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        organisation=organisation,
        ip_address=client_ip(request),
        details=details or {},
    )


def create_organisation(*, name: str, kind: str, territory_code: str = "", siren: str = "", actor=None):
    organisation, created = Organisation.objects.get_or_create(
        slug=slugify(name)[:80],
        defaults={"name": name, "kind": kind, "territory_code": territory_code, "siren": siren},
    )
    if created and actor is not None:
        audit(
            actor=actor, action="accounts.organisation.create", target=organisation, organisation=organisation
        )
    return organisation


@transaction.atomic
def set_membership(*, user, organisation, role: str, actor=None, request=None) -> Membership:
    if role != Role.GESTIONNAIRE:
        ensure_gestionnaire_remains(organisation, user)
    membership, _created = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    if actor is not None:
        audit(
            actor=actor,
            action="accounts.membership.set",
            target=user,
            organisation=organisation,
            details={"role": role},
            request=request,
        )
    return membership


@transaction.atomic
def remove_membership(*, membership: Membership, actor, request=None) -> None:
    ensure_gestionnaire_remains(membership.organisation, membership.user)
    audit(
        actor=actor,
        action="accounts.membership.remove",
        target=membership.user,
        organisation=membership.organisation,
        details={"role": membership.role},
        request=request,
    )
    membership.delete()


def ensure_resident(*, email: str, display_name: str, postcode: str) -> User:
    """The resident account with this address, created verified and without a password when missing (demo data)."""
    user, created = User.objects.get_or_create(
        email=email, defaults={"display_name": display_name, "email_verified": True, "postcode": postcode}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
