from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "parvis.accounts"
    label = "accounts"
    verbose_name = _("Confiance")

    def ready(self) -> None:
        # Each app declares what it holds about a person in its own privacy.py (see accounts.rgpd).
        autodiscover_modules("privacy")
        # Imported here, not at module level: tasks import services, which need the app registry.
        from parvis.accounts import tasks
        from parvis.accounts.signals import notification_queued, security_event

        notification_queued.connect(tasks.enqueue_delivery, dispatch_uid="accounts.enqueue_delivery")
        security_event.connect(tasks.notify_security_event, dispatch_uid="accounts.notify_security_event")
