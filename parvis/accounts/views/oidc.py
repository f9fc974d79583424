"""Single sign-on pages: start at the provider, come back with a code, leave the provider's session on logout."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from parvis.accounts.services import oidc, otp
from parvis.accounts.views.auth import ask_for_code
from parvis.core.ratelimit import ratelimit

FLOWS = "parvis_oidc_flows"
LOGOUT = "parvis_oidc_logout"
BACKEND = "parvis.accounts.backends.EmailBackend"
MAX_FLOWS = 5


def _refused(request, message: str):
    return render(request, "accounts/oidc_refused.html", {"message": message}, status=400)


@ratelimit("accounts.oidc", limit=30, period=300, methods=("GET",))
def start(request, provider):
    redirect_uri = request.build_absolute_uri(reverse("accounts:oidc_callback", args=[provider]))
    try:
        started = oidc.start(provider, redirect_uri)
    except oidc.LoginRefused as exc:
        return _refused(request, str(exc))
    flows = request.session.get(FLOWS, {})
    flows = dict(list(flows.items())[-(MAX_FLOWS - 1) :])  # a few tabs at once, not an unbounded session
    flows[started.state] = started.flow
    request.session[FLOWS] = flows
    return redirect(started.url)


@ratelimit("accounts.oidc", limit=30, period=300, methods=("GET",))
def callback(request, provider):
    flows = request.session.get(FLOWS, {})
    flow = flows.pop(request.GET.get("state", ""), None)
    request.session[FLOWS] = flows
    if flow is None or flow["provider"] != provider:
        return _refused(
            request,
            _(
                "Cette réponse ne correspond à aucune connexion en cours (paramètre « state » inconnu ou déjà "
                "utilisé) : recommencez la connexion. Aucun accès n'a été accordé."
            ),
        )
    if request.GET.get("error") or not request.GET.get("code"):
        return _refused(request, _("La connexion a été annulée ou refusée par le fournisseur d'identité."))
    try:
        claims, id_token = oidc.finish(flow, request.GET["code"])
        user = oidc.user_for(provider, claims, current_user=request.user, request=request)
    except oidc.LoginRefused as exc:
        return _refused(request, str(exc))
    if otp.has_second_factor(user) and not request.user.is_authenticated:
        request.session[LOGOUT] = {"provider": provider, "id_token": id_token}
        return ask_for_code(request, user, BACKEND, settings.LOGIN_REDIRECT_URL)
    login(request, user, backend=BACKEND)
    request.session[LOGOUT] = {"provider": provider, "id_token": id_token}
    messages.success(
        request, _("Connecté avec %(provider)s.") % {"provider": oidc.provider(provider)["label"]}
    )
    return redirect(settings.LOGIN_REDIRECT_URL)


def provider_logout_url(request) -> str | None:
    """Read before the local logout empties the session: where the provider ends its own session."""
    signed_in_with = request.session.get(LOGOUT)
    if not signed_in_with or signed_in_with["provider"] not in settings.PARVIS_OIDC_PROVIDERS:
        return None
    home = request.build_absolute_uri(reverse("core:home"))
    return oidc.logout_url(signed_in_with["provider"], signed_in_with["id_token"], home)
