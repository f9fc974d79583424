from pathlib import Path

from django.core.management.base import BaseCommand

from parvis.core import storage_backup


class Command(BaseCommand):
    help = (
        "Sauvegarde la base de données et les fichiers stockés dans une archive (parvis backup FICHIER.tar)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "dest", help="fichier d'archive à écrire (ex. /srv/sauvegardes/parvis-2026-12-04.tar)"
        )
        parser.add_argument(
            "--include-secret-key",
            action="store_true",
            help="inclure SECRET_KEY en clair dans l'archive (sinon seule son empreinte y figure)",
        )

    def handle(self, *args, dest, include_secret_key=False, **options):
        manifest = storage_backup.backup(Path(dest), include_secret_key=include_secret_key)
        files = sum(1 for name in manifest["members"] if name.startswith("files/"))
        size = sum(m["size"] for m in manifest["members"].values())
        self.stdout.write(
            f"Sauvegarde écrite : {dest} (base de données et {files} fichier(s), {size / 1e6:.1f} Mo)."
        )
        if not include_secret_key:
            self.stdout.write(
                "SECRET_KEY n'est pas dans l'archive : conservez-la à part (ou relancez avec --include-secret-key)."
            )
