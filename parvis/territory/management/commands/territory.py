"""``parvis territory import [FILES…]`` and ``parvis territory france-map``."""

import os

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parvis.territory.maps import france_communes_svg
from parvis.territory.services.imports import ReferentielError, import_files


class Command(BaseCommand):
    # A lazy string, translated when argparse prints it; django-stubs declares BaseCommand.help as str.
    help = gettext_lazy(  # type: ignore[assignment]
        "Référentiel des territoires : import des communes, intercommunalités et contours."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "import", help="importe le référentiel (sans fichier : extrait 94 et 23 fourni)"
        )
        load.add_argument(
            "files", nargs="*", help="fichiers ou dossiers (communes.json.gz, communes-XX.geojson.gz…)"
        )
        sub.add_parser("france-map", help=_("prépare la carte de toutes les communes de France (cache)"))

    def handle(self, *args, action, **options):
        if action == "import":
            missing = [f for f in options["files"] if not os.path.exists(f)]
            if missing:
                raise CommandError(_("Fichier introuvable : %(files)s") % {"files": ", ".join(missing)})
            try:
                import_files(options["files"], stdout=self.stdout)
            except ReferentielError as error:
                raise CommandError(str(error)) from error
        else:
            svg = france_communes_svg()
            self.stdout.write(_("Carte de France prête (%(kb)s Ko).") % {"kb": len(svg) // 1024})
