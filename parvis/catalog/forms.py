"""Forms of the catalogue pages (labels and help texts in French)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from parvis.accounts import selectors as accounts
from parvis.catalog.lib.ingest import FORMATS
from parvis.catalog.models import Access, Dataset, Licence, Theme
from parvis.catalog.selectors import DatasetQuery
from parvis.core.forms import ContributionMixin

CODE_RE = re.compile(r"^(\d[\dAB]\d{3}|\d{9}|\d{2,3}|2[AB])$")


def _split_list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", text or "") if part.strip()]


class DatasetForm(forms.ModelForm):
    keywords_text = forms.CharField(
        label=_("Mots-clés"),
        required=False,
        help_text=_("Séparés par des virgules, par exemple : budget, subventions."),
    )
    coverage_text = forms.CharField(
        label=_("Couverture territoriale"),
        required=False,
        help_text=_(
            "Codes INSEE des communes (94028), SIREN des EPCI (200058006) ou codes des départements (94), "
            "séparés par des virgules."
        ),
    )

    class Meta:
        model = Dataset
        fields = [
            "organisation",
            "title",
            "description",
            "theme",
            "licence",
            "licence_other",
            "frequency",
            "contact_name",
            "contact_email",
            "access",
            "shared_with",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "shared_with": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else accounts.organisations().none()
        )
        self.fields["organisation"].empty_label = None
        self.fields["shared_with"].queryset = accounts.organisations().order_by("kind", "name")
        self.fields["shared_with"].help_text = _(
            "Seulement pour l'accès restreint : les organisations qui pourront voir ces données."
        )
        if self.instance.pk:
            self.fields["keywords_text"].initial = ", ".join(self.instance.keywords)
            self.fields["coverage_text"].initial = ", ".join(self.instance.coverage)

    def clean_coverage_text(self) -> list[str]:
        codes = _split_list(self.cleaned_data["coverage_text"])
        wrong = [c for c in codes if not CODE_RE.match(c)]
        if wrong:
            raise forms.ValidationError(
                _(
                    "Code(s) non reconnu(s) : %(codes)s. Attendu : code INSEE de commune (5 caractères), "
                    "SIREN d'EPCI (9 chiffres) ou code de département."
                ),
                params={"codes": ", ".join(wrong)},
            )
        return codes

    def clean_keywords_text(self) -> list[str]:
        return [k[:60] for k in _split_list(self.cleaned_data["keywords_text"])][:30]

    def clean(self):
        data = super().clean()
        if data.get("licence") == "other" and not data.get("licence_other"):
            self.add_error("licence_other", _("Précisez le nom ou l'adresse de la licence."))
        if data.get("access") == Access.RESTRICTED and not data.get("shared_with"):
            self.add_error(
                "shared_with", _("Un accès restreint demande au moins une organisation partenaire.")
            )
        return data

    def field_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["keywords"] = data.pop("keywords_text")
        data["coverage"] = data.pop("coverage_text")
        return data


FORMAT_CHOICES = [("", _("Détection automatique"))] + [(f, f.upper()) for f in FORMATS]


class KeywordsField(forms.Field):
    """Repeated ``mot_cle`` parameters: up to 5 keywords of up to 200 characters."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[str]:
        values = [str(v).strip() for v in (value or []) if str(v).strip()]
        if len(values) > 5 or any(len(v) > 200 for v in values):
            raise forms.ValidationError(_("Choisissez au plus 5 mots-clés de 200 caractères au plus."))
        return values


