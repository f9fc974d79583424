from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "parvis.catalog"
    label = "catalog"
    verbose_name = _("Données")
    nav_label = _("Données")
    nav_url = "catalog:index"
    nav_order = 10
    nav_description = _("Jeux de données du territoire : consulter, filtrer, télécharger, publier.")

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the catalogue permissions)
