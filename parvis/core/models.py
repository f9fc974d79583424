from django.db import models
from django.utils.translation import gettext_lazy as _


class InstanceSettings(models.Model):
    """The instance's identity and legal pages, edited by its administrator (one row, pk=1).

    An empty field means "use the default": the environment variable of the same purpose
    (``PARVIS_SITE_NAME``, ``PARVIS_CONTACT_EMAIL``…) or, for the legal pages, the text shipped with Parvis.
    """

    site_name = models.CharField(_("nom de l'instance"), max_length=200, blank=True)
    logo = models.CharField(_("logo"), max_length=300, blank=True)
    primary_color = models.CharField(_("couleur principale"), max_length=7, blank=True)
    home_territory = models.CharField(_("territoire de référence"), max_length=30, blank=True)
    contact_email = models.EmailField(_("adresse de contact"), blank=True)
    legal_notice = models.TextField(_("mentions légales"), blank=True)
    accessibility_statement = models.TextField(_("déclaration d'accessibilité"), blank=True)
    privacy_page = models.TextField(_("page données personnelles"), blank=True)
    audit_retention_days = models.PositiveIntegerField(
        _("conservation du journal (jours)"), null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("réglages de l'instance")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