class DatasetSearchForm(forms.Form):
    """The catalogue page's search and facets (``GET``); an invalid field is reported and left out."""

    q = forms.CharField(label=_("Rechercher"), required=False, max_length=200)
    mot_cle = KeywordsField(label=_("Mots-clés"), required=False)
    licence = forms.ChoiceField(
        label=_("Licence"), required=False, choices=[("", _("Toutes")), *Licence.choices]
    )
    organisation = forms.SlugField(label=_("Organisation"), required=False, max_length=120)
    theme = forms.ChoiceField(label=_("Thème"), required=False, choices=[("", _("Tous")), *Theme.choices])
    territoire = forms.CharField(label=_("Territoire"), required=False, max_length=12)
    schema = forms.CharField(label=_("Schéma"), required=False, max_length=500)
    format = forms.CharField(label=_("Format"), required=False, max_length=16)

    def query(self) -> DatasetQuery:
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value}
        return DatasetQuery(keywords=tuple(data.pop("mot_cle", ())), **data)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier"), required=False, help_text=_("CSV, XLSX, XLS, ODS, JSON, GeoJSON ou Parquet.")
    )
    url = forms.URLField(label=_("ou adresse web du fichier"), required=False, assume_scheme="https")
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, required=False)
    sheet = forms.CharField(
        label=_("Feuille (classeurs)"),
        required=False,
        max_length=100,
        help_text=_("Nom de la feuille à importer ; par défaut la première."),
    )
    publish_invalid = forms.BooleanField(
        label=_("Mettre en ligne cette version même si elle comporte des erreurs de validation"),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url"):
            raise forms.ValidationError(_("Choisissez un fichier ou indiquez une adresse web."))
        if data.get("file") and data.get("url"):
            raise forms.ValidationError(_("Choisissez soit un fichier, soit une adresse web, pas les deux."))
        return data

    def options(self) -> dict:
        return {
            k: self.cleaned_data.get(k)
            for k in ("format", "sheet", "publish_invalid")
            if self.cleaned_data.get(k)
        }


class ResourceForm(ImportForm):
    title = forms.CharField(label=_("Titre de la ressource"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    schema_catalogue = forms.ChoiceField(
        label=_("Valider avec un schéma national (schema.data.gouv.fr)"),
        required=False,
        help_text=_(
            "Facultatif. Vous pourrez aussi choisir un schéma par adresse ou fichier, ou en déduire un, ensuite."
        ),
    )
    field_order = [
        "title",
        "description",
        "file",
        "url",
        "schema_catalogue",
        "format",
        "sheet",
        "publish_invalid",
    ]

    def __init__(self, *args, schema_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schema_catalogue"].choices = [
            ("", _("— aucun : types déduits du fichier —")),
            *schema_choices,
        ]


class SchemaForm(forms.Form):
    catalogue = forms.ChoiceField(label=_("Schéma du catalogue schema.data.gouv.fr"), required=False)
    url = forms.URLField(
        label=_("ou adresse web d'un schéma (schema.json)"), required=False, assume_scheme="https"
    )
    file = forms.FileField(label=_("ou fichier schema.json"), required=False)
    remove = forms.BooleanField(label=_("Retirer le schéma de cette ressource"), required=False)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalogue"].choices = [("", _("— choisir —")), *choices]

    def clean(self):
        data = super().clean()
        given = [k for k in ("catalogue", "url", "file") if data.get(k)]
        if not data.get("remove") and len(given) != 1:
            raise forms.ValidationError(
                _("Choisissez une seule source de schéma : le catalogue, une adresse ou un fichier.")
            )
        return data


class DiffForm(forms.Form):
    """``?depuis=N`` of the version comparison: a version number (anything else compares with the previous)."""

    depuis = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class CorrectionForm(ContributionMixin):
    """« Signaler une erreur ou proposer une correction » on one row: a field per column (its current value
    as the schema writes it), a comment and an address to be told. Values are checked against the version's
    schema by the service; a column that the row does not have is refused here."""

    PREFIX = "valeur__"

    def __init__(self, *args, row: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.row = row
        self.columns = []
        for i, (name, value) in enumerate(row.items()):
            key = f"{self.PREFIX}{i}"
            # no length limit here: a long cell sent back unchanged is not a proposal (the service limits
            # the values that change)
            self.fields[key] = forms.CharField(label=name, required=False, initial=value, strip=False)
            self.columns.append((name, value, key))
        self.order_fields([key for _n, _v, key in self.columns] + ["comment", "email"])

    def clean(self):
        cleaned = super().clean()
        known = {key for _n, _v, key in self.columns}
        unknown = [k for k in self.data if k.startswith(self.PREFIX) and k not in known]
        if unknown:
            raise forms.ValidationError(
                _("Colonne inconnue : « {name} ». Rechargez la page de la ligne.").format(name=unknown[0])
            )
        return cleaned

    def proposed(self) -> dict[str, str]:
        """The values that differ from the row's current ones."""
        out = {}
        for name, value, key in self.columns:
            new = (self.cleaned_data.get(key) or "").strip()
            if new != value.strip():
                out[name] = new
        return out
