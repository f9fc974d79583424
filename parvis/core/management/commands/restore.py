from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from parvis.core import storage_backup


class Command(BaseCommand):
    help = "Restaure une archive de parvis backup sur une instance vide (vérifiée en entier avant toute écriture)."

    def add_arguments(self, parser):
        parser.add_argument("src", help="archive écrite par parvis backup")
        parser.add_argument(
            "--force", action="store_true", help="remplacer les données et fichiers déjà présents"
        )
        parser.add_argument("--check", action="store_true", help="vérifier l'archive sans rien restaurer")

    def handle(self, *args, src, force=False, check=False, **options):
        try:
            if check:
                checked = storage_backup.check(Path(src))
                self.stdout.write(
                    f"Archive valide : {len(checked.files)} fichier(s), base de données incluse."
                )
                return
            checked = storage_backup.restore(Path(src), force=force, log=self.stdout.write)
        except storage_backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restauration terminée : base de données et {len(checked.files)} fichier(s) "
            f"(sauvegarde du {checked.manifest['created_at'][:16]})."
        )
