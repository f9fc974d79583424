"""``parvis inclusion import FICHIER --organisation SLUG [--json]``: the import of the « Importer » page."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from parvis.accounts.selectors import organisation_by_slug
from parvis.accounts.services import audit
from parvis.core import importcli
from parvis.inclusion import services
from parvis.inclusion.tasks import refresh_after_import


class Command(BaseCommand):
    help = "Lieux d'aide numérique : import d'un fichier (standard LaMednum, data·inclusion, CSV, tableur)."

    def add_arguments(self, parser):
        load, _actions = importcli.add_import_parser(
            parser, help="importe un fichier de lieux pour une organisation", file_help="fichier à importer"
        )
        load.add_argument("--organisation", required=True, help="identifiant (slug) de l'organisation")

    def handle(self, *args, action, file, organisation, json, **options):
        org = importcli.target(
            organisation_by_slug(organisation), _("Organisation inconnue : « %(slug)s »."), organisation
        )
        batch = services.import_file(
            data=importcli.read_file(file), filename=Path(file).name, organisation=org
        )
        audit(
            actor=None,
            action="inclusion.import",
            target=batch,
            organisation=org,
            details={
                "created": batch.created,
                "updated": batch.updated,
                "rejected": batch.rejected,
                "cli": True,
            },
        )
        errors = [
            {"row": issue["ligne"], "field": issue["colonne"], "message": issue["message"]}
            for issue in batch.issues
            if issue["bloquant"]
        ]
        result = {
            "created": batch.created,
            "updated": batch.updated,
            "refused": batch.rejected,
            "errors": errors,
        }
        if batch.error:
            result["errors"] = [{"row": None, "field": None, "message": batch.error}]
            raise importcli.unreadable(self, result, as_json=json, message=batch.error)
        if batch.created or batch.updated:
            refresh_after_import.enqueue()
        summary = (
            _("%(created)s lieu(x) créé(s), %(updated)s mis à jour, %(refused)s ligne(s) refusée(s).")
            % result
        )
        details = [f"  ligne {e['row']}, {e['field']} : {e['message']}" for e in errors]
        importcli.output(self, result, as_json=json, summary="\n".join([summary, *details]))
