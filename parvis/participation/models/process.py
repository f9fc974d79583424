"""Participatory processes and their components: questionnaire, proposals, comments, meetings, budget."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL
MAX_TEXT = 10_000


class TerritoryKind(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    EPCI = "epci", _("EPCI / EPT")
    CUSTOM = "custom", _("Territoire personnalisé")


class Channel(models.TextChoices):
    ONLINE = "en_ligne", _("En ligne")
    PAPER = "papier", _("Papier (saisie par un agent)")
    MEETING = "reunion", _("Réunion (saisie par un agent)")
    IMPORT = "import", _("Import de fichier")


class CollectedByAgent(models.Model):
    """Where a participation came from: online by default, or collected on paper or at a meeting and typed
    in by an agent (who, where, when), so results can say how many came from each channel."""

    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    entered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    place = models.CharField(_("lieu de recueil"), max_length=200, blank=True)
    collected_on = models.DateField(_("date de recueil"), null=True, blank=True)

    class Meta:
        abstract = True


class Visibility(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    PENDING = "en_attente", _("Masqué en attente de modération")
    HIDDEN = "masque", _("Masqué par la modération")


class Process(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    summary = models.TextField(_("présentation"), max_length=MAX_TEXT, blank=True)
    territory_kind = models.CharField(_("type de territoire"), max_length=10, choices=TerritoryKind.choices)
    territory_code = models.CharField(_("code du territoire"), max_length=20, blank=True)
    territory_label = models.CharField(_("territoire"), max_length=200)
    postcodes = models.CharField(_("codes postaux du territoire"), max_length=500, blank=True)
    residents_only = models.BooleanField(_("réservé aux habitants du territoire"), default=False)
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"))
    support_threshold = models.PositiveIntegerField(_("seuil de soutiens"), default=50)
    budget_ceiling = models.PositiveIntegerField(_("plafond du budget (euros)"), null=True, blank=True)
    imported = models.BooleanField(_("consultation extérieure importée"), default=False)
    open_dataset_id = models.PositiveIntegerField(null=True, blank=True, editable=False)  # catalog.Dataset
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("démarche participative")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:process", args=[self.slug])

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today <= self.ends_on and not self.imported

    def postcode_list(self) -> list[str]:
        return [p.strip() for p in self.postcodes.replace(";", ",").split(",") if p.strip()]


class Phase(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="phases")
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), max_length=MAX_TEXT, blank=True)
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"))

    class Meta:
        ordering = ["starts_on"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        OPEN = "ouverte", _("Question ouverte")
        CLOSED = "fermee", _("Question fermée")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    choices = models.JSONField(_("réponses possibles"), default=list, blank=True)
    external_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def code(self) -> str:
        return self.external_id or f"Q{self.pk}"


class Moderated(models.Model):
    visibility = models.CharField(max_length=12, choices=Visibility.choices, default=Visibility.VISIBLE)
    moderation_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        abstract = True

    @property
    def is_visible(self) -> bool:
        return self.visibility == Visibility.VISIBLE


class Contribution(Moderated, CollectedByAgent):
    """One person's answers to a questionnaire, online, entered by an agent, or imported."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="contributions")
    author = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    answers = models.JSONField(default=dict)
    external_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "author"],
                condition=Q(channel="en_ligne"),
                name="one_online_answer_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"Contribution {self.pk}"


class Proposal(Moderated, CollectedByAgent):
    class Status(models.TextChoices):
        # A new proposal gathers supports; it is studied once it reaches the process's threshold.
        SUPPORTS = "soutiens", _("En recherche de soutiens")
        STUDY = "etude", _("À l'étude")
        ACCEPTED = "retenue", _("Retenue")
        REJECTED = "non_retenue", _("Non retenue")
        DONE = "realisee", _("Réalisée")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="proposals")
    author = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("titre"), max_length=150)
    body = models.TextField(_("description"), max_length=MAX_TEXT)
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    status = models.CharField(_("état"), max_length=12, choices=Status.choices, default=Status.SUPPORTS)
    official_answer = models.TextField(_("réponse officielle"), max_length=MAX_TEXT, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    supports_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-supports_count", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:proposal", args=[self.process.slug, self.pk])


class Support(CollectedByAgent):
    """One person's support; a support signed on paper has no account (user is empty)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    # Null once the person erased their account: the support stays counted, without a link to anyone.
    user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "user"], name="one_support_per_person")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.proposal_id}"


class Comment(Moderated):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("commentaire"), max_length=MAX_TEXT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:60]


class Meeting(models.Model):
    class Kind(models.TextChoices):
        IN_PERSON = "presentiel", _("Réunion en présentiel")
        HYBRID = "hybride", _("Réunion hybride")
        WORKSHOP = "atelier", _("Atelier")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("titre"), max_length=200)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.IN_PERSON)
    starts_at = models.DateTimeField(_("date et heure"))
    place = models.CharField(_("lieu"), max_length=300)
    online_url = models.URLField(_("lien de participation à distance"), blank=True)
    agenda = models.TextField(_("ordre du jour"), max_length=MAX_TEXT, blank=True)
    capacity = models.PositiveIntegerField(_("places"), default=30)
    minutes = models.TextField(_("compte rendu"), max_length=MAX_TEXT * 5, blank=True)
    outcomes = models.TextField(_("résultats"), max_length=MAX_TEXT, blank=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_registration_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.meeting_id}"


class BudgetProject(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="budget_projects")
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), max_length=MAX_TEXT, blank=True)
    cost = models.PositiveIntegerField(_("coût (euros)"))

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Ballot(CollectedByAgent):
    """One person's participatory-budget vote: a set of projects whose total stays within the ceiling.
    A paper ballot has no account (user is empty)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="ballots")
    # Null once the person erased their account: the vote stays counted, without a link to anyone.
    user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    projects = models.ManyToManyField(BudgetProject, related_name="ballots")
    total = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["process", "user"], name="one_ballot_per_person")]

    def __str__(self) -> str:
        return f"Vote {self.pk} ({self.total} €)"


class Resident(models.Model):
    """A person an agent verified as living in the territory (for processes reserved to residents)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="residents")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    postcode = models.CharField(_("code postal vérifié"), max_length=10)
    verified_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["process", "user"], name="one_residency_per_process")]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.process_id}"
