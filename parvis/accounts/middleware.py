"""Sends a signed-in person whose role requires a second factor (PARVIS_2FA_REQUIRED_ROLES) to enrol it before
anything else; a session opened with password only cannot reach any other page or API endpoint meanwhile."""

from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from parvis.accounts.services.otp import has_second_factor, second_factor_required


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and second_factor_required(user):
            allowed = {
                reverse("accounts:two_factor"),
                reverse("accounts:logout"),
                reverse("accounts:login_code"),
            }
            if request.path not in allowed and not request.path.startswith("/static/"):
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": _("La double authentification est requise.")}, status=403)
                if has_second_factor(user):  # a session opened without the code (e.g. single sign-on)
                    logout(request)
                    messages.info(request, _("Connectez-vous avec votre mot de passe et votre code."))
                    return redirect("accounts:login")
                messages.warning(
                    request, _("Votre rôle impose la double authentification : activez-la pour continuer.")
                )
                return redirect("accounts:two_factor")
        return self.get_response(request)
