import json
from datetime import timedelta

from django.core.management.base import BaseCommand

from parvis.core import storage_cleanup


class Command(BaseCommand):
    help = (
        "Supprime les fichiers temporaires et les objets du stockage qu'aucune ligne ne référence, "
        "et liste les lignes dont le fichier manque."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="lister sans rien supprimer")
        parser.add_argument(
            "--grace-minutes",
            type=int,
            default=60,
            help="âge minimal d'un fichier pour être supprimé (envois en cours ; 60 par défaut)",
        )
        parser.add_argument("--json", action="store_true", help="rapport en JSON")

    def handle(self, *args, dry_run=False, grace_minutes=60, json=False, **options):
        report = storage_cleanup.run(grace=timedelta(minutes=max(grace_minutes, 0)), dry_run=dry_run)
        if json:
            self.stdout.write(_json(report, dry_run))
            return
        verb = "à supprimer" if dry_run else "supprimé(s)"
        self.stdout.write(f"Fichiers temporaires {verb} : {len(report.temporary)}")
        for path in report.temporary:
            self.stdout.write(f"  {path}")
        self.stdout.write(f"Objets du stockage sans ligne {verb} : {len(report.objects)}")
        for name in report.objects:
            self.stdout.write(f"  {name}")
        if report.cached:
            self.stdout.write(f"Copies locales inutiles {verb} : {len(report.cached)}")
        self.stdout.write(f"Lignes dont le fichier manque : {len(report.missing)}")
        for name, row in report.missing:
            self.stdout.write(f"  {row} : {name}")


def _json(report, dry_run: bool) -> str:
    return json.dumps(
        {
            "dry_run": dry_run,
            "temporary": report.temporary,
            "objects": report.objects,
            "cached": report.cached,
            "missing": [{"name": n, "row": r} for n, r in report.missing],
        },
        ensure_ascii=False,
    )
