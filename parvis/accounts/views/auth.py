"""Login (password, then a one-time code when the person enrolled a second factor), signup, second factor."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from parvis.accounts.forms import LoginCodeForm, LoginForm, SignupForm
from parvis.accounts.models import User
from parvis.accounts.services import login as throttle
from parvis.accounts.services import otp
from parvis.accounts.services.signup import sign_up
from parvis.core.ratelimit import ratelimit

PENDING = "parvis_pending_login"
PENDING_SECONDS = 300
MAX_CODE_ATTEMPTS = 5


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not otp.has_second_factor(user):
            return super().form_valid(form)
        return ask_for_code(self.request, user, user.backend, self.get_success_url())


def ask_for_code(request, user, backend: str, next_url: str):
    """The first factor is right; the session is not logged in until the one-time code is given too."""
    request.session[PENDING] = {
        "user": user.pk,
        "backend": backend,
        "next": next_url,
        "started": time.time(),
        "attempts": 0,
    }
    return redirect("accounts:login_code")


def _pending_user(request):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["started"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None, None
    return User.objects.filter(pk=pending["user"], is_active=True).first(), pending


@ratelimit("accounts.login_code", limit=30, period=300)
def login_code(request):
    user, pending = _pending_user(request)
    if user is None:
        messages.error(
            request, _("Votre session de connexion a expiré : saisissez de nouveau votre mot de passe.")
        )
        return redirect("accounts:login")
    form = LoginCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = throttle.seconds_to_wait(user.email, request)
        device = None if wait else otp.verify_login_code(user, form.cleaned_data["code"])
        if device is not None:
            request.session.pop(PENDING, None)
            login(request, user, backend=pending["backend"])
            otp_login(request, device)
            throttle.clear_login_failures(user.email, request)
            if device.persistent_id.startswith("otp_static"):
                messages.warning(
                    request,
                    _("Code de secours utilisé : il ne fonctionnera plus. Il vous en reste %(count)s.")
                    % {"count": otp.remaining_recovery_codes(user)},
                )
            target = pending["next"]
            safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
            return redirect(target if safe else settings.LOGIN_REDIRECT_URL)
        if not wait:
            throttle.record_login_failure(user.email, request)
        pending["attempts"] += 1
        if pending["attempts"] >= MAX_CODE_ATTEMPTS:
            request.session.pop(PENDING, None)
            messages.error(request, _("Trop de codes erronés : saisissez de nouveau votre mot de passe."))
            return redirect("accounts:login")
        request.session[PENDING] = pending
        form.add_error(
            "code",
            _("Réessayez dans %(seconds)s secondes.") % {"seconds": wait}
            if wait
            else _("Code incorrect, expiré ou déjà utilisé. Aucun accès n'a été accordé."),
        )
    return render(request, "accounts/login_code.html", {"form": form})


@ratelimit("accounts.signup", limit=10, period=3600)
def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sign_up(
            email=form.cleaned_data["email"],
            display_name=form.cleaned_data["display_name"],
            postcode=form.cleaned_data["postcode"],
            password=form.cleaned_data["password"],
            request=request,
        )
        return render(request, "accounts/signup_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/signup.html", {"form": form})


@login_required
@ratelimit("accounts.two_factor", limit=20, period=300)
def two_factor(request):
    """Enrols, shows, renews or removes the second factor of the logged-in person."""
    user = request.user
    device = otp.confirmed_totp(user)
    form = LoginCodeForm(request.POST or None)
    context = {"device": device, "form": form, "required": otp.second_factor_required(user)}
    if device is None:
        pending = otp.pending_device(user)
        if request.method == "POST" and form.is_valid():
            codes = otp.confirm_enrolment(request, pending, form.cleaned_data["code"])
            if codes is not None:
                return render(request, "accounts/two_factor_codes.html", {"codes": codes})
            form.add_error("code", _("Code incorrect : vérifiez l'heure de votre téléphone et réessayez."))
        context.update(
            qr_code=otp.qr_code_svg(
                pending, _("Code QR à scanner avec votre application d'authentification")
            ),
            secret=otp.secret_for_manual_entry(pending),
        )
        return render(request, "accounts/two_factor.html", context)
    context["remaining"] = otp.remaining_recovery_codes(user)
    if request.method == "POST" and form.is_valid():
        if otp.verify_login_code(user, form.cleaned_data["code"]) is None:
            form.add_error("code", _("Code incorrect, expiré ou déjà utilisé : rien n'a été modifié."))
        elif request.POST.get("action") == "codes":
            return render(
                request, "accounts/two_factor_codes.html", {"codes": otp.regenerate_recovery_codes(request)}
            )
        elif request.POST.get("action") == "disable" and not context["required"]:
            otp.disable(request)
            messages.success(request, _("La double authentification est désactivée."))
            return redirect("accounts:profile")
    return render(request, "accounts/two_factor.html", context)
