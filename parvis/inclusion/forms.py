from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from parvis.core.forms import ContributionMixin
from parvis.inclusion.lib.hours import DAY_NAMES
from parvis.inclusion.lib.needs import NEEDS
from parvis.inclusion.lib.readers import MAX_FILE_BYTES
from parvis.inclusion.lib.vocab import vocabularies
from parvis.inclusion.selectors import RADII
from parvis.inclusion.services.imports import too_large_message

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # type-checking only: str or a lazy translation

REFERRAL_MAX = 6


def _choices(field: str, empty=None):
    """The standard's values, shown translated (lib/vocab_labels.py) and sent as the standard writes them."""
    values = [(v, _(v)) for v in vocabularies()[field]]
    return ([("", empty)] if empty else []) + values


class FixedChoicesMixin:
    """Choices built once at import and never changed: each form shares them instead of deep-copying
    them (the copy was a tenth of the public search's cost)."""

    def __deepcopy__(self, memo):
        result = forms.Field.__deepcopy__(self, memo)
        result._choices = self._choices
        return result


class FixedChoiceField(FixedChoicesMixin, forms.ChoiceField):
    pass


class FixedTypedChoiceField(FixedChoicesMixin, forms.TypedChoiceField):
    pass


class SearchForm(forms.Form):
    besoin = FixedChoiceField(
        label=_("Votre besoin"),
        required=False,
        choices=[("", _("Tous les besoins"))] + [(n.key, _(n.label)) for n in NEEDS],
    )
    lieu = forms.CharField(
        label=_("Où ? Commune, code postal ou adresse"),
        required=False,
        max_length=200,
        help_text=_("Exemple : Créteil, 94000 ou « 1 place Salvador Allende, Créteil »"),
    )
    rayon = FixedTypedChoiceField(
        label=_("Distance maximale"),
        coerce=int,
        initial=5,
        required=False,
        empty_value=5,  # type: ignore[arg-type]  # any value is accepted; django-stubs says str
        choices=[(r, _("%(r)s km") % {"r": r}) for r in RADII],
    )
    gratuit = forms.BooleanField(label=_("Gratuit seulement"), required=False)
    ouvert = FixedChoiceField(
        label=_("Ouvert"),
        required=False,
        choices=[("", pgettext_lazy("opening time", "Peu importe")), ("maintenant", _("Maintenant"))]
        + [(str(i), _(day)) for i, day in enumerate(DAY_NAMES)],
    )
    accessibilite = FixedChoiceField(
        label=_("Besoin particulier"),
        required=False,
        choices=_choices("prise_en_charge_specifique", _("Aucun")),
    )
    public = FixedChoiceField(
        label=_("Public"),
        required=False,
        choices=_choices("publics_specifiquement_adresses", _("Tout public")),
    )
    accompagnement = FixedChoiceField(
        label=_("Façon d'être aidé"),
        required=False,
        choices=_choices("modalites_accompagnement", pgettext_lazy("way of being helped", "Peu importe")),
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90)
    lon = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180)
    plus = forms.BooleanField(required=False, widget=forms.HiddenInput)  # « Voir plus de lieux »


class PlaceIdsField(forms.Field):
    """Place ids from repeated ``lieux=`` parameters; anything that is not a whole number is ignored
    (a sheet shows the places it finds), and at most ``limit`` are kept."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, limit: int, **kwargs):
        self.limit = limit
        super().__init__(**kwargs)

    def to_python(self, value):
        values = value if isinstance(value, (list, tuple)) else [value] if value else []
        return [int(v) for v in values if str(v).isascii() and str(v).isdigit() and len(str(v)) < 12][
            : self.limit
        ]


class ReferralForm(forms.Form):
    """The referral sheet's query: the places ticked, the paper size, and who hands the sheet over."""

    lieux = PlaceIdsField(limit=REFERRAL_MAX, required=False)
    format = forms.ChoiceField(choices=[("a4", "A4"), ("a5", "A5")], required=False)
    par = forms.CharField(
        label=_("Remise par (structure ou service, facultatif)"),
        max_length=120,
        required=False,
        help_text=_("Imprimé sur la fiche ; rien n'est enregistré."),
    )


class ImportForm(forms.Form):
    fichier = forms.FileField(
        label=_("Fichier de lieux (CSV, XLSX ou JSON)"),
        help_text=_(
            "Standard des lieux de médiation numérique (v1 ou v0.1, séparateurs « | » ou « ; »), "
            "ou export data·inclusion (structures et services)."
        ),
    )

    def clean_fichier(self):
        upload = self.cleaned_data["fichier"]
        if upload.size > MAX_FILE_BYTES:  # refused before the file is read into memory
            raise forms.ValidationError(too_large_message(upload.size))
        return upload


