"""Authentication of the JSON API: a Bearer token (machine clients), the pages' session, or nobody.

Every endpoint goes through these callables (``parvis.api`` sets them for the whole API; endpoints that need a
signed-in person use ``SIGNED_IN``). They also refuse a token passed in the address, check the token's scope
against the endpoint's app and method, and count every request, reads included, against a rate limit whose
state ``core.ratelimit.RateLimitHeadersMiddleware`` reports in the RateLimit header fields.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from parvis.accounts.services import client_ip
from parvis.accounts.services.tokens import (
    READ_METHODS,
    TokenError,
    acting_user,
    authenticate_token,
    scope_allows,
)
from parvis.core.ratelimit import Window, consume

API_PREFIX = "/api/"
QUERY_TOKEN_NAMES = ("token", "access_token", "api_key", "apikey", "jeton", "bearer")


class InvalidToken(Exception):
    """A Bearer token that is unknown, expired, revoked or malformed (401, French message)."""


class TokenInQueryString(Exception):
    """A token sent in the address, where logs and proxies keep it (400, French message)."""


class RateLimited(Exception):
    def __init__(self, window: Window):
        super().__init__("rate limited")
        self.window = window


def app_of(request) -> str:
    """The Parvis app whose router serves this API path: /api/<app>/…"""
    return request.path.removeprefix(API_PREFIX).split("/", 1)[0]


def _refuse_token_in_query(request) -> None:
    if any(name in request.GET for name in QUERY_TOKEN_NAMES):
        raise TokenInQueryString()


def _count(request, who: str) -> None:
    kind = "read" if request.method in READ_METHODS else "write"
    limit = settings.PARVIS_API_READ_LIMIT if kind == "read" else settings.PARVIS_API_WRITE_LIMIT
    window = consume(f"api:{kind}:{who}", limit, 60)
    request.ratelimit_window = window
    if not window.allowed:
        raise RateLimited(window)


class BearerToken(HttpBearer):
    """`Authorization: Bearer parvis_…`: a token created on « Mon compte › Jetons d'accès à l'API »."""

    def __call__(self, request):
        _refuse_token_in_query(request)
        header = request.headers.get("Authorization", "")
        if not header:
            return None
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise InvalidToken(
                gettext("En-tête Authorization invalide : utilisez « Authorization: Bearer <jeton> ».")
            )
        return self.authenticate(request, secret.strip())

    def authenticate(self, request, token):
        try:
            api_token = authenticate_token(token)
        except TokenError as exc:
            raise InvalidToken(str(exc)) from exc
        app = app_of(request)
        if not scope_allows(api_token.scopes, app, request.method):
            needed = f"{app}:read" if request.method in READ_METHODS else f"{app}:write"
            raise PermissionDenied(
                gettext("Ce jeton n'a pas la portée nécessaire ({scope}) : rien n'a été fait.").format(
                    scope=needed
                )
            )
        request.user = acting_user(api_token)
        request.api_token = api_token
        _count(request, f"token:{api_token.prefix}")
        return api_token


class SessionCookie(APIKeyCookie):
    """The session of a person signed in on the pages; writes need the CSRF token, as on the pages."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self):
        super().__init__(csrf=False)  # checked below, with a French message

    def authenticate(self, request, key):
        if request.headers.get("Authorization") or not request.user.is_authenticated:
            return None
        if request.method not in READ_METHODS and check_csrf(request) is not None:
            raise PermissionDenied(
                gettext("Jeton CSRF absent ou invalide : rechargez la page puis réessayez.")
            )
        _count(request, f"user:{request.user.pk}")
        return request.user


class Anonymous:
    """Nobody signed in: public endpoints answer, each one checking what an anonymous visitor may see."""

    def __call__(self, request):
        if request.headers.get("Authorization"):
            return None
        _count(request, f"ip:{client_ip(request)}")
        return "anonyme"


PUBLIC = [BearerToken(), SessionCookie(), Anonymous()]
SIGNED_IN = PUBLIC[:2]
