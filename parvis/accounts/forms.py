import importlib.util

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from parvis.accounts.models import Organisation, User
from parvis.accounts.notification_kinds import optional_kinds
from parvis.accounts.roles import Role
from parvis.accounts.services import login


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Adresse électronique"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "Adresse électronique ou mot de passe incorrect. Après plusieurs erreurs, un délai d'attente "
            "croissant s'applique depuis cette connexion."
        ),
        "inactive": _("Ce compte est désactivé."),
    }

    def clean(self):
        email = (self.cleaned_data.get("username") or "").lower()
        wait = login.seconds_to_wait(email, self.request) if email else 0
        if wait:
            raise ValidationError(
                _(
                    "Trop de tentatives de connexion échouées depuis cette connexion : réessayez dans "
                    "%(seconds)s secondes, ou réinitialisez votre mot de passe."
                ),
                code="throttled",
                params={"seconds": wait},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            if email:
                login.record_login_failure(email, self.request)
            raise
        login.clear_login_failures(email, self.request)
        return cleaned


class LoginCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code à usage unique"),
        max_length=20,
        help_text=_("Les 6 chiffres affichés par votre application, ou un code de secours de 8 caractères."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


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
        # Whether the address already has an account is never said here (services.signup handles it by mail).
        return self.cleaned_data["email"].lower()

    def validate_unique(self):
        """Skipped on purpose: a uniqueness error would tell anyone which addresses have an account."""

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


def api_scope_choices() -> list[tuple[str, str]]:
    """`app:read` and `app:write` for every app that has API endpoints, labelled in French."""
    choices = []
    for app in settings.PARVIS_APPS:
        if importlib.util.find_spec(f"parvis.{app}.api") is None:
            continue
        label = apps.get_app_config(app).verbose_name
        choices += [
            (f"{app}:read", _("%(module)s — lecture") % {"module": label}),
            (f"{app}:write", _("%(module)s — lecture et écriture") % {"module": label}),
        ]
    return choices


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nom du jeton"), max_length=100, help_text=_("Ex. « Tableau de bord SIG ».")
    )
    scopes = forms.MultipleChoiceField(
        label=_("Portées"), widget=forms.CheckboxSelectMultiple, choices=api_scope_choices
    )
    days = forms.IntegerField(label=_("Durée de validité (jours)"), min_value=1, max_value=366, initial=90)
    organisation = forms.ModelChoiceField(
        label=_("Pour une organisation (facultatif)"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Pour moi-même"),
        help_text=_("Un jeton d'organisation n'agit que dans cette organisation."),
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )


class NotificationPreferencesForm(forms.Form):
    enabled = forms.MultipleChoiceField(
        label=_("Notifications que je souhaite recevoir"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Les messages de sécurité (mot de passe, double authentification) et les invitations sont "
            "toujours envoyés."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enabled"].choices = [(kind.key, kind.label) for kind in optional_kinds()]
