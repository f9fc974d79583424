from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Démarre le travailleur qui exécute les tâches de fond (imports, audits, synthèses) et lance les "
        "tâches périodiques (rappels, purges) une fois par période sur l'ensemble des nœuds."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--concurrency", type=int, default=1, help="tâches exécutées en même temps par ce processus"
        )

    def handle(self, *args, concurrency, **options):
        # django-ox's worker: leases renewed while a task runs, dead workers' tasks reclaimed and retried,
        # periodic jobs dispatched through parvis.core.scheduler.
        call_command("ox_worker", "--concurrency", str(concurrency), verbosity=options["verbosity"])
