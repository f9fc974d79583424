"""``parvis catalog import FICHIER --dataset SLUG [--resource SLUG] [--json]``: a new version of a resource,
through the import of the resource page (same reading, validation and publication rules), run at once."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from parvis.catalog import services
from parvis.catalog.models import Dataset, VersionStatus
from parvis.core import importcli


class Command(BaseCommand):
    help = "Catalogue de données : import d'un fichier comme nouvelle version d'une ressource."

    def add_arguments(self, parser):
        load, _actions = importcli.add_import_parser(
            parser,
            help="importe un fichier dans une ressource d'un jeu de données",
            file_help="fichier à importer (CSV, tableur, JSON, GeoJSON, Parquet…)",
        )
        load.add_argument("--dataset", required=True, help="identifiant (slug) du jeu de données")
        load.add_argument(
            "--resource", help="identifiant (slug) de la ressource ; facultatif si le jeu en a une seule"
        )

    def handle(self, *args, action, file, dataset, resource, json, **options):
        found = importcli.target(
            Dataset.objects.filter(slug=dataset).first(), _("Jeu de données inconnu : « %(slug)s »."), dataset
        )
        target = self._resource(found, resource, file)
        importcli.read_file(file)  # an unreadable path exits with code 2 before any version is created
        version = services.start_import(resource=target, actor=None, path=file, run_now=True)
        result = {
            "dataset": found.slug,
            "resource": target.slug,
            "version": version.number,
            "status": version.status,
            "rows": version.row_count,
            "valid": version.valid,
            "errors": version.error_count,
            "current": version.is_current,
            "failure": version.failure,
        }
        if version.status != VersionStatus.READY:
            raise importcli.unreadable(self, result, as_json=json, message=version.failure)
        summary = _(
            "Version %(version)s de « %(resource)s » : %(rows)s ligne(s), %(errors)s erreur(s) de validation%(current)s."
        ) % {**result, "current": _(", publiée") if version.is_current else _(", non publiée (erreurs)")}
        importcli.output(self, result, as_json=json, summary=summary)

    def _resource(self, dataset, slug, file):
        resources = list(dataset.resources.all())
        if slug:
            match = [r for r in resources if r.slug == slug]
            if not match:
                raise CommandError(_("Ressource inconnue dans ce jeu : « %(slug)s ».") % {"slug": slug})
            return match[0]
        if len(resources) > 1:
            raise CommandError(
                _("Ce jeu a plusieurs ressources : précisez --resource (%(slugs)s).")
                % {"slugs": ", ".join(r.slug for r in resources)}
            )
        if resources:
            return resources[0]
        return services.create_resource(dataset=dataset, title=Path(file).stem)
