from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from parvis.accounts import services
from parvis.accounts.models import User
from parvis.accounts.roles import Role


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Adresse électronique"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "Adresse électronique ou mot de passe incorrect. Après plusieurs erreurs, le compte est "
            "verrouillé temporairement."
        ),
        "inactive": _("Ce compte est désactivé."),
    }

    def clean(self):
        email = (self.cleaned_data.get("username") or "").lower()
        if email and services.is_locked_out(email):
            raise ValidationError(
                _(
                    "Trop de tentatives de connexion échouées : ce compte est verrouillé pendant "
                    "%(minutes)s minutes. Réessayez plus tard ou réinitialisez votre mot de passe."
                ),
                code="locked",
                params={"minutes": services.settings.PARVIS_LOGIN_LOCKOUT_MINUTES},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            if email:
                services.record_login_failure(email, self.request)
            raise
        services.clear_login_failures(email)
        return cleaned


class SignupForm(forms.ModelForm):
    password = forms.CharField(
        label=_("Mot de passe"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Au moins 12 caractères, pas uniquement des chiffres."),
    )

    class Meta:
        model = User
        fields = ["email", "display_name", "postcode"]
        labels = {"postcode": _("Code postal (facultatif)")}
        help_texts = {"postcode": _("Sert uniquement à réserver certaines consultations aux habitants.")}
        # RGAA 11.13: fields about the person say what they hold, so browsers and assistive tools fill them.
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "display_name": forms.TextInput(attrs={"autocomplete": "nickname"}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
        }

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email=email).exists():
            raise ValidationError(_("Un compte existe déjà avec cette adresse."))
        return email

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if postcode and not (postcode.isascii() and postcode.isdigit() and len(postcode) == 5):
            raise ValidationError(_("Le code postal doit comporter 5 chiffres."))
        return postcode

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password"):
            password_validation.validate_password(cleaned["password"], User(email=cleaned.get("email", "")))
        return cleaned


class MemberForm(forms.Form):
    email = forms.EmailField(label=_("Adresse électronique du membre"))
    role = forms.ChoiceField(label=_("Rôle"), choices=Role.choices)

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if not User.objects.filter(email=email).exists():
            raise ValidationError(
                _("Aucun compte n'existe avec cette adresse : la personne doit d'abord créer son compte.")
            )
        return email
