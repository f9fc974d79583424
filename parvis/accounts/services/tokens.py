"""API tokens for machine clients: shown once, stored as a SHA-256 digest, scoped per app and access, expiring,
revocable. A token for an organisation acts only within that organisation, never with instance-admin rights."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from parvis.accounts import policy
from parvis.accounts.models import ApiToken
from parvis.accounts.roles import Role
from parvis.accounts.services import audit

TOKEN_PREFIX = "parvis_"  # noqa: S105 (a public marker, not a secret)
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_DAYS = 366


class TokenError(Exception):
    """A token that cannot be used; the message is French and shown to the client."""


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def scope_allows(scopes: list[str], app: str, method: str) -> bool:
    """`app:write` allows every method on the app's endpoints; `app:read` only reading ones."""
    if f"{app}:write" in scopes:
        return True
    return method.upper() in READ_METHODS and f"{app}:read" in scopes


@transaction.atomic
def create_token(
    *, user, name: str, scopes: list[str], days: int, organisation=None, request=None
) -> NewToken:
    if organisation is not None and not policy.can(user, "accounts.manage_organisation", organisation):
        raise TokenError("Seul un gestionnaire de l'organisation peut créer un jeton pour elle.")
    if not 1 <= days <= MAX_DAYS:
        raise TokenError(f"La durée de validité doit être comprise entre 1 et {MAX_DAYS} jours.")
    prefix = secrets.token_hex(6)
    secret = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        organisation=organisation,
        name=name,
        prefix=prefix,
        digest=_digest(secret),
        scopes=sorted(set(scopes)),
        expires_at=timezone.now() + timedelta(days=days),
    )
    audit(
        actor=user,
        action="accounts.token.create",
        target=token,
        organisation=organisation,
        details={"portees": token.scopes, "expire": token.expires_at.isoformat()},
        request=request,
    )
    return NewToken(token=token, secret=secret)


def revoke_token(*, token: ApiToken, actor, request=None) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit(
            actor=actor,
            action="accounts.token.revoke",
            target=token,
            organisation=token.organisation,
            request=request,
        )


def authenticate_token(secret: str) -> ApiToken:
    """The live token for `secret`, with the user it acts as; TokenError (French) otherwise."""
    rest = secret.removeprefix(TOKEN_PREFIX)
    prefix = rest.split("_", 1)[0]
    token = ApiToken.objects.select_related("user", "organisation").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.digest, _digest(secret)):
        raise TokenError("Jeton d'accès inconnu.")
    if token.revoked_at is not None:
        raise TokenError("Ce jeton d'accès a été révoqué.")
    if token.expires_at <= timezone.now():
        raise TokenError("Ce jeton d'accès a expiré : créez-en un nouveau depuis « Mon compte ».")
    if not token.user.is_active:
        raise TokenError("Le compte qui a créé ce jeton est désactivé.")
    if token.organisation_id and not policy.has_role(token.user, token.organisation_id, Role.GESTIONNAIRE):
        raise TokenError("La personne qui a créé ce jeton n'est plus gestionnaire de l'organisation.")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def acting_user(token: ApiToken):
    """The user the request acts as. An organisation token keeps only the creator's role in that organisation
    (the policy reads the memberships it caches on the user object) and never instance-admin rights."""
    user = token.user
    if token.organisation_id:
        user.is_superuser = False  # in memory only, for this request; never saved
        # A per-request cache the policy reads (not a model field).
        user._parvis_memberships = [(token.organisation_id, Role.GESTIONNAIRE)]  # type: ignore[attr-defined]
    return user
