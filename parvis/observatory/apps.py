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
        from parvis.catalog.signals import version_published

        from . import rules  # noqa: F401
        from .services import refresh_on_new_version

        version_published.connect(refresh_on_new_version, dispatch_uid="observatory.refresh")
