"""Every input of the participation pages, validated and truncated here so views never parse request.POST.

Forms keep what the person typed (``form.data``) so a refused submission loses nothing; ``error_message``
turns the first error into one French sentence naming the field, shown above the form.
"""

from __future__ import annotations

from typing import cast

from django import forms
from django.db.models import Model
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parvis.participation import selectors
from parvis.participation.models import (
    BudgetProject,
    Channel,
    Comment,
    Meeting,
    ModerationDecision,
    Proposal,
    Question,
    Report,
    TerritoryKind,
    Theme,
)
from parvis.participation.services import MAX_ANSWER_CHARS
from parvis.participation.services.synthesis import THEMES_RANGE

MAX_REPORT_DETAILS = 500
TOO_LONG = gettext_lazy(
    "la réponse fait %(show_value)s caractères, la limite est %(limit_value)s. "
    "Raccourcissez-la (votre texte est conservé ci-dessous)."
)
PAPER_CHANNELS = [(Channel.PAPER.value, Channel.PAPER.label), (Channel.MEETING.value, Channel.MEETING.label)]


def error_message(form) -> str:
    """« Titre : Ce champ est obligatoire. » — the first error, with the label of the field it belongs to.

    Fields whose messages are whole sentences of their own (« Choisissez un fichier… ») have no label.
    """
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = field.label if field is not None and field.label else ""
        return f"{label} : {errors[0]}" if label else str(errors[0])
    return ""


def _text(label, max_length, required=False, **kwargs):
    return forms.CharField(label=label, max_length=max_length, required=required, **kwargs)


class GroupedIntegerField(forms.IntegerField):
    """« 1 000 000 » typed with spaces (or the narrow no-break space French uses) is read as the number."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(" ", "").replace("\u202f", "").replace("\xa0", "")
        return super().to_python(value)


class AnswersForm(forms.Form):
    """One field per question of the process, named ``q-<id>`` as in the printed questionnaire."""

    postcode = _text(gettext_lazy("Code postal"), 10)

    def __init__(self, process, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(process.questions.all())
        for question in self.questions:
            if question.kind == Question.Kind.CLOSED:
                field = forms.ChoiceField(choices=[(c, c) for c in question.choices], required=False)
            else:
                field = forms.CharField(
                    max_length=MAX_ANSWER_CHARS, required=False, error_messages={"max_length": TOO_LONG}
                )
            field.label = _("Question « %(q)s »") % {"q": question.text}
            self.fields[f"q-{question.pk}"] = field

    def answers(self) -> dict[str, str]:
        """Answers keyed by question id, as the services expect them."""
        return {str(q.pk): self.cleaned_data.get(f"q-{q.pk}", "") for q in self.questions if self.is_bound}

    def question_values(self) -> list[dict]:
        """What the template shows again: each question with what was typed (nothing lost on error)."""
        return [
            {"q": q, "value": self.data.get(f"q-{q.pk}", "") if self.is_bound else ""} for q in self.questions
        ]


class CollectionForm(forms.Form):
    """Where and when something was collected on paper or at a meeting, for every agent entry."""

    channel = forms.ChoiceField(label=gettext_lazy("Canal"), choices=PAPER_CHANNELS, initial=Channel.PAPER)
    place = _text(gettext_lazy("Lieu de recueil"), 200, required=True)
    collected_on = forms.DateField(label=gettext_lazy("Date de recueil"))

    def clean_collected_on(self):
        value = self.cleaned_data["collected_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("La date de recueil est aujourd'hui ou avant."))
        return value

    def collection(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("channel", "place", "collected_on")}


class PaperContributionForm(AnswersForm, CollectionForm):
    pass


class PaperProposalForm(CollectionForm):
    title = _text(gettext_lazy("Titre"), 150, required=True)
    body = _text(gettext_lazy("Description"), MAX_ANSWER_CHARS, required=True)


class PaperSupportsForm(CollectionForm):
    count = forms.IntegerField(label=gettext_lazy("Nombre de signatures"), min_value=1, max_value=5000)


class ProposalForm(forms.Form):
    title = _text(gettext_lazy("Titre"), 150, required=True)
    body = _text(gettext_lazy("Description"), MAX_ANSWER_CHARS, required=True)


class ProposalFilterForm(forms.Form):
    etat = forms.ChoiceField(choices=Proposal.Status.choices, required=False)
    page = forms.IntegerField(min_value=1, required=False)

    def status(self) -> str:
        return self.cleaned_data.get("etat", "") if self.is_valid() else ""

    def page_number(self) -> int:
        return (self.cleaned_data.get("page") or 1) if self.is_valid() else 1


class SupportForm(forms.Form):
    """« Soutenir » or, for someone who already supports, « Retirer mon soutien » (withdraw=1)."""

    withdraw = forms.BooleanField(required=False)


class CommentForm(forms.Form):
    body = _text(gettext_lazy("Votre commentaire"), MAX_ANSWER_CHARS, required=True)
    parent: forms.ModelChoiceField[Comment] = forms.ModelChoiceField(label="", queryset=None, required=False)

    def __init__(self, proposal, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = proposal.comments.all()
        self.fields["parent"].error_messages["invalid_choice"] = _(
            "Le commentaire auquel vous répondez n'existe pas sur cette proposition."
        )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=gettext_lazy("Motif"), choices=Report.Reason.choices)
    details = _text(gettext_lazy("Précisions"), MAX_REPORT_DETAILS)


class BudgetBallotForm(forms.Form):
    projects: forms.ModelMultipleChoiceField[BudgetProject] = forms.ModelMultipleChoiceField(
        label="",
        queryset=None,
        error_messages={
            "required": gettext_lazy("Choisissez au moins un projet de la liste."),
            "invalid_choice": gettext_lazy("Ce projet ne fait pas partie de la liste."),
            "invalid_pk_value": gettext_lazy("Ce projet ne fait pas partie de la liste."),
        },
    )

    def __init__(self, process, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = process.budget_projects.all()

    def chosen_ids(self) -> list[int]:
        """Ids ticked, for redisplay; only those that are real projects of this process."""
        if not self.is_bound:
            return []
        field = cast("forms.ModelMultipleChoiceField[BudgetProject]", self.fields["projects"])
        assert field.queryset is not None  # set in __init__
        valid = {str(pk) for pk in field.queryset.values_list("pk", flat=True)}
        return [int(v) for v in cast(QueryDict, self.data).getlist("projects") if v in valid]


class PaperBallotForm(BudgetBallotForm, CollectionForm):
    pass


class ProcessForm(forms.Form):
    # accounts' Organisation: this app never imports another app's models.
    organisation: forms.ModelChoiceField[Model] = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=None
    )
    title = _text(gettext_lazy("Titre"), 200, required=True)
    summary = _text(gettext_lazy("Présentation"), 10_000)
    starts_on = forms.DateField(label=gettext_lazy("Début"))
    ends_on = forms.DateField(label=gettext_lazy("Fin"))
    territory_kind = forms.ChoiceField(
        label=gettext_lazy("Type de territoire"), choices=TerritoryKind.choices
    )
    territory_code = _text(gettext_lazy("Code INSEE ou SIREN"), 20)
    territory_label = _text(gettext_lazy("Nom du territoire"), 200, required=True)
    postcodes = _text(gettext_lazy("Codes postaux"), 500)
    residents_only = forms.BooleanField(required=False)
    support_threshold = forms.IntegerField(
        label=gettext_lazy("Seuil de soutiens"), min_value=1, max_value=1_000_000, required=False
    )
    budget_ceiling = GroupedIntegerField(
        label=gettext_lazy("Plafond du budget"), min_value=1, max_value=2_000_000_000, required=False
    )
    questions = _text(gettext_lazy("Questionnaire"), 50_000)
    phases = _text(gettext_lazy("Étapes"), 10_000)
    projects = _text(gettext_lazy("Projets du budget"), 20_000)

    def __init__(self, organisations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def process_fields(self) -> dict:
        """The fields ``setup.save_process`` stores on the process."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "summary": data["summary"],
            "territory_kind": data["territory_kind"],
            "territory_code": data["territory_code"],
            "territory_label": data["territory_label"],
            "postcodes": data["postcodes"],
            "residents_only": data["residents_only"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "support_threshold": data["support_threshold"] or 50,
            "budget_ceiling": data["budget_ceiling"],
        }


class MeetingForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=gettext_lazy("Date et heure"),
        input_formats=["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M"],
    )
    capacity = forms.IntegerField(label=gettext_lazy("Places"), min_value=1, max_value=100_000, initial=30)

    class Meta:
        model = Meeting
        fields = (
            "title",
            "kind",
            "place",
            "starts_at",
            "online_url",
            "agenda",
            "capacity",
            "minutes",
            "outcomes",
        )

    def meeting_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ModerationDecisionForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("Décision"),
        choices=[
            (a.value, a.label)
            for a in (
                ModerationDecision.Action.HIDE,
                ModerationDecision.Action.RESTORE,
                ModerationDecision.Action.BAN,
            )
        ],
    )
    reason = _text(gettext_lazy("Motif"), 300, required=True)


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("État"), choices=Proposal.Status.choices)
    official_answer = _text(gettext_lazy("Réponse officielle"), MAX_ANSWER_CHARS)


class ResidentForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Adresse électronique"), max_length=254)
    postcode = _text(gettext_lazy("Code postal vérifié"), 10, required=True)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="",
        error_messages={"required": gettext_lazy("Choisissez un fichier CSV au format du Grand Débat.")},
    )


class SynthesisVersionForm(forms.Form):
    version = forms.IntegerField(min_value=1, max_value=2_147_483_647, required=False)


class SynthesisEditForm(forms.Form):
    """« Relancer », « Renommer », « Fusionner » and « Scinder » on the synthesis page."""

    op = forms.ChoiceField(
        label="",
        choices=[("run", "run"), ("rename", "rename"), ("merge", "merge"), ("split", "split")],
        error_messages={
            "invalid_choice": gettext_lazy("Opération inconnue."),
            "required": gettext_lazy("Opération inconnue."),
        },
    )
    theme: forms.ModelChoiceField[Theme] = forms.ModelChoiceField(
        label=gettext_lazy("Thème"), queryset=None, required=False
    )
    themes: forms.ModelMultipleChoiceField[Theme] = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Thèmes"), queryset=None, required=False
    )
    label = _text(gettext_lazy("Nouveau nom"), 200)

    def __init__(self, themes, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes
        self.fields["themes"].queryset = themes


class SynthesisRunForm(forms.Form):
    theme_count = forms.IntegerField(
        label=gettext_lazy("Nombre de thèmes"),
        help_text=gettext_lazy(
            "Laissez vide pour un nombre choisi pour la lecture (6 à 15, selon la stabilité des thèmes)."
        ),
        required=False,
        min_value=THEMES_RANGE[0],
        max_value=THEMES_RANGE[1],
    )
    question: forms.ModelChoiceField[Question] = forms.ModelChoiceField(
        label=gettext_lazy("Réponses lues"),
        queryset=Question.objects.none(),
        required=False,
        empty_label=gettext_lazy("Toutes les questions ouvertes et les propositions"),
        error_messages={
            "invalid_choice": gettext_lazy("Cette question n'est pas une question ouverte de la démarche.")
        },
    )

    def __init__(self, process, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = selectors.open_questions(process)
