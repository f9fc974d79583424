"""Writes of the accounts app: audit log, login throttling, organisations, RGPD export/erasure."""

import json
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from parvis.accounts.models import AuditEvent, LoginFailure, Membership, Organisation, User
from parvis.core.clientip import client_address
from parvis.core.lib.slugs import slugify


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


def _lockout_window():
    return timezone.now() - timedelta(minutes=settings.PARVIS_LOGIN_LOCKOUT_MINUTES)


def is_locked_out(email: str) -> bool:
    recent = LoginFailure.objects.filter(email=email.lower(), created_at__gte=_lockout_window()).count()
    return recent >= settings.PARVIS_LOGIN_MAX_FAILURES


def record_login_failure(email: str, request=None) -> None:
    LoginFailure.objects.create(email=email.lower()[:254], ip_address=client_ip(request))
    if is_locked_out(email):
        user = User.objects.filter(email=email.lower()).first()
        if user is not None:
            audit(actor=None, action="accounts.user.locked_out", target=user, request=request)


def clear_login_failures(email: str) -> None:
    LoginFailure.objects.filter(email=email.lower()).delete()


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
    membership, _ = Membership.objects.update_or_create(
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
    audit(
        actor=actor,
        action="accounts.membership.remove",
        target=membership.user,
        organisation=membership.organisation,
        details={"role": membership.role},
        request=request,
    )
    membership.delete()


def export_personal_data(user) -> str:
    """RGPD right of access: everything Parvis keeps about the person, as JSON."""
    data = {
        "compte": {
            "adresse_electronique": user.email,
            "nom_affiche": user.display_name,
            "code_postal": user.postcode,
            "inscription": user.date_joined.isoformat(),
            "derniere_connexion": user.last_login.isoformat() if user.last_login else None,
        },
        "organisations": [
            {"organisation": m.organisation.name, "role": m.role}
            for m in user.memberships.select_related("organisation")
        ],
        "journal": [
            {"date": e.created_at.isoformat(), "action": e.action, "objet": e.target_label}
            for e in AuditEvent.objects.filter(actor=user)[:1000]
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


@transaction.atomic
def erase_account(*, user, request=None) -> None:
    """RGPD right to erasure: the account goes; audit entries keep the action but lose the identity."""
    audit(actor=None, action="accounts.user.erase", details={"user_id": user.pk}, request=request)
    AuditEvent.objects.filter(actor=user).update(actor=None, actor_label="compte supprimé")
    LoginFailure.objects.filter(email=user.email).delete()
    user.delete()


def ensure_resident(*, email: str, display_name: str, postcode: str) -> User:
    """The resident account with this address, created verified and without a password when missing (demo data)."""
    user, created = User.objects.get_or_create(
        email=email, defaults={"display_name": display_name, "email_verified": True, "postcode": postcode}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
