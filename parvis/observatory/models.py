"""Indicators computed from catalogue resources, their history, dashboards and the IFN sources."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Aggregation(models.TextChoices):
    SUM = "sum", _("Somme")
    MEAN = "mean", _("Moyenne simple des communes (jamais pour une médiane ou un taux)")
    WEIGHTED_MEAN = "weighted_mean", _("Moyenne pondérée par la population (médianes, taux déjà calculés)")
    COUNT = "count", _("Nombre de lignes")
    RATE = "rate", _("Taux (numérateur / dénominateur × 100)")
    NONE = "none", _("Non agrégeable (une valeur par territoire, pas de total)")


class Level(models.TextChoices):
    COMMUNE = "commune", _("Commune (code INSEE)")
    EPCI = "epci", _("Intercommunalité (SIREN)")
    DEPARTEMENT = "departement", _("Département")


class Method(models.TextChoices):
    QUANTILES = "quantiles", _("Quantiles (autant de communes par classe)")
    EQUAL = "equal", _("Intervalles égaux")
    JENKS = "jenks", _("Seuils naturels (Jenks)")


class Palette(models.TextChoices):
    VIRIDIS = "viridis", _("Viridis (jaune → violet)")
    BLEUS = "bleus", _("Bleus")
    ORANGE = "orange", _("Orangés")


class Indicator(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="indicators"
    )
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    resource = models.ForeignKey("catalog.Resource", on_delete=models.CASCADE, related_name="indicators")
    level = models.CharField(
        _("niveau des codes"), max_length=16, choices=Level.choices, default=Level.COMMUNE
    )
    code_column = models.CharField(_("colonne des codes"), max_length=200)
    roll_up_arrondissements = models.BooleanField(
        _("regrouper les arrondissements de Paris, Lyon et Marseille dans leur commune"), default=False
    )
    aggregation = models.CharField(_("agrégation"), max_length=16, choices=Aggregation.choices)
    value_column = models.CharField(_("colonne des valeurs (ou numérateur)"), max_length=200, blank=True)
    denominator_column = models.CharField(_("colonne du dénominateur"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("année"))
    # Indicators of the same measure for different years share a series: their page draws its evolution.
    series = models.SlugField(
        _("série"),
        max_length=120,
        blank=True,
        default="",
        help_text=_(
            "Même identifiant pour la même mesure à des années différentes (par exemple « population ») : "
            "la page de l'indicateur montre alors son évolution."
        ),
    )
    unit = models.CharField(_("unité"), max_length=50, blank=True)
    source = models.CharField(_("source"), max_length=300)
    method = models.CharField(_("classes"), max_length=12, choices=Method.choices, default=Method.QUANTILES)
    classes = models.PositiveSmallIntegerField(_("nombre de classes"), default=5)
    palette = models.CharField(_("palette"), max_length=12, choices=Palette.choices, default=Palette.VIRIDIS)
    is_public = models.BooleanField(_("public"), default=False)
    # Set when the source dataset stopped being public: the public indicator is no longer fed.
    source_note = models.CharField(_("note sur la source"), max_length=300, blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("indicateur")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):

        return reverse("observatory:indicator", args=[self.slug])


class IndicatorRun(models.Model):
    """One computation of an indicator from one version of its resource (the indicator's history)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="runs")
    version = models.ForeignKey(
        "catalog.ResourceVersion", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version_number = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(auto_now_add=True)
    seconds = models.FloatField(default=0)
    rows_read = models.PositiveIntegerField(default=0)
    unmatched = models.JSONField(default=list)  # first 500 rows: line, raw, problem
    unmatched_count = models.PositiveIntegerField(default=0)
    bad_values = models.JSONField(default=list)
    bad_value_count = models.PositiveIntegerField(default=0)
    duplicated_codes = models.JSONField(default=list)
    duplicate_count = models.PositiveIntegerField(default=0)
    is_current = models.BooleanField(default=True)
    # One row per territory (code, value, numerator, denominator, rows) as Parquet: 35,000 values are
    # written and read back in milliseconds, where as many database rows would take seconds.
    values_parquet = models.BinaryField(default=b"")
    value_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-computed_at", "-pk"]

    def __str__(self):
        return f"{self.indicator} v{self.version_number}"


class Dashboard(models.Model):
    """Chosen indicators of one territory, in order, edited by a gestionnaire of the organisation."""

    territory = models.OneToOneField(
        "territory.Territory", on_delete=models.CASCADE, related_name="dashboard"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="dashboards"
    )
    indicators = models.ManyToManyField(Indicator, through="DashboardCard")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.territory}"


class DashboardCard(models.Model):
    dashboard = models.ForeignKey(Dashboard, on_delete=models.CASCADE, related_name="cards")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dashboard", "indicator"], name="dashboard_card_unique")
        ]

    def __str__(self):
        return f"{self.dashboard} #{self.position}"


class IfnSource(models.Model):
    """Where the IFN page reads its data: the official scores, and optionally raw inputs to recompute."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", _("Scores officiels (La MedNum / ANCT)")
        RAW = "raw", _("Données brutes")

    kind = models.CharField(max_length=10, choices=Kind.choices, unique=True)
    resource = models.ForeignKey("catalog.Resource", on_delete=models.CASCADE, related_name="+")
    code_column = models.CharField(max_length=200, default="code")
    columns = models.JSONField(
        default=dict, help_text="component -> column (raw) ; for official: component names"
    )
    note = models.TextField(blank=True)

    def __str__(self):
        return self.get_kind_display()


class IfnScenario(models.Model):
    """A named set of IFN weights saved by an agent of an organisation, reusable by its URL and exportable."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="ifn_scenarios"
    )
    name = models.CharField(_("nom"), max_length=120)
    slug = models.SlugField(_("identifiant"), max_length=140, unique=True)
    description = models.TextField(_("description"), blank=True)
    weights = models.JSONField(_("poids"), default=dict)  # component -> weight (0 to 5)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("scénario de pondération de l'IFN")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="ifn_scenario_unique_name")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("observatory:ifn") + f"?scenario={self.slug}"

    @property
    def weight_list(self) -> list[float]:
        """The five weights in the order of the IFN components."""
        from parvis.observatory.lib.ifn import COMPONENTS

        return [self.weights.get(c) for c in COMPONENTS]
