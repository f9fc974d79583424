"""Single sign-on with OpenID Connect providers (ProConnect for agents, FranceConnect for residents…).

Authorization code flow with PKCE, `state` and `nonce`; the ID token's signature, issuer, audience, nonce and,
when the instance asks for eIDAS levels (`acr_values`), its `acr` are checked. A person is recognised by the
provider's stable subject (`sub`), never by an e-mail address: `email_verified` is not trusted unless the
instance says so for that provider. An agent's organisation is derived from the `siret` claim when it matches
a known organisation. Every refusal is a LoginRefused with a French message; nothing is granted then.
"""

import base64
import hashlib
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from parvis.accounts.models import ExternalIdentity, Membership, Organisation, User
from parvis.accounts.services import audit
from parvis.core.lib import lazy

# Loaded at the first sign-in through a provider, not in every web process at start.
jwt = lazy.module("jwt")
requests = lazy.module("requests")

TIMEOUT = 10
DISCOVERY_SECONDS = 3600


class LoginRefused(Exception):
    """A single sign-on that must not open a session; the message is French, for the person."""


@dataclass(frozen=True)
class Started:
    url: str
    state: str
    flow: dict  # kept in the session until the provider answers


def provider(name: str) -> dict:
    config = settings.PARVIS_OIDC_PROVIDERS.get(name)
    if config is None:
        raise LoginRefused("Ce fournisseur d'identité n'est pas configuré sur cette instance.")
    return config


def metadata(name: str) -> dict:
    """The provider's discovery document (endpoints, issuer), cached an hour."""
    key = f"oidc:metadata:{name}"
    document = cache.get(key)
    if document is None:
        try:
            response = requests.get(provider(name)["discovery_url"], timeout=TIMEOUT)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise LoginRefused("Le fournisseur d'identité ne répond pas : réessayez plus tard.") from exc
        cache.set(key, document, DISCOVERY_SECONDS)
    return document


def start(name: str, redirect_uri: str) -> Started:
    config, document = provider(name), metadata(name)
    state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    params = {
        "response_type": "code",
        "client_id": config["client_id"],
        "redirect_uri": redirect_uri,
        "scope": config["scopes"],
        "state": state,
        "nonce": nonce,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    if config["acr_values"]:
        params["acr_values"] = " ".join(config["acr_values"])
    if config["prompt"]:
        params["prompt"] = config["prompt"]
    flow = {"provider": name, "nonce": nonce, "verifier": verifier, "redirect_uri": redirect_uri}
    return Started(url=f"{document['authorization_endpoint']}?{urlencode(params)}", state=state, flow=flow)


def _decode(name: str, token: str, *, nonce: str | None = None) -> dict:
    config, document = provider(name), metadata(name)
    try:
        key = jwt.PyJWKClient(document["jwks_uri"], timeout=TIMEOUT).get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token,
            key.key,
            algorithms=["RS256", "ES256", "PS256"],
            audience=config["client_id"],
            issuer=document["issuer"],
        )
    except (jwt.PyJWTError, requests.RequestException) as exc:
        raise LoginRefused("La réponse du fournisseur d'identité est invalide : connexion refusée.") from exc
    if nonce is not None and claims.get("nonce") != nonce:
        raise LoginRefused("La réponse du fournisseur d'identité ne correspond pas à cette connexion.")
    return claims


def finish(flow: dict, code: str) -> tuple[dict, str]:
    """Exchanges the code; returns the checked claims (ID token, then user info) and the raw ID token."""
    name = flow["provider"]
    config, document = provider(name), metadata(name)
    try:
        response = requests.post(
            document["token_endpoint"],
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": flow["redirect_uri"],
                "client_id": config["client_id"],
                "client_secret": config["client_secret"],
                "code_verifier": flow["verifier"],
            },
            timeout=TIMEOUT,
        )
        response.raise_for_status()
        tokens = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise LoginRefused("Le fournisseur d'identité a refusé la connexion : réessayez.") from exc
    id_token = tokens.get("id_token", "")
    claims = _decode(name, id_token, nonce=flow["nonce"])
    if config["acr_values"] and claims.get("acr") not in config["acr_values"]:
        raise LoginRefused(
            "Le niveau de garantie de l'identité fourni ("
            + str(claims.get("acr") or "aucun")
            + ") est insuffisant pour cette instance : connexion refusée."
        )
    if document.get("userinfo_endpoint") and tokens.get("access_token"):
        claims = {
            **claims,
            **_userinfo(name, document["userinfo_endpoint"], tokens["access_token"], claims["sub"]),
        }
    return claims, id_token


