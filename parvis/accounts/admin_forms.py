"""Forms of the administration pages: organisations, invitations, hand-over, users, audit filters, settings."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from parvis.accounts import audit_labels
from parvis.accounts.models import Membership, Organisation, User
from parvis.accounts.roles import OrganisationKind, Role
from parvis.core.lib.identifiers import normalise, siret_valid

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
TERRITORY_CODE = re.compile(r"^[a-z_]+:[0-9A-Za-z]{1,12}$")
LOGO_HELP = _("Image PNG, JPEG ou WebP, 1 Mo au plus.")
PAGE_HELP = _(
    "Texte simple avec mise en forme Markdown : ## titre, - liste, **gras**, [lien](https://…). "
    "Le HTML est affiché tel quel, jamais exécuté. Laissez vide pour garder le texte fourni par Parvis."
)


def _clean_territory(value: str) -> str:
    value = value.strip()
    if value and not TERRITORY_CODE.match(value):
        raise ValidationError(
            _("Écrivez le territoire sous la forme « type:code », par ex. « commune:94028 ».")
        )
    return value


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Nom"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=OrganisationKind.choices)
    siret = forms.CharField(
        label=_("SIRET"),
        required=False,
        max_length=20,
        help_text=_("14 chiffres (les espaces sont acceptés), vérifiés avec leur clé de contrôle."),
    )
    territory_code = forms.CharField(
        label=_("Territoire"),
        required=False,
        max_length=20,
        help_text=_("Ex. « ept:200058006 » ou « commune:94028 »."),
    )
    logo = forms.FileField(label=_("Logo"), required=False, help_text=LOGO_HELP)

    def clean_siret(self):
        siret = normalise(self.cleaned_data["siret"])
        if siret and not siret_valid(siret):
            raise ValidationError(
                _("Ce SIRET n'est pas valide : il faut 14 chiffres dont le dernier est une clé de contrôle.")
            )
        return siret

    def clean_territory_code(self):
        return _clean_territory(self.cleaned_data["territory_code"])


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Adresse électronique de la personne invitée"))
    role = forms.ChoiceField(label=_("Rôle"), choices=Role.choices)


class TransferForm(forms.Form):
    membership: forms.ModelChoiceField[Membership] = forms.ModelChoiceField(
        label=_("Nouveau gestionnaire"), queryset=None, empty_label=None
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = memberships
        self.fields["membership"].label_from_instance = lambda m: m.user.email


class AcceptWithAccountForm(forms.Form):
    display_name = forms.CharField(label=_("Nom affiché"), max_length=150, required=False)
    password = forms.CharField(
        label=_("Mot de passe"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Au moins 12 caractères, pas uniquement des chiffres."),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_password(self):
        password = self.cleaned_data["password"]
        password_validation.validate_password(password, User(email=self.email))
        return password


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Rechercher une adresse ou un nom"), required=False, max_length=100)


class AuditFilterForm(forms.Form):
    who = forms.CharField(label=_("Qui (adresse)"), required=False, max_length=100)
    action = forms.ChoiceField(label=_("Action"), required=False)
    since = forms.DateField(label=_("Du"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Au"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=None, empty_label=_("Toutes")
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Toutes"))] + audit_labels.choices()
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("since") and cleaned.get("until") and cleaned["since"] > cleaned["until"]:
            raise ValidationError(_("La date de début est après la date de fin."))
        return cleaned


class InstanceSettingsForm(forms.Form):
    site_name = forms.CharField(label=_("Nom de l'instance"), max_length=200, required=False)
    logo = forms.FileField(label=_("Logo"), required=False, help_text=LOGO_HELP)
    primary_color = forms.CharField(
        label=_("Couleur principale"),
        max_length=7,
        required=False,
        help_text=_("Code hexadécimal, par ex. #0b5d7a ; assombrie si besoin pour rester lisible."),
    )
    home_territory = forms.CharField(
        label=_("Territoire de référence"),
        max_length=30,
        required=False,
        help_text=_("Ex. « ept:200058006 »."),
    )
    contact_email = forms.EmailField(label=_("Adresse de contact"), required=False)
    audit_retention_days = forms.IntegerField(
        label=_("Durée de conservation du journal (jours)"), required=False, min_value=30, max_value=3650
    )
    legal_notice = forms.CharField(
        label=_("Mentions légales"), required=False, widget=forms.Textarea, help_text=PAGE_HELP
    )
    accessibility_statement = forms.CharField(
        label=_("Déclaration d'accessibilité"), required=False, widget=forms.Textarea, help_text=PAGE_HELP
    )
    privacy_page = forms.CharField(
        label=_("Données personnelles"), required=False, widget=forms.Textarea, help_text=PAGE_HELP
    )

    def clean_primary_color(self):
        colour = self.cleaned_data["primary_color"].strip()
        if colour and not HEX_COLOUR.match(colour):
            raise ValidationError(
                _("Écrivez la couleur en hexadécimal : # suivi de 6 chiffres ou lettres a à f.")
            )
        return colour.lower()

    def clean_home_territory(self):
        return _clean_territory(self.cleaned_data["home_territory"])
