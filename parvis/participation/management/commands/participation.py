"""``parvis participation <action>``: one command, one subcommand per action (``import`` here; other actions
add their own subparser in ``add_arguments`` and their branch in ``handle``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from parvis.core import importcli
from parvis.participation.models import Process
from parvis.participation.services import ParticipationError
from parvis.participation.services.opendata import import_grand_debat


class Command(BaseCommand):
    help = "Participation citoyenne : import de contributions (format Grand Débat)."

    def add_arguments(self, parser):
        # Other actions (e.g. `synthesise`) add their parser to `actions` and a handle_<action> method.
        load, actions = importcli.add_import_parser(
            parser,
            help="importe un fichier au format du Grand Débat dans une consultation",
            file_help="fichier CSV au format Grand Débat",
        )
        load.add_argument("--process", required=True, help="identifiant (slug) de la consultation")

    def handle(self, *args, action, **options):
        return getattr(self, f"handle_{action}")(**options)

    def handle_import(self, *, file, process, json, **options):
        found = Process.objects.filter(slug=process).first()
        if found is None:
            raise CommandError(_("Consultation inconnue : « %(slug)s ».") % {"slug": process})
        data = importcli.read_file(file)
        try:
            report = import_grand_debat(process=found, data=data, filename=Path(file).name, actor=None)
        except ParticipationError as exc:
            result = {"imported": 0, "errors": [str(exc)]}
            raise importcli.unreadable(self, result, as_json=json, message=str(exc)) from exc
        result = {"imported": report.imported, "errors": [str(e) for e in report.errors]}
        summary = _("%(n)s contribution(s) importée(s), %(e)s ligne(s) en erreur.") % {
            "n": report.imported,
            "e": len(report.errors),
        }
        importcli.output(self, result, as_json=json, summary="\n".join([summary, *result["errors"]]))
