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
        from . import rules  # noqa: F401
