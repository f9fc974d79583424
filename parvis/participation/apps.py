from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "parvis.participation"
    label = "participation"
    verbose_name = _("Participation")
    nav_label = _("Participation")
    nav_url = "participation:index"
    nav_order = 60
    nav_description = _("Consultations, propositions, budget participatif : donnez votre avis.")

    def ready(self) -> None:
        # Imported here, not at module level: models and services cannot load before the app registry.
        from parvis.core.storage_cache import references_requested
        from parvis.participation import (
            rules,  # noqa: F401  (registers the permissions)
            tasks,
        )
        from parvis.participation.selectors import stored_files
        from parvis.participation.signals import grand_debat_file_stored

        grand_debat_file_stored.connect(tasks.enqueue_import, dispatch_uid="participation.enqueue_import")
        references_requested.connect(stored_files, dispatch_uid="participation.stored_files")
