from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "parvis.core"
    label = "core"
    verbose_name = _("Parvis")

    def ready(self):
        from django.utils.translation import gettext

        from parvis import translation
        from parvis.core import checks, storage_check  # noqa: F401  (register the deploy and storage checks)

        translation.set_translator(
            gettext
        )  # messages of the pure-Python libraries go through Django's gettext
