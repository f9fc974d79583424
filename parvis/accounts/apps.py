from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "parvis.accounts"
    label = "accounts"
    verbose_name = _("Confiance")

    def ready(self) -> None:
        # Imported here, not at module level: tasks import services, which need the app registry.
        from parvis.accounts import tasks
        from parvis.accounts.signals import notification_queued

        notification_queued.connect(tasks.enqueue_delivery, dispatch_uid="accounts.enqueue_delivery")
