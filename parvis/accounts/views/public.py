from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parvis.accounts import services
from parvis.accounts.models import User
from parvis.accounts.services.notifications import absolute_url
from parvis.accounts.tokens import read_email_token
from parvis.accounts.views.oidc import provider_logout_url


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.audit(
            actor=form.user, action="accounts.user.password_reset", target=form.user, request=self.request
        )
        services.notify(
            form.user,
            "security.password_changed",
            {"reset_link": absolute_url(reverse("accounts:password_reset"))},
            key=f"password-changed:{form.user.pk}:{form.user.password[-16:]}",
        )
        return response


@require_POST
def logout_view(request):
    at_provider = provider_logout_url(request)
    logout(request)
    return redirect(at_provider or "core:home")


def verify_email(request, token):
    data = read_email_token(token)
    user = User.objects.filter(pk=data["id"], email=data["email"]).first() if data else None
    if user is None:
        return render(request, "accounts/verify_failed.html", status=400)
    user.email_verified = True
    user.save(update_fields=["email_verified"])
    messages.success(request, _("Votre adresse électronique est confirmée."))
    return redirect("accounts:profile" if request.user.is_authenticated else "accounts:login")


@login_required
def profile(request):
    memberships = request.user.memberships.select_related("organisation").order_by("organisation__name")
    return render(request, "accounts/profile.html", {"memberships": memberships})
