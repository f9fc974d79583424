"""Reports, public moderation decisions and bans."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Publicité ou spam")
        OFFENSIVE = "injurieux", _("Propos injurieux ou haineux")
        PERSONAL = "donnees", _("Données personnelles")
        OFF_TOPIC = "hors_sujet", _("Hors sujet")
        OTHER = "autre", _("Autre")

    target_kind = models.CharField(max_length=12)
    target_id = models.PositiveIntegerField()
    process = models.ForeignKey("participation.Process", on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("motif"), max_length=12, choices=Reason.choices)
    details = models.CharField(_("précisions"), max_length=500, blank=True)
    resolved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["target_kind", "target_id", "reporter"], name="one_report_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.target_kind} {self.target_id}: {self.reason}"


class ModerationDecision(models.Model):
    """Public log entry: what was decided on which content and why (never who reported it)."""

    class Action(models.TextChoices):
        AUTO_HIDE = "auto", _("Masqué automatiquement (3 signalements)")
        SPAM = "spam", _("Retenu par le filtre anti-spam")
        HIDE = "masquer", _("Masqué")
        RESTORE = "retablir", _("Rétabli")
        BAN = "bannir", _("Participant exclu")

    process = models.ForeignKey("participation.Process", on_delete=models.CASCADE, related_name="decisions")
    target_kind = models.CharField(max_length=12)
    target_id = models.PositiveIntegerField(null=True)
    target_label = models.CharField(max_length=200)
    action = models.CharField(max_length=10, choices=Action.choices)
    reason = models.CharField(_("motif"), max_length=300)
    decided_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.action} {self.target_label}"


class Ban(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("motif"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_ban_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.organisation_id}"
