from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

# Order matters: accounts and territory are what the other demos stand on.
DEMO_ORDER = ["accounts", "territory", "catalog", "observatory", "inclusion", "footprint", "participation"]


def demo_modules():
    for app in DEMO_ORDER:
        if app not in settings.PARVIS_APPS:
            continue
        try:
            yield app, import_module(f"parvis.{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"parvis.{app}.demo":
                raise


class Command(BaseCommand):
    help = "Charge le territoire de démonstration (GPSEA), ses données et les comptes de démo. Sans doublon si relancé."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", help="limiter à certains modules (ex. accounts territory)")

    def handle(self, *args, only=None, **options):
        for app, module in demo_modules():
            if only and app not in only:
                continue
            self.stdout.write(f"Démo « {app} »…")
            with transaction.atomic():
                module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Démonstration chargée."))
