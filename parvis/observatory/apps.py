from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservatoryConfig(AppConfig):
    name = "parvis.observatory"
    label = "observatory"
    verbose_name = _("Observatoire")
    nav_label = _("Observatoire")
    nav_url = "observatory:index"
    nav_order = 30
    nav_description = _("Indicateurs par commune et indice de fragilité numérique.")

    def ready(self):
        # Imported here, not at module level: models and selectors cannot load before the app registry.
        from parvis.catalog.signals import version_published
        from parvis.observatory import rules  # noqa: F401
        from parvis.observatory.selectors import key_figures_version, territory_key_figures
        from parvis.observatory.services import refresh_on_new_version
        from parvis.territory.signals import territory_page_requested, territory_page_version

        version_published.connect(refresh_on_new_version, dispatch_uid="observatory.refresh")
        territory_page_requested.connect(territory_key_figures, dispatch_uid="observatory.territory_page")
        territory_page_version.connect(key_figures_version, dispatch_uid="observatory.territory_page_version")
