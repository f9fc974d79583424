"""Form pieces shared by the public forms of every app."""

from django import forms
from django.utils.translation import gettext_lazy as _


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS, skipped by the keyboard) that robots fill in: a form with it
    filled is refused. Render it with ``core/includes/honeypot.html``."""

    site_web_de_contact = forms.CharField(
        label=_("Laissez ce champ vide"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_site_web_de_contact(self):
        if self.cleaned_data.get("site_web_de_contact"):
            raise forms.ValidationError(_("Envoi refusé : un champ réservé aux robots a été rempli."))
        return ""


class ContributionMixin(HoneypotMixin):
    """What every « signaler une erreur » form asks besides the values: what is wrong, and an address to be
    told of the decision."""

    comment = forms.CharField(
        label=_("Qu'est-ce qui ne va pas ?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire si vous ne proposez pas de nouvelle valeur."),
    )
    email = forms.EmailField(
        label=_("Votre courriel, pour être prévenu de la décision (facultatif)"),
        required=False,
        help_text=_("Il ne sert qu'à vous répondre et n'est pas publié."),
    )


class RefusalForm(forms.Form):
    """The reason given when a contribution is refused; mailed to the person who sent it."""

    reason = forms.CharField(
        label=_("Motif du refus (envoyé à la personne)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