class PlaceForm(forms.Form):
    """A partner's declaration; multi-value fields become '|'-joined cells cleaned like an import."""

    nom = forms.CharField(label=_("Nom du lieu"), max_length=250)
    pivot = forms.CharField(
        label=_("SIRET, RNA ou RIDET de la structure"),
        max_length=20,
        required=False,
        help_text=_("9 à 14 lettres ou chiffres, sans espace."),
    )
    adresse = forms.CharField(label=_("Adresse"), max_length=250)
    complement_adresse = forms.CharField(label=_("Complément d'adresse"), max_length=250, required=False)
    code_postal = forms.CharField(label=_("Code postal"), max_length=5, min_length=5)
    commune = forms.CharField(label=_("Commune"), max_length=150)
    latitude = forms.FloatField(label=_("Latitude"), required=False)
    longitude = forms.FloatField(label=_("Longitude"), required=False)
    telephone = forms.CharField(label=_("Téléphone"), max_length=30, required=False)
    courriels = forms.CharField(label=_("Courriel de contact"), max_length=250, required=False)
    site_web = forms.CharField(label=_("Site web"), max_length=500, required=False)
    horaires = forms.CharField(
        label=_("Horaires (format OpenStreetMap)"),
        max_length=500,
        required=False,
        help_text=_("Exemple : Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00"),
    )
    presentation_resume = forms.CharField(
        label=_("Présentation courte"),
        max_length=280,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    presentation_detail = forms.CharField(
        label=_("Présentation détaillée"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    services = forms.MultipleChoiceField(
        label=_("Services"), choices=_choices("services"), widget=forms.CheckboxSelectMultiple
    )
    modalites_acces = forms.MultipleChoiceField(
        label=_("Comment venir"),
        choices=_choices("modalites_acces"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    modalites_accompagnement = forms.MultipleChoiceField(
        label=_("Façons d'être aidé"),
        choices=_choices("modalites_accompagnement"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    frais_a_charge = forms.MultipleChoiceField(
        label=_("Frais"),
        choices=_choices("frais_a_charge"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    publics_specifiquement_adresses = forms.MultipleChoiceField(
        label=_("Publics spécifiquement accueillis"),
        choices=_choices("publics_specifiquement_adresses"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    prise_en_charge_specifique = forms.MultipleChoiceField(
        label=_("Besoins particuliers pris en charge"),
        choices=_choices("prise_en_charge_specifique"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    dispositif_programmes_nationaux = forms.MultipleChoiceField(
        label=_("Dispositifs nationaux"),
        choices=_choices("dispositif_programmes_nationaux"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    itinerance = forms.MultipleChoiceField(
        label=_("Itinérance"),
        choices=_choices("itinerance"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    fiche_acces_libre = forms.URLField(
        label=_("Fiche Accès libre (accessibilité)"), required=False, assume_scheme="https"
    )
    prise_rdv = forms.URLField(label=_("Lien de prise de rendez-vous"), required=False, assume_scheme="https")

    def as_row(self) -> dict:
        row = {}
        for name, value in self.cleaned_data.items():
            if isinstance(value, list):
                row[name] = "|".join(value)
            else:
                row[name] = "" if value is None else str(value)
        return row

    @classmethod
    def initial_from(cls, place) -> dict:
        record = place.record()
        return {name: record.get(name) for name in cls.base_fields if name in record}


class RejectForm(forms.Form):
    note = forms.CharField(
        label=_("Motif du refus (envoyé au partenaire)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PlaceReportForm(ContributionMixin):
    """« Signaler une erreur ou proposer une correction » on a place: the reportable fields with their current
    values (labels of the partner's declaration), a comment and an address to be told. Values are cleaned by
    the service with the rules of imports."""

    def __init__(self, *args, values: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.values = values
        for name, value in values.items():
            self.fields[name] = forms.CharField(
                label=self.label_of(name),
                required=False,
                initial=value,
                max_length=1000,
                help_text=PlaceForm.base_fields[name].help_text,
            )
        self.order_fields([*values, "comment", "email"])

    @staticmethod
    def label_of(name: str) -> StrOrPromise | None:
        return PlaceForm.base_fields[name].label

    def proposed(self) -> dict[str, str]:
        return {
            name: (self.cleaned_data.get(name) or "").strip()
            for name, value in self.values.items()
            if (self.cleaned_data.get(name) or "").strip() != value
        }
