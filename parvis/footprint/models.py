from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parvis.footprint.messages import error_message


class Site(models.Model):
    """A collectivité's website, identified by its territory in the référentiel."""

    class Kind(models.TextChoices):
        COMMUNE = "commune", _("Commune")
        EPCI = "epci", _("Intercommunalité (EPCI)")
        EPT = "ept", _("Établissement public territorial")
        DEPARTEMENT = "departement", _("Département")

    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="footprint_sites",
    )
    name = models.CharField(_("nom"), max_length=200)
    territory_kind = models.CharField(_("type de collectivité"), max_length=16, choices=Kind.choices)
    territory_code = models.CharField(_("code INSEE ou SIREN"), max_length=9)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    url = models.URLField(_("adresse de la page d'accueil"), max_length=500)
    is_instance = models.BooleanField(_("site de cette instance Parvis"), default=False)
    ranking_public = models.BooleanField(_("classement public"), default=False)
    demo_snapshot = models.BooleanField(
        _("maquette de démonstration"),
        default=False,
        help_text=_("Les audits mesurent une maquette générée servie par cette instance, pas le site réel."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("site audité")
        constraints = [models.UniqueConstraint(fields=["url"], name="footprint_site_unique_url")]

    def __str__(self) -> str:
        return self.name


class SiteAudit(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("en attente")
        RUNNING = "running", _("en cours")
        DONE = "done", _("terminé")
        FAILED = "failed", _("échec")

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="audits")
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    pages_total = models.PositiveSmallIntegerField(default=0)
    pages_done = models.PositiveSmallIntegerField(default=0)
    score = models.PositiveSmallIntegerField(_("score EcoIndex médian"), null=True, blank=True)
    grade = models.CharField(_("note"), max_length=1, blank=True)
    size_kb = models.FloatField(_("poids médian (ko)"), null=True, blank=True)
    requests = models.PositiveIntegerField(_("requêtes (médiane)"), null=True, blank=True)
    nodes = models.PositiveIntegerField(_("éléments (médiane)"), null=True, blank=True)
    violations = models.PositiveIntegerField(_("violations d'accessibilité"), null=True, blank=True)
    worst = models.JSONField(default=list, blank=True)
    declarative = models.JSONField(default=dict, blank=True)
    error_code = models.CharField(max_length=30, blank=True)
    error_params = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit de site")

    def __str__(self) -> str:
        return f"{self.site} — {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def error_message(self) -> str:
        return error_message(self.error_code, self.error_params) if self.error_code else ""

    @property
    def progress_percent(self) -> int:
        return round(100 * self.pages_done / self.pages_total) if self.pages_total else 0


class PageAudit(models.Model):
    audit = models.ForeignKey(SiteAudit, on_delete=models.CASCADE, related_name="pages")
    position = models.PositiveSmallIntegerField(default=0)
    url = models.URLField(max_length=1000)
    ok = models.BooleanField(default=False)
    error_code = models.CharField(max_length=30, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    nodes = models.PositiveIntegerField(null=True, blank=True)
    requests = models.PositiveIntegerField(null=True, blank=True)
    size_kb = models.FloatField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    grade = models.CharField(max_length=1, blank=True)
    ges = models.FloatField(null=True, blank=True)
    water = models.FloatField(null=True, blank=True)
    violations_count = models.PositiveIntegerField(default=0)
    violations = models.JSONField(default=list, blank=True)
    findings = models.JSONField(default=list, blank=True)
    weight_by_type = models.JSONField(default=dict, blank=True)
    declarative = models.JSONField(default=dict, blank=True)
    recommendations = models.JSONField(default=list, blank=True)
    provenance = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["audit", "position"]
        verbose_name = _("audit de page")

    def __str__(self) -> str:
        return self.url

    @property
    def error_message(self) -> str:
        return error_message(self.error_code, self.error_params) if self.error_code else ""
