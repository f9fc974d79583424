"""Versioned syntheses of a process and import reports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class Synthesis(models.Model):
    """One version of the automatic synthesis of a process; edits create a new version."""

    process = models.ForeignKey("participation.Process", on_delete=models.CASCADE, related_name="syntheses")
    version = models.PositiveIntegerField()
    note = models.CharField(max_length=300)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    documents = models.PositiveIntegerField(default=0)
    unclassified = models.PositiveIntegerField(default=0)
    duplicate_groups = models.JSONField(default=list)
    # The request that asked for this version: a retried background task finds it instead of storing another.
    request_id = models.UUIDField(null=True, blank=True, editable=False)
    # The open question whose answers alone were read; empty: every open answer and every proposal.
    question = models.ForeignKey(
        "participation.Question", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["process", "version"], name="one_synthesis_version"),
            models.UniqueConstraint(
                fields=["process", "request_id"],
                condition=models.Q(request_id__isnull=False),
                name="one_synthesis_per_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process} v{self.version}"


class Theme(models.Model):
    synthesis = models.ForeignKey(Synthesis, on_delete=models.CASCADE, related_name="themes")
    position = models.PositiveIntegerField()
    label = models.CharField(_("intitulé"), max_length=200)
    terms = models.JSONField(default=list)
    summary = models.TextField(_("résumé"), blank=True)
    size = models.PositiveIntegerField()
    quotes = models.JSONField(default=list)
    by_postcode = models.JSONField(default=dict)
    by_channel = models.JSONField(default=dict)
    by_question = models.JSONField(default=dict)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.label


class SynthesisItem(models.Model):
    """One answer or proposal as it entered a synthesis version (text copied, anonymous)."""

    synthesis = models.ForeignKey(Synthesis, on_delete=models.CASCADE, related_name="items")
    theme = models.ForeignKey(Theme, null=True, on_delete=models.CASCADE, related_name="items")
    text = models.TextField()
    postcode = models.CharField(max_length=10, blank=True)
    channel = models.CharField(max_length=10, blank=True)
    source = models.CharField(max_length=40)
    question = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return self.text[:60]


class ImportReport(models.Model):
    """One Grand Débat file: checked when received, its rows inserted by a background task."""

    class Status(models.TextChoices):
        PENDING = "pending", _("en cours")
        DONE = "done", _("terminé")
        FAILED = "failed", _("échec")

    process = models.ForeignKey("participation.Process", on_delete=models.CASCADE, related_name="imports")
    filename = models.CharField(max_length=200)
    encoding = models.CharField(max_length=20)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DONE)
    failure = models.TextField(blank=True)
    imported = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
