import sys

from django.core.management.base import BaseCommand

from parvis.core.lib import supervisor


class Command(BaseCommand):
    help = "Démarre le serveur web (granian + whitenoise) et le travailleur de tâches de fond ensemble."

    def add_arguments(self, parser):
        supervisor.add_arguments(parser)

    def handle(self, *args, host, port, workers, no_worker, **options):
        # `parvis serve` reaches parvis.core.lib.supervisor without loading Django (see parvis.cli); this
        # command is the same for `django-admin serve`.
        sys.exit(supervisor.serve(host=host, port=port, workers=workers, no_worker=no_worker))