def _userinfo(name: str, endpoint: str, access_token: str, sub: str) -> dict:
    try:
        response = requests.get(
            endpoint, headers={"Authorization": f"Bearer {access_token}"}, timeout=TIMEOUT
        )
        response.raise_for_status()
    except requests.RequestException as exc:
        raise LoginRefused("Le fournisseur d'identité n'a pas transmis votre profil : réessayez.") from exc
    # FranceConnect and ProConnect answer with a signed JWT; others with JSON.
    if response.headers.get("Content-Type", "").startswith("application/jwt"):
        info = _decode(name, response.text)
    else:
        info = response.json()
    if info.get("sub") != sub:
        raise LoginRefused("La réponse du fournisseur d'identité est incohérente : connexion refusée.")
    return info


def display_name(claims: dict) -> str:
    given = claims.get("given_name", "")
    family = claims.get("usual_name") or claims.get("family_name", "")
    return f"{given} {family}".strip()[:150] or claims.get("name", "")[:150]


@transaction.atomic
def user_for(name: str, claims: dict, *, current_user=None, request=None) -> User:
    """The Parvis account of this identity: linked by `sub`; linked to the signed-in person when they start the
    flow from their account; else created. Never matched by an unverified e-mail address."""
    config = provider(name)
    identity = (
        ExternalIdentity.objects.select_related("user").filter(provider=name, subject=claims["sub"]).first()
    )
    if identity is not None:
        user = identity.user
    elif current_user is not None and current_user.is_authenticated:
        user = current_user
    else:
        user = _new_or_trusted_user(name, config, claims)
    if not user.is_active:
        raise LoginRefused("Ce compte est désactivé.")
    if identity is None:
        identity = ExternalIdentity.objects.create(user=user, provider=name, subject=claims["sub"])
        audit(
            actor=user,
            action="accounts.oidc.link",
            target=user,
            details={"fournisseur": name},
            request=request,
        )
    identity.last_login_at = timezone.now()
    identity.save(update_fields=["last_login_at"])
    _join_organisation_of_siret(user, config, claims, request)
    return user


def _new_or_trusted_user(name: str, config: dict, claims: dict) -> User:
    email = (claims.get("email") or "").strip().lower()
    if not email:
        raise LoginRefused(
            "Le fournisseur d'identité n'a pas transmis d'adresse électronique : connexion refusée."
        )
    if claims.get("email_verified") is False:
        raise LoginRefused(
            "Le fournisseur d'identité n'a pas vérifié votre adresse électronique : connexion refusée. "
            "Aucun compte n'a été créé ni relié."
        )
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        if config["trust_email_verified"] and claims.get("email_verified") is True:
            return existing
        raise LoginRefused(
            "Un compte Parvis existe déjà avec cette adresse : connectez-vous avec votre mot de passe, puis "
            "reliez ce fournisseur d'identité depuis « Mon compte ». Aucun accès n'a été accordé."
        )
    user = User.objects.create_user(
        email=email,
        display_name=display_name(claims),
        email_verified=bool(config["trust_email_verified"] and claims.get("email_verified")),
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user


def _join_organisation_of_siret(user, config: dict, claims: dict, request) -> None:
    siret = "".join(ch for ch in str(claims.get("siret") or "") if ch.isdigit())
    if not (config["siret_role"] and len(siret) == 14):
        return
    organisation = Organisation.objects.filter(siret=siret).first()
    if organisation is None or Membership.objects.filter(user=user, organisation=organisation).exists():
        return
    Membership.objects.create(user=user, organisation=organisation, role=config["siret_role"])
    audit(
        actor=user,
        action="accounts.oidc.siret_membership",
        target=user,
        organisation=organisation,
        details={"siret": siret, "role": config["siret_role"]},
        request=request,
    )


def logout_url(name: str, id_token: str, post_logout_redirect_uri: str) -> str | None:
    """Where to send the browser so the provider closes its session too (RP-initiated logout), if it can."""
    try:
        endpoint = metadata(name).get("end_session_endpoint")
    except LoginRefused:
        return None
    if not endpoint:
        return None
    params = {
        "id_token_hint": id_token,
        "post_logout_redirect_uri": post_logout_redirect_uri,
        "state": secrets.token_urlsafe(16),
    }
    return f"{endpoint}?{urlencode(params)}"
