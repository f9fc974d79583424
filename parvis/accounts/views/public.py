from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parvis.accounts import services
from parvis.accounts.forms import LoginForm, SignupForm
from parvis.accounts.models import User
from parvis.accounts.services.notifications import absolute_url
from parvis.accounts.tokens import make_email_token, read_email_token
from parvis.core.ratelimit import ratelimit


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


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
        services.notify(
            form.user,
            "security.password_changed",
            {"reset_link": absolute_url(reverse("accounts:password_reset"))},
            key=f"password-changed:{form.user.pk}:{form.user.password[-16:]}",
        )
        return response


@require_POST
def logout_view(request):
    logout(request)
    return redirect("core:home")


@ratelimit("accounts.signup", limit=10, period=3600)
def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save(commit=False)
        user.set_password(form.cleaned_data["password"])
        user.save()
        link = request.build_absolute_uri(reverse("accounts:verify", args=[make_email_token(user)]))
        send_mail(
            _("Confirmez votre adresse électronique"),
            _(
                "Bonjour,\n\nPour confirmer votre adresse et activer la participation, ouvrez ce lien :\n%(link)s\n"
            )
            % {"link": link},
            None,
            [user.email],
        )
        services.audit(actor=user, action="accounts.user.signup", target=user, request=request)
        login(request, user, backend="parvis.accounts.backends.EmailBackend")
        messages.success(
            request, _("Votre compte est créé. Un lien de confirmation a été envoyé à votre adresse.")
        )
        return redirect("accounts:profile")
    return render(request, "accounts/signup.html", {"form": form})


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


@login_required
def export_data(request):
    response = HttpResponse(services.export_personal_data(request.user), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-parvis.json"'
    return response


@login_required
def erase(request):
    if request.method == "POST":
        if request.POST.get("confirm") == "SUPPRIMER":
            services.erase_account(user=request.user, request=request)
            logout(request)
            messages.success(request, _("Votre compte et vos données personnelles ont été supprimés."))
            return redirect("core:home")
        messages.error(request, _("Tapez SUPPRIMER en majuscules pour confirmer."))
    return render(request, "accounts/erase.html")
