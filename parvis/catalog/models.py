"""Datasets, their resources (files) and the immutable versions of each resource.

A :class:`ResourceVersion` is written once by an import (Parquet file under
the default storage, ``datasets/``) and never modified afterwards, except its ``is_current`` flag,
which rollback moves. Exactly one ready version per resource is current.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parvis.catalog.lib import schema_catalog


class UnicodeJSONEncoder(json.JSONEncoder):
    """Writes « démarches » as is rather than ``"d\\u00e9marches"``, so the stored text reads (and is searched)
    as typed; SQLite keeps JSON as text, PostgreSQL's ``jsonb`` is unaffected."""

    def __init__(self, *args, **kwargs):
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


class Licence(models.TextChoices):
    ETALAB_2 = "etalab-2.0", _("Licence Ouverte / Open Licence 2.0 (Etalab)")
    ODBL = "odbl-1.0", _("Open Database License 1.0 (ODbL)")
    CC_BY = "cc-by-4.0", _("Creative Commons Attribution 4.0 (CC-BY)")
    CC_BY_SA = "cc-by-sa-4.0", _("Creative Commons Attribution – Partage à l'identique 4.0 (CC-BY-SA)")
    CC0 = "cc0-1.0", _("Creative Commons Zéro 1.0 (domaine public)")
    OTHER = "other", _("Autre licence")


