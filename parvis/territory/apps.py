from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "parvis.territory"
    label = "territory"
    verbose_name = _("Territoire")
    nav_label = _("Territoires")
    nav_url = "territory:index"
    nav_order = 20
    nav_description = _("Communes, intercommunalités et départements : population, cartes, voisins.")

    def ready(self):
        from parvis.territory import rules  # noqa: F401
