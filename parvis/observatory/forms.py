"""Indicator and dashboard forms. Column choices come from the resource's current version."""

from django import forms
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from parvis.observatory.lib import ifn
from parvis.observatory.messages import IFN_LABELS
from parvis.observatory.models import Aggregation, Indicator


class ResourceChoiceForm(forms.Form):
    resource = forms.ChoiceField(
        label=_("Ressource du catalogue"),
        help_text=_(
            "Un tableau qui contient une colonne de codes (commune, intercommunalité ou département)."
        ),
    )

    def __init__(self, *args, resources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].choices = [(r.pk, f"{r.dataset.title} — {r.title}") for r in resources]


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "organisation",
            "title",
            "description",
            "level",
            "code_column",
            "roll_up_arrondissements",
            "aggregation",
            "value_column",
            "denominator_column",
            "year",
            "series",
            "unit",
            "source",
            "method",
            "classes",
            "palette",
            "is_public",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, columns, organisations, public_allowed, **kwargs):
        super().__init__(*args, **kwargs)
        self.public_allowed = public_allowed
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None
        choices = [("", _("— choisir —"))] + [(c, c) for c in columns]
        for name in ("code_column", "value_column", "denominator_column"):
            self.fields[name] = forms.ChoiceField(
                label=self.fields[name].label, choices=choices, required=name == "code_column"
            )
        self.fields["year"].required = True
        self.fields["year"].error_messages["required"] = _("Indiquez l’année des données (par exemple 2023).")
        self.fields["year"].widget.attrs.update(min=1900, max=2100)
        self.fields["classes"].widget.attrs.update(min=3, max=7)
        self.fields["value_column"].help_text = _("Inutile pour « Nombre de lignes ».")
        self.fields["denominator_column"].help_text = _("Seulement pour un taux.")
        self.fields["aggregation"].help_text = _(
            "Comment les valeurs des communes se combinent pour un territoire plus grand : une somme "
            "s'additionne ; un revenu médian ou un taux déjà calculé se moyenne en pondérant par la "
            "population ; un indice ou un rang n'est pas agrégeable."
        )
        self.fields["source"].help_text = _("Producteur et millésime, par exemple « INSEE, Filosofi 2020 ».")

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and not 1900 <= year <= 2100:
            raise forms.ValidationError(_("L’année doit être comprise entre 1900 et 2100."))
        return year

    def clean_classes(self):
        classes = self.cleaned_data.get("classes")
        if classes is not None and not 3 <= classes <= 7:
            raise forms.ValidationError(_("Choisissez entre 3 et 7 classes."))
        return classes

    def clean(self):
        data = super().clean()
        aggregation = data.get("aggregation")
        if aggregation and aggregation != Aggregation.COUNT and not data.get("value_column"):
            self.add_error("value_column", _("Choisissez la colonne des valeurs pour cette agrégation."))
        if aggregation == Aggregation.RATE and not data.get("denominator_column"):
            self.add_error("denominator_column", _("Un taux demande une colonne de dénominateur."))
        if data.get("is_public") and not self.public_allowed:
            self.add_error(
                "is_public", _("Le jeu de données n’est pas public : l’indicateur ne peut pas l’être.")
            )
        return data


