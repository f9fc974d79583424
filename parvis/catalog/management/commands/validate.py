"""``parvis validate SCHEMA FILE [--json]``: validate a file against a Table Schema.

Exit status: 0 valid, 1 invalid, 2 unusable input (unreadable file or schema).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parvis.catalog.lib.errors import IngestError, SchemaError
from parvis.catalog.lib.fetch import fetch_text
from parvis.catalog.lib.schema_catalog import get_schema
from parvis.catalog.lib.tableschema import load_schema
from parvis.catalog.lib.validate import ERROR_LABELS, validate_table
from parvis.core.lib import netguard

EXIT_VALID, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2


def resolve_schema(reference: str):
    """A schema from a URL, a JSON file path, or an id of the bundled catalogue."""
    if reference.startswith(("http://", "https://")):
        # The operator's own command line: a schema on the local network is theirs to read.
        return load_schema(fetch_text(reference, policy=netguard.Policy(allow_private=True)))
    if Path(reference).is_file():
        return load_schema(Path(reference))
    return get_schema(reference)


class Command(BaseCommand):
    requires_system_checks = []  # a file check needs neither the database nor the project checks
    help = gettext_lazy(
        "Valide un fichier (CSV, XLSX, ODS, JSON, GeoJSON, Parquet) contre un schéma "
        "Table Schema. Code de sortie : 0 si valide, 1 si invalide, 2 si le fichier ou le "
        "schéma est inutilisable."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "schema",
            help=gettext_lazy(
                "Schéma : chemin d'un fichier schema.json, adresse http(s) ou identifiant "
                "du catalogue intégré (par exemple scdl/subventions)."
            ),
        )
        parser.add_argument("file", help=gettext_lazy("Fichier de données à valider."))
        parser.add_argument("--json", action="store_true", help=gettext_lazy("Affiche le rapport en JSON."))
        parser.add_argument("--sheet", help=gettext_lazy("Feuille à lire dans un classeur (nom ou numéro)."))
        parser.add_argument("--encoding", help=gettext_lazy("Encodage du CSV (détecté sinon)."))
        parser.add_argument("--delimiter", help=gettext_lazy("Séparateur du CSV (détecté sinon)."))
        parser.add_argument("--format", help=gettext_lazy("Format du fichier (détecté sinon)."))

    def handle(self, *args, **options):
        read_options = {
            key: options[key] for key in ("sheet", "encoding", "delimiter", "format") if options.get(key)
        }
        try:
            schema = resolve_schema(options["schema"])
            report = validate_table(options["file"], schema, **read_options)
        except (IngestError, SchemaError) as exc:
            self._unusable(exc, as_json=options["json"])
            sys.exit(EXIT_UNUSABLE)
        if options["json"]:
            self.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False))
        else:
            self._print_text(report)
        sys.exit(EXIT_VALID if report.valid else EXIT_INVALID)

    def _unusable(self, exc, *, as_json: bool) -> None:
        message = getattr(exc, "message_fr", str(exc))
        if as_json:
            row = getattr(exc, "row", None)
            error = {"type": getattr(exc, "code", "error"), "row": row, "field": None, "message": message}
            self.stdout.write(json.dumps({"valid": False, "errors": [error]}, ensure_ascii=False))
        else:
            self.stderr.write(_("Fichier ou schéma inutilisable : {message}").format(message=message))

    def _print_text(self, report) -> None:
        if report.valid:
            self.stdout.write(_("Fichier valide ({rows} lignes).").format(rows=report.row_count))
            return
        self.stdout.write(
            _("Fichier invalide : {errors} erreur(s) sur {rows} lignes.").format(
                errors=report.error_count, rows=report.row_count
            )
        )
        for kind, count in report.summary.items():
            self.stdout.write(f"  {_(ERROR_LABELS[kind])} ({kind}) : {count}")
        for error in report.errors:
            self.stdout.write(f"- {error.message}")
