"""Forms of the participation app that are not built from a questionnaire."""

from django import forms
from django.utils.translation import gettext_lazy as _

from parvis.participation.services.synthesis import THEMES_RANGE


class SynthesisRunForm(forms.Form):
    theme_count = forms.IntegerField(
        label=_("Nombre de thèmes"),
        help_text=_(
            "Laissez vide pour un nombre choisi pour la lecture (6 à 15, selon la stabilité des thèmes)."
        ),
        required=False,
        min_value=THEMES_RANGE[0],
        max_value=THEMES_RANGE[1],
    )

    def first_error(self) -> str:
        return next(iter(self.errors.values()))[0]
