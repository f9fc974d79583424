from django import forms
from django.utils.translation import gettext_lazy as _

from parvis.accounts import selectors as accounts
from parvis.accounts.roles import OrganisationKind


class SiteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=accounts.organisations().none(), label=_("Collectivité gestionnaire")
    )
    code = forms.CharField(
        label=_("Code INSEE (commune), code du département ou SIREN (intercommunalité)"), max_length=12
    )
    url = forms.CharField(
        label=_("Adresse de la page d'accueil"),
        max_length=500,
        help_text=_("Exemple : https://www.ville-creteil.fr/"),
    )
    ranking_public = forms.BooleanField(label=_("Publier ce site dans le classement public"), required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations.filter(kind=OrganisationKind.COLLECTIVITE)


class ImportForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=accounts.organisations().none(), label=_("Collectivité gestionnaire")
    )
    file = forms.FileField(
        label=_("Fichier CSV (colonnes code et url)"),
        help_text=_("Séparateur virgule ou point-virgule, encodage UTF-8 ; 5 000 lignes au plus."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations.filter(kind=OrganisationKind.COLLECTIVITE)
