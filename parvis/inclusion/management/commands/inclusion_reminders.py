from django.core.management.base import BaseCommand

from parvis.inclusion.services import send_stale_reminders


class Command(BaseCommand):
    help = "Relance par courriel les organisations dont des lieux d'aide n'ont pas été mis à jour depuis 12 mois."

    def handle(self, *args, **options):
        counts = send_stale_reminders()
        self.stdout.write(
            f"{counts['organisations']} organisation(s) relancée(s) pour {counts['lieux']} lieu(x)."
        )
