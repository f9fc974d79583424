from __future__ import annotations

from django import forms
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from parvis.territory.services import parse_commune_list


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Commune, intercommunalité, code INSEE ou code postal"), max_length=100)


class CustomTerritoryForm(forms.Form):
    # accounts' Organisation: this app never imports another app's models.
    organisation: forms.ModelChoiceField[Model] = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, empty_label=None
    )
    name = forms.CharField(label=_("Nom"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, required=False, max_length=2000
    )
    communes = forms.CharField(
        label=_("Communes"),
        widget=forms.Textarea,
        help_text=_("Une commune par ligne : code INSEE (94028), code postal ou nom exact (Créteil)."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean_communes(self):
        communes, problems = parse_commune_list(self.cleaned_data["communes"])
        if problems:
            raise forms.ValidationError(problems)
        if not communes:
            raise forms.ValidationError(_("Indiquez au moins une commune."))
        self.cleaned_communes = communes
        return self.cleaned_data["communes"]