class DashboardForm(forms.Form):
    """One « afficher » checkbox and one position per available indicator."""

    def __init__(self, *args, available, current: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.available = list(available)
        for indicator in self.available:
            shown = indicator.pk in current
            self.fields[f"show_{indicator.pk}"] = forms.BooleanField(
                label=_("Afficher « %(title)s »") % {"title": indicator.title}, required=False, initial=shown
            )
            self.fields[f"pos_{indicator.pk}"] = forms.IntegerField(
                label=_("Position de « %(title)s »") % {"title": indicator.title},
                min_value=1,
                max_value=99,
                initial=current.index(indicator.pk) + 1 if shown else len(current) + 1,
            )

    def rows(self):
        return [(i, self[f"show_{i.pk}"], self[f"pos_{i.pk}"]) for i in self.available]

    def chosen(self) -> list[int]:
        data = self.cleaned_data
        picked = [
            (data[f"pos_{i.pk}"], n, i.pk) for n, i in enumerate(self.available) if data.get(f"show_{i.pk}")
        ]
        return [pk for _pos, _n, pk in sorted(picked)]


class WeightsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for component in ifn.COMPONENTS:
            self.fields[component] = forms.DecimalField(
                label=IFN_LABELS[component],
                min_value=0,
                max_value=5,
                decimal_places=1,
                initial=1,
                required=False,
            )

    def rows(self):
        return [self[c] for c in ifn.COMPONENTS]


def weights_from(params) -> tuple[dict[str, float], WeightsForm]:
    form = WeightsForm(params if any(c in params for c in ifn.COMPONENTS) else None)
    weights = dict(ifn.DEFAULT_WEIGHTS)
    if form.is_bound and form.is_valid():
        weights = {
            c: float(form.cleaned_data[c]) if form.cleaned_data[c] is not None else 1.0
            for c in ifn.COMPONENTS
        }
        if not any(weights.values()):
            form.add_error(None, gettext_now("Au moins un poids doit être supérieur à zéro."))
            weights = dict(ifn.DEFAULT_WEIGHTS)
    return weights, form


class IfnScenarioForm(WeightsForm):
    """Name, organisation and the five weights of a saved IFN weighting scenario."""

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = forms.ModelChoiceField(
            label=_("Organisation"), queryset=organisations, empty_label=None
        )
        self.fields["name"] = forms.CharField(
            label=_("Nom du scénario"),
            max_length=120,
            help_text=_("Par exemple « Priorité à la pauvreté » ; il sera visible de tous."),
        )
        self.fields["description"] = forms.CharField(
            label=_("Pourquoi ces poids ?"),
            required=False,
            max_length=2000,
            widget=forms.Textarea({"rows": 2}),
        )
        for component in ifn.COMPONENTS:
            self.fields[component].required = True

    def clean(self):
        data = super().clean()
        if all(data.get(c) is not None for c in ifn.COMPONENTS) and not any(data[c] for c in ifn.COMPONENTS):
            raise forms.ValidationError(_("Au moins un poids doit être supérieur à zéro."))
        return data

    def weights(self) -> dict[str, float]:
        return {c: float(self.cleaned_data[c]) for c in ifn.COMPONENTS}


MAX_COMPARED = 5


class CompareForm(forms.Form):
    """Up to five communes typed by name, INSEE code or postcode (no JavaScript needed), and indicators."""

    def __init__(self, *args, indicators, pick, **kwargs):
        super().__init__(*args, **kwargs)
        self.pick = pick
        for i in range(1, MAX_COMPARED + 1):
            self.fields[f"commune{i}"] = forms.CharField(
                label=_("Commune %(n)s") % {"n": i},
                required=False,
                max_length=100,
                help_text=_("nom, code INSEE ou code postal") if i == 1 else "",
            )
        self.fields["indicateurs"] = forms.MultipleChoiceField(
            label=_("Indicateurs"),
            required=False,
            choices=[(i.slug, f"{i.title} ({i.year})") for i in indicators],
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Aucun coché : tous les indicateurs par commune."),
        )

    def commune_fields(self):
        return [self[f"commune{i}"] for i in range(1, MAX_COMPARED + 1)]

    def clean(self):
        data = super().clean()
        communes, seen = [], set()
        for i in range(1, MAX_COMPARED + 1):
            text = (data.get(f"commune{i}") or "").strip()
            if not text:
                continue
            found = self.pick(text)
            if found.territory is not None and found.territory.kind == "commune":
                if found.territory.code not in seen:
                    seen.add(found.territory.code)
                    communes.append(found.territory)
                continue
            choices = [t for t in found.choices if t.kind == "commune"]
            if choices:
                message = _(
                    "Plusieurs communes correspondent à « %(q)s » : %(list)s. Tapez le code INSEE."
                ) % {
                    "q": text,
                    "list": ", ".join(f"{t.name} ({t.code})" for t in choices[:6]),
                }
            elif found.territory is not None:
                message = _("« %(q)s » n’est pas une commune : tapez le nom ou le code d’une commune.") % {
                    "q": text
                }
            else:
                message = _("Aucune commune ne correspond à « %(q)s ».") % {"q": text}
            self.add_error(f"commune{i}", message)
        data["communes"] = communes
        return data
