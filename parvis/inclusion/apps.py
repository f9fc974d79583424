from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InclusionConfig(AppConfig):
    name = "parvis.inclusion"
    label = "inclusion"
    verbose_name = _("Inclusion numérique")
    nav_label = _("Trouver de l'aide")
    nav_url = "inclusion:search"
    nav_order = 40
    nav_description = _("Lieux d'aide au numérique près de chez vous, et l'aide sans internet.")

    def ready(self):
        from parvis.inclusion import (
            rules,  # noqa: F401  (registers the permissions)
            tasks,
        )
        from parvis.inclusion.signals import import_file_stored

        import_file_stored.connect(tasks.enqueue_import, dispatch_uid="inclusion.enqueue_import")
