"""Territories of the référentiel (communes, EPCI, EPT, départements, régions, arrondissements) and
custom territories (a set of communes defined by a collectivité), plus their stored contours."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    EPCI = "epci", _("Intercommunalité (EPCI)")
    EPT = "ept", _("Établissement public territorial")
    ARRONDISSEMENT = "arrondissement", _("Arrondissement")
    DEPARTEMENT = "departement", _("Département")
    REGION = "region", _("Région")
    CUSTOM = "custom", _("Territoire personnalisé")


class Territory(models.Model):
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    code = models.CharField(_("code"), max_length=64)
    name = models.CharField(_("nom"), max_length=200)
    search_name = models.CharField(max_length=200, db_index=True, editable=False)
    subtype = models.CharField(_("nature"), max_length=32, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    postcodes = models.CharField(_("codes postaux"), max_length=400, blank=True)
    departement = models.CharField(max_length=10, blank=True, db_index=True)
    region = models.CharField(max_length=10, blank=True, db_index=True)
    arrondissement = models.CharField(max_length=10, blank=True)
    epci = models.CharField(max_length=9, blank=True, db_index=True)
    ept = models.CharField(max_length=9, blank=True, db_index=True)
    parent = models.CharField(max_length=9, blank=True)
    former_codes = models.CharField(max_length=200, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="custom_territories",
    )
    members = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="custom_parents")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="territory_kind_code")]
        indexes = [models.Index(fields=["kind", "subtype"])]
        ordering = ["kind", "name"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def get_absolute_url(self):

        return reverse("territory:detail", args=[self.kind, self.code])


class Shape(models.Model):
    """A contour in Lambert-93 (EPSG:2154) stored as WKB, with its bounding box for neighbour lookups."""

    kind = models.CharField(max_length=16, choices=Kind.choices)
    code = models.CharField(max_length=9)
    wkb = models.BinaryField()
    minx = models.FloatField()
    miny = models.FloatField()
    maxx = models.FloatField()
    maxy = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="shape_kind_code")]
        # Covering index: neighbour lookups read the boxes without touching the geometry blobs.
        indexes = [models.Index(fields=["kind", "minx", "maxx", "miny", "maxy", "code"], name="shape_bbox")]

    def __str__(self):
        return f"{self.kind}:{self.code}"


class ImportRun(models.Model):
    """One run of ``parvis territory import``: what was loaded and how long it took."""

    started_at = models.DateTimeField(auto_now_add=True)
    files = models.JSONField(default=list)
    counts = models.JSONField(default=dict)
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"import {self.started_at:%Y-%m-%d %H:%M}"
