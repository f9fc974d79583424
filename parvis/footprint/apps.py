from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FootprintConfig(AppConfig):
    name = "parvis.footprint"
    label = "footprint"
    verbose_name = _("Sobriété numérique")
    nav_label = _("Sobriété")
    nav_url = "footprint:index"
    nav_order = 50
    nav_description = _("Empreinte environnementale et accessibilité des sites des collectivités.")

    def ready(self):
        # Imported here, not at module level: models and services cannot load before the app registry.
        from parvis.footprint import (
            rules,  # noqa: F401  (registers the permissions)
            tasks,
        )
        from parvis.footprint.signals import audit_requested

        audit_requested.connect(tasks.enqueue_audit, dispatch_uid="footprint.enqueue_audit")
