"""Help places (LaMednum's standard v1.0.2), imports, partner submissions, duplicates and gap indicators."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parvis.inclusion.lib.hours import parse
from parvis.inclusion.lib.standard import plausible_update
from parvis.inclusion.lib.vocab import MULTI_FIELDS, field_names, vocabularies

STALE_DAYS = 365
MASKED_FIELDS = (
    "services",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "frais_a_charge",
    "modalites_accompagnement",
    "modalites_acces",
)


def mask_of(field: str, values) -> int:
    vocabulary = vocabularies()[field]
    return sum(1 << vocabulary.index(v) for v in set(values or []) if v in vocabulary)


class PlaceStatus(models.TextChoices):
    PUBLISHED = "published", _("Publié")
    PENDING = "pending", _("En attente de modération")
    MERGED = "merged", _("Fusionné dans un autre lieu")


class Place(models.Model):
    # --- the 32 fields of the standard ---
    identifier = models.CharField(_("identifiant"), max_length=200, unique=True)
    pivot = models.CharField(_("SIRET, RNA ou RIDET"), max_length=14)
    nom = models.CharField(_("nom"), max_length=1000)
    commune = models.CharField(_("commune"), max_length=1000)
    code_postal = models.CharField(_("code postal"), max_length=5, db_index=True)
    code_insee = models.CharField(_("code INSEE"), max_length=5, blank=True, db_index=True)
    adresse = models.CharField(_("adresse"), max_length=1000)
    complement_adresse = models.CharField(_("complément d'adresse"), max_length=1000, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    typologie = models.JSONField(_("typologie"), default=list, blank=True)
    telephone = models.CharField(_("téléphone"), max_length=20, blank=True)
    courriels = models.JSONField(_("courriels"), default=list, blank=True)
    site_web = models.JSONField(_("sites web"), default=list, blank=True)
    horaires = models.CharField(_("horaires (OpenStreetMap)"), max_length=1000, blank=True)
    presentation_resume = models.CharField(_("présentation courte"), max_length=280, blank=True)
    presentation_detail = models.TextField(_("présentation détaillée"), blank=True)
    source = models.CharField(_("source"), max_length=1000, blank=True)
    itinerance = models.JSONField(_("itinérance"), default=list, blank=True)
    structure_parente = models.CharField(_("structure parente"), max_length=1000, blank=True)
    date_maj = models.DateField(_("date de mise à jour"))
    services = models.JSONField(_("services"), default=list, blank=True)
    publics_specifiquement_adresses = models.JSONField(
        _("publics spécifiquement adressés"), default=list, blank=True
    )
    prise_en_charge_specifique = models.JSONField(_("prise en charge spécifique"), default=list, blank=True)
    frais_a_charge = models.JSONField(_("frais à charge"), default=list, blank=True)
    dispositif_programmes_nationaux = models.JSONField(_("dispositifs nationaux"), default=list, blank=True)
    formations_labels = models.JSONField(_("formations et labels"), default=list, blank=True)
    autres_formations_labels = models.CharField(_("autres formations et labels"), max_length=1000, blank=True)
    modalites_acces = models.JSONField(_("modalités d'accès"), default=list, blank=True)
    modalites_accompagnement = models.JSONField(_("modalités d'accompagnement"), default=list, blank=True)
    fiche_acces_libre = models.CharField(_("fiche Accès libre"), max_length=1000, blank=True)
    prise_rdv = models.CharField(_("prise de rendez-vous"), max_length=1000, blank=True)
    # --- Parvis ---
    status = models.CharField(
        _("état"), max_length=12, choices=PlaceStatus.choices, default=PlaceStatus.PUBLISHED
    )
    source_key = models.CharField(max_length=200, blank=True, help_text="source + id in that source")
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="help_places"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    value_sources = models.JSONField(default=dict, blank=True)  # {field: {value: [source, ...]}}
    source_rows = models.JSONField(default=list, blank=True)  # raw rows as received, nothing lost
    services_mask = models.IntegerField(default=0)
    publics_mask = models.IntegerField(default=0)
    prise_en_charge_mask = models.IntegerField(default=0)
    frais_mask = models.IntegerField(default=0)
    accompagnement_mask = models.IntegerField(default=0)
    acces_mask = models.IntegerField(default=0)
    hours_ok = models.BooleanField(default=True)
    # False when date_maj is impossible (before 1990, in the future): shown as unknown, never as a fact
    date_maj_ok = models.BooleanField(default=True)
    demo = models.BooleanField(default=False)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lieu d'aide")
        verbose_name_plural = _("lieux d'aide")
        ordering = ["nom"]
        indexes = [
            models.Index(fields=["status", "latitude", "longitude"], name="incl_place_geo"),
            models.Index(fields=["source_key"], name="incl_place_source_key"),
        ]

    def __str__(self):
        return f"{self.nom} ({self.commune})"

    def save(self, *args, **kwargs):

        self.refresh_masks()
        self.hours_ok = parse(self.horaires).ok
        updated = date.fromisoformat(self.date_maj) if isinstance(self.date_maj, str) else self.date_maj
        self.date_maj_ok = plausible_update(updated) if updated else True
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("inclusion:place", args=[self.pk])

    def refresh_masks(self):
        self.services_mask = mask_of("services", self.services)
        self.publics_mask = mask_of("publics_specifiquement_adresses", self.publics_specifiquement_adresses)
        self.prise_en_charge_mask = mask_of("prise_en_charge_specifique", self.prise_en_charge_specifique)
        self.frais_mask = mask_of("frais_a_charge", self.frais_a_charge)
        self.accompagnement_mask = mask_of("modalites_accompagnement", self.modalites_accompagnement)
        self.acces_mask = mask_of("modalites_acces", self.modalites_acces)

    @property
    def is_stale(self) -> bool:
        return self.date_maj < timezone.localdate() - timedelta(days=STALE_DAYS)

    def record(self) -> dict:
        """The place as a record of the standard (lists for multi-value fields)."""

        out = {}
        for name in field_names():
            value = getattr(self, "identifier" if name == "id" else name)
            if name in MULTI_FIELDS:
                value = list(value or [])
            elif name == "date_maj":
                value = value.isoformat()
            out[name] = value
        return out


class ImportBatch(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL
    )
    filename = models.CharField(_("fichier"), max_length=300)
    archive = models.FileField(_("fichier reçu"), upload_to="inclusion/imports/", blank=True)
    kind = models.CharField(_("format"), max_length=20, blank=True)
    rows_total = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    issues_count = models.PositiveIntegerField(default=0)
    issues = models.JSONField(default=list, blank=True)  # first issues (capped), rendered in French
    rejected_rows = models.JSONField(default=list, blank=True)  # raw rows not imported
    error = models.TextField(blank=True)  # file-level error
    pending = models.BooleanField(default=False)  # a large file waiting for the worker to parse it

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import de lieux")

    def __str__(self):
        return self.filename


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", _("À modérer")
    APPROVED = "approved", _("Acceptée")
    REJECTED = "rejected", _("Refusée")


class PlaceSubmission(models.Model):
    """A partner's declaration of a new place or an update of one of its places, moderated."""

    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.CASCADE, related_name="submissions"
    )
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField()  # the record of the standard as submitted
    status = models.CharField(
        max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.data.get("nom", "")


# The fields of a place anyone may propose to correct (the others come from the standard's vocabularies,
# through the partner's declaration or an import).
REPORTABLE_FIELDS = (
    "nom",
    "adresse",
    "complement_adresse",
    "code_postal",
    "commune",
    "telephone",
    "horaires",
    "site_web",
    "courriels",
    "prise_rdv",
    "presentation_resume",
)


class PlaceReport(models.Model):
    """An error reported, or a correction proposed, by anyone on a published place; reviewed by the
    collectivité's moderators. ``original`` keeps the place's values when it was sent (the version it was
    based on, with ``based_on``), ``proposed`` the values changed (empty for a plain error report)."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="reports")
    based_on = models.DateTimeField(_("version du lieu"))  # the place's updated_at when it was sent
    original = models.JSONField(default=dict)
    proposed = models.JSONField(default=dict, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)
    email = models.EmailField(_("courriel pour être prévenu"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.PENDING
    )
    reason = models.TextField(_("motif"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signalement sur un lieu")

    def __str__(self):
        return f"{self.place.nom} — {self.created_at:%d/%m/%Y}"

    @property
    def is_report(self) -> bool:
        return not self.proposed


class DuplicateStatus(models.TextChoices):
    OPEN = "open", _("À examiner")
    MERGED = "merged", _("Fusionnés")
    DISTINCT = "distinct", _("Lieux distincts")


class DuplicateCandidate(models.Model):
    place_a = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    place_b = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    details = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score"]
        constraints = [models.UniqueConstraint(fields=["place_a", "place_b"], name="incl_duplicate_pair")]

    def __str__(self):
        return f"{self.place_a_id} ~ {self.place_b_id} ({self.score})"


class GapIndicator(models.Model):
    commune_code = models.CharField(max_length=5)
    commune_nom = models.CharField(max_length=200)
    departement = models.CharField(max_length=3, db_index=True)
    population = models.PositiveIntegerField(default=0)
    service = models.CharField(max_length=100)
    distance_km = models.FloatField(null=True)
    nearest = models.ForeignKey(Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    beyond = models.BooleanField(default=False)
    threshold_km = models.FloatField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["commune_nom", "service"]
        constraints = [
            models.UniqueConstraint(fields=["commune_code", "service"], name="incl_gap_commune_service")
        ]

    def __str__(self):
        return f"{self.commune_nom} — {self.service}"