LICENCE_URIS: dict[str, str] = {
    Licence.ETALAB_2: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    Licence.ODBL: "https://opendatacommons.org/licenses/odbl/1-0/",
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


class Frequency(models.TextChoices):
    CONTINUOUS = "continuous", _("En continu")
    DAILY = "daily", _("Quotidienne")
    WEEKLY = "weekly", _("Hebdomadaire")
    MONTHLY = "monthly", _("Mensuelle")
    QUARTERLY = "quarterly", _("Trimestrielle")
    ANNUAL = "annual", _("Annuelle")
    IRREGULAR = "irregular", _("Irrégulière")
    NEVER = "never", _("Pas de mise à jour prévue")
    UNKNOWN = "unknown", _("Inconnue")


FREQUENCY_URIS: dict[str, str] = {
    Frequency.CONTINUOUS: "UPDATE_CONT",
    Frequency.DAILY: "DAILY",
    Frequency.WEEKLY: "WEEKLY",
    Frequency.MONTHLY: "MONTHLY",
    Frequency.QUARTERLY: "QUARTERLY",
    Frequency.ANNUAL: "ANNUAL",
    Frequency.IRREGULAR: "IRREG",
    Frequency.NEVER: "NEVER",
    Frequency.UNKNOWN: "UNKNOWN",
}


class Theme(models.TextChoices):
    """The EU data themes (DCAT-AP ``dcat:theme`` vocabulary)."""

    AGRI = "AGRI", _("Agriculture, pêche, sylviculture et alimentation")
    ECON = "ECON", _("Économie et finances")
    EDUC = "EDUC", _("Éducation, culture et sport")
    ENER = "ENER", _("Énergie")
    ENVI = "ENVI", _("Environnement")
    GOVE = "GOVE", _("Gouvernement et secteur public")
    HEAL = "HEAL", _("Santé")
    INTR = "INTR", _("Questions internationales")
    JUST = "JUST", _("Justice, système juridique et sécurité publique")
    REGI = "REGI", _("Régions et villes")
    SOCI = "SOCI", _("Population et société")
    TECH = "TECH", _("Science et technologie")
    TRAN = "TRAN", _("Transports")


class Access(models.TextChoices):
    PUBLIC = "public", _("Public (données ouvertes)")
    RESTRICTED = "restricted", _("Restreint aux organisations partenaires désignées")
    PRIVATE = "private", _("Privé (organisation propriétaire seulement)")


class Dataset(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="catalog_datasets",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices, default=Licence.ETALAB_2)
    licence_other = models.CharField(_("autre licence (nom ou adresse)"), max_length=200, blank=True)
    keywords = models.JSONField(_("mots-clés"), default=list, blank=True, encoder=UnicodeJSONEncoder)
    theme = models.CharField(_("thème"), max_length=4, choices=Theme.choices, blank=True)
    coverage = models.JSONField(
        _("couverture territoriale"),
        default=list,
        blank=True,
        help_text=_("Codes INSEE des communes, SIREN des EPCI ou codes des départements."),
    )
    frequency = models.CharField(
        _("fréquence de mise à jour"), max_length=12, choices=Frequency.choices, default=Frequency.UNKNOWN
    )
    contact_name = models.CharField(_("contact"), max_length=200, blank=True)
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    access = models.CharField(_("accès"), max_length=12, choices=Access.choices, default=Access.PUBLIC)
    shared_with = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="catalog_shared_datasets",
        verbose_name=_("organisations partenaires ayant accès"),
    )
    published = models.BooleanField(_("publié"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("jeu de données")
        verbose_name_plural = _("jeux de données")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalog:dataset", args=[self.slug])

    @property
    def is_open(self) -> bool:
        """Visible to everybody, anonymous included (published and public)."""
        return self.published and self.access == Access.PUBLIC

    @property
    def licence_uri(self) -> str:
        return LICENCE_URIS.get(self.licence, self.licence_other)


class Resource(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    schema = models.JSONField(_("schéma (Table Schema)"), null=True, blank=True)
    schema_source = models.CharField(_("origine du schéma"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dataset", "title"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "slug"], name="catalog_resource_unique_slug")
        ]
        verbose_name = _("ressource")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalog:resource", args=[self.dataset.slug, self.slug])


class VersionStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    PROCESSING = "processing", _("En cours")
    READY = "ready", _("Prête")
    FAILED = "failed", _("Échec")


class ResourceVersion(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("numéro"))
    status = models.CharField(
        _("état"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progression (%)"), default=0)
    rows_processed = models.PositiveBigIntegerField(_("lignes traitées"), default=0)
    parquet_path = models.CharField(max_length=500, blank=True, help_text="Name in the default storage.")
    errors_path = models.CharField(max_length=500, blank=True, help_text="Name in the default storage.")
    row_count = models.PositiveBigIntegerField(_("nombre de lignes"), null=True, blank=True)
    columns = models.JSONField(_("colonnes"), default=list, blank=True)
    content_hash = models.CharField(_("empreinte du contenu"), max_length=64, blank=True)
    source_name = models.CharField(_("fichier source"), max_length=255, blank=True)
    source_format = models.CharField(_("format"), max_length=16, blank=True)
    source_size = models.PositiveBigIntegerField(null=True, blank=True)
    source_checksum = models.CharField(_("empreinte du fichier source (SHA-256)"), max_length=64, blank=True)
    source_meta = models.JSONField(default=dict, blank=True)
    schema = models.JSONField(_("schéma utilisé"), null=True, blank=True)
    schema_source = models.CharField(max_length=500, blank=True)
    valid = models.BooleanField(_("valide"), null=True)
    error_count = models.PositiveBigIntegerField(_("nombre d'erreurs"), default=0)
    report_summary = models.JSONField(_("résumé du rapport de validation"), default=dict, blank=True)
    failure = models.TextField(_("cause de l'échec"), blank=True)
    note = models.CharField(_("note de version"), max_length=500, blank=True)
    is_current = models.BooleanField(_("version courante"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["resource", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "number"], name="catalog_version_unique_number"),
            models.UniqueConstraint(
                fields=["resource"], condition=models.Q(is_current=True), name="catalog_version_one_current"
            ),
        ]
        verbose_name = _("version")

    def __str__(self) -> str:
        return f"{self.resource} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("catalog:version", args=[self.resource.dataset.slug, self.resource.slug, self.number])

    @property
    def schema_checked(self) -> bool:
        """A schema was chosen and checked (not one inferred from the file itself)."""
        return self.schema_source not in schema_catalog.NO_SCHEMA

    @property
    def schema_title(self) -> str:
        return schema_catalog.schema_title(self.schema_source, self.schema) if self.schema_checked else ""

    @property
    def schema_url(self) -> str | None:
        return schema_catalog.schema_url(self.schema_source) if self.schema_checked else None

    @property
    def is_ready(self) -> bool:
        return self.status == VersionStatus.READY

    @property
    def is_running(self) -> bool:
        return self.status in (VersionStatus.PENDING, VersionStatus.PROCESSING)


class ImportJob(models.Model):
    """The request that produced a version: where the file came from and the options chosen."""

    class Source(models.TextChoices):
        UPLOAD = "upload", _("Fichier envoyé")
        URL = "url", _("Adresse web")
        SERVER = "server", _("Fichier du serveur")

    version = models.OneToOneField(ResourceVersion, on_delete=models.CASCADE, related_name="job")
    source = models.CharField(max_length=8, choices=Source.choices)
    source_url = models.URLField(max_length=1000, blank=True)
    stored_file = models.CharField(max_length=500, blank=True, help_text="Name in the default storage.")
    options = models.JSONField(default=dict, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"import {self.pk} ({self.get_source_display()})"


class CorrectionStatus(models.TextChoices):
    PENDING = "pending", _("À examiner")
    ACCEPTED = "accepted", _("Acceptée")
    REFUSED = "refused", _("Refusée")


class RowCorrection(models.Model):
    """An error reported, or a correction proposed, by anyone on one row of a version.

    ``original`` keeps the row as the contributor saw it (every column, as the schema writes it) and
    ``proposed`` the new values of the columns they changed (empty for a plain error report), so the
    review can tell whether the row changed since, and nothing is lost when it did.
    """

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="corrections")
    version = models.ForeignKey(ResourceVersion, on_delete=models.CASCADE, related_name="corrections")
    row_number = models.PositiveBigIntegerField(_("ligne"))  # position in the version's file, from 0
    original = models.JSONField(_("valeurs d'origine"), default=dict)
    proposed = models.JSONField(_("valeurs proposées"), default=dict, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)
    email = models.EmailField(_("courriel pour être prévenu"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("état"), max_length=10, choices=CorrectionStatus.choices, default=CorrectionStatus.PENDING
    )
    reason = models.TextField(_("motif"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    result_version = models.ForeignKey(
        ResourceVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["resource", "status"], name="catalog_correction_pending")]
        verbose_name = _("correction proposée")
        verbose_name_plural = _("corrections proposées")

    def __str__(self) -> str:
        return f"{self.resource} ligne {self.row_number + 1}"

    @property
    def is_report(self) -> bool:
        """An error reported without new values."""
        return not self.proposed

    @property
    def line(self) -> int:
        """The row as people count it (the first data row is 1)."""
        return self.row_number + 1


class DatasetSearch(models.Model):
    """The folded text (``lib.searchtext.padded``) of a dataset, one row per dataset, indexed by the database:
    an FTS5 table fed by triggers on SQLite, a GIN ``tsvector`` index on PostgreSQL (migration 0003). Written
    by ``services.search`` on every save of a dataset or of its organisation, never in process memory."""

    dataset = models.OneToOneField(Dataset, on_delete=models.CASCADE, primary_key=True, related_name="search")
    title = models.TextField(blank=True)
    keywords = models.TextField(blank=True)
    organisation = models.TextField(blank=True)
    description = models.TextField(blank=True)
    document = models.TextField(blank=True, help_text="Every column above, for PostgreSQL's tsvector.")

    class Meta:
        verbose_name = _("index de recherche d'un jeu de données")

    def __str__(self) -> str:
        return self.document[:80]


class DatasetKeyword(models.Model):
    """One keyword of a dataset, as written (``label``) and folded (``folded``, the facet and filter value)."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="keyword_rows")
    label = models.CharField(_("mot-clé"), max_length=200)
    folded = models.CharField(max_length=200, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dataset", "folded"], name="catalog_keyword_unique_folded")
        ]
        verbose_name = _("mot-clé d'un jeu de données")

    def __str__(self) -> str:
        return self.label
