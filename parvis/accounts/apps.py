from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "parvis.accounts"
    label = "accounts"
    verbose_name = _("Confiance")

    def ready(self):
        # Each app declares what it holds about a person in its own privacy.py (see accounts.rgpd).
        autodiscover_modules("privacy")
        from parvis.accounts import tasks  # noqa: F401  (registers the periodic purge)
