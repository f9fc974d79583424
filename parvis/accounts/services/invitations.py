"""Invitations by e-mail: a signed link that works once, until it expires, for the invited address only."""

import secrets
from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from parvis.accounts.models import Invitation, User
from parvis.accounts.roles import Role
from parvis.accounts.services import MembershipError, audit, set_membership
from parvis.accounts.services.notifications import absolute_url, notify

SALT = "parvis.accounts.invitation"
VALID_FOR = timedelta(days=7)


class InvitationError(MembershipError):
    """The link cannot be used; the message says why, in French, and nothing was granted."""


def make_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=SALT, compress=True)


@transaction.atomic
def invite(*, organisation, email: str, role: str, actor, request=None) -> Invitation:
    """Records the invitation, audits it and mails the link (valid 7 days, single use)."""
    email = email.strip().lower()
    Invitation.objects.filter(
        organisation=organisation, email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        nonce=secrets.token_hex(16),
        invited_by=actor,
        expires_at=timezone.now() + VALID_FOR,
    )
    audit(
        actor=actor,
        action="accounts.invitation.create",
        target=invitation,
        organisation=organisation,
        details={"role": role},
        request=request,
    )
    notify(
        email,
        "invitation",
        {
            "inviter": actor.display_name or actor.email,
            "organisation": organisation.name,
            "role": Role(role).label,
            "expires": formats.date_format(timezone.localtime(invitation.expires_at), "DATETIME_FORMAT"),
            "link": absolute_url(reverse("accounts:invitation", args=[make_token(invitation)])),
        },
        key=f"invitation:{invitation.pk}",
    )
    return invitation


def resolve(token: str) -> Invitation:
    """The invitation behind a link, or InvitationError saying why it cannot be used."""
    try:
        data = signing.loads(token, salt=SALT, max_age=VALID_FOR)
    except signing.SignatureExpired:
        raise InvitationError(
            _("Ce lien d'invitation a expiré. Demandez une nouvelle invitation au gestionnaire.")
        ) from None
    except signing.BadSignature:
        raise InvitationError(
            _("Ce lien d'invitation n'est pas valide : vérifiez qu'il est complet.")
        ) from None
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(pk=data.get("i"), nonce=data.get("n"))
        .first()
    )
    if invitation is None:
        raise InvitationError(_("Ce lien d'invitation n'est pas valide : vérifiez qu'il est complet."))
    if invitation.accepted_at is not None:
        raise InvitationError(_("Cette invitation a déjà été utilisée : elle ne sert qu'une fois."))
    if invitation.revoked_at is not None:
        raise InvitationError(_("Cette invitation a été annulée ou remplacée par une plus récente."))
    if invitation.expires_at <= timezone.now():
        raise InvitationError(
            _("Ce lien d'invitation a expiré. Demandez une nouvelle invitation au gestionnaire.")
        )
    return invitation


@transaction.atomic
def accept(*, token: str, user, request=None) -> Invitation:
    """Grants the role to `user`, whose address must be the invited one; the link is then spent."""
    invitation = resolve(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:  # accepted by a concurrent request since `resolve`
        raise InvitationError(_("Cette invitation a déjà été utilisée : elle ne sert qu'une fois."))
    if user.email.lower() != invitation.email:
        raise InvitationError(
            _("Cette invitation est adressée à %(email)s : connectez-vous avec cette adresse.")
            % {"email": invitation.email}
        )
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if not user.email_verified:  # the link reached this address: it is verified
        user.email_verified = True
        user.save(update_fields=["email_verified"])
    set_membership(user=user, organisation=invitation.organisation, role=invitation.role)
    audit(
        actor=user,
        action="accounts.invitation.accept",
        target=invitation,
        organisation=invitation.organisation,
        details={"role": invitation.role},
        request=request,
    )
    return invitation


@transaction.atomic
def accept_with_new_account(*, token: str, password: str, display_name: str = "", request=None):
    """Creates the account of the invited address (the link proves it is theirs), then accepts."""
    invitation = resolve(token)
    if User.objects.filter(email=invitation.email).exists():
        raise InvitationError(
            _("Un compte existe déjà pour %(email)s : connectez-vous pour accepter.")
            % {"email": invitation.email}
        )
    user = User.objects.create_user(
        email=invitation.email, password=password, display_name=display_name, email_verified=True
    )
    accept(token=token, user=user, request=request)
    return user


@transaction.atomic
def revoke(*, invitation: Invitation, actor, request=None) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit(
            actor=actor,
            action="accounts.invitation.revoke",
            target=invitation,
            organisation=invitation.organisation,
            request=request,
        )
