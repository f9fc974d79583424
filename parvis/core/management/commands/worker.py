from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Démarre le travailleur qui exécute les tâches de fond (imports, audits, synthèses)."

    def handle(self, *args, **options):
        call_command("db_worker", "--queue-name", "*")
