"""``parvis participation import FILE --process SLUG [--json]`` (the Grand Débat import of the page) and
``parvis participation synthesise FILE.csv --text-column text [--question-column question
[--per-question]] [--themes K] --json``.
One command, one subcommand per action: an action adds its parser to ``actions`` and a ``handle_<action>``."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parvis.core import importcli
from parvis.participation.lib import answerfile
from parvis.participation.models import Process
from parvis.participation.services import ParticipationError
from parvis.participation.services.opendata import import_grand_debat
from parvis.participation.services.synthesis import THEMES_RANGE, file_synthesis


class Command(BaseCommand):
    # A lazy string, translated when argparse prints it; django-stubs declares BaseCommand.help as str.
    help = gettext_lazy(  # type: ignore[assignment]
        "Participation citoyenne : import de contributions (format Grand Débat), synthèse d'un fichier de "
        "réponses ouvertes."
    )

    def add_arguments(self, parser):
        load, actions = importcli.add_import_parser(
            parser,
            help="importe un fichier au format du Grand Débat dans une consultation",
            file_help="fichier CSV au format Grand Débat",
        )
        load.add_argument("--process", required=True, help="identifiant (slug) de la consultation")
        run = actions.add_parser(
            "synthesise",
            help=_("thèmes d'un fichier CSV de réponses (le même calcul que la page de synthèse)"),
            description=_(
                "Découvre les thèmes des réponses d'un fichier CSV (UTF-8, UTF-16 ou Windows-1252 ; "
                "séparateur virgule, point-virgule ou tabulation). Les lignes sont numérotées à partir de 0 "
                "après l'en-tête."
            ),
        )
        run.add_argument("file", help=_("fichier CSV"))
        run.add_argument("--text-column", default="text", help=_("colonne des réponses (défaut : text)"))
        run.add_argument("--question-column", help=_("colonne de la question à laquelle chaque ligne répond"))
        run.add_argument(
            "--themes",
            type=int,
            help=_("nombre de thèmes, de %(low)s à %(high)s (défaut : choisi pour la lecture, 6 à 15)")
            % {"low": THEMES_RANGE[0], "high": THEMES_RANGE[1]},
        )
        run.add_argument(
            "--per-question",
            action="store_true",
            help=_("une synthèse par question de --question-column, au lieu d'une pour tout le fichier"),
        )
        run.add_argument("--json", action="store_true", help=_("résultat en JSON sur la sortie standard"))

    def handle(self, *args, action, **options):
        return getattr(self, f"handle_{action}")(**options)

    def handle_import(self, *, file, process, json, **options):
        found = importcli.target(
            Process.objects.filter(slug=process).first(), _("Consultation inconnue : « %(slug)s »."), process
        )
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

    def handle_synthesise(self, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Fichier introuvable : %(file)s") % {"file": path})
        try:
            result = file_synthesis(
                path.read_bytes(),
                name=path.name,
                text_column=options["text_column"],
                question_column=options["question_column"],
                n_themes=options["themes"],
                per_question=options["per_question"],
            )
        except (answerfile.AnswerFileError, ParticipationError) as error:
            raise CommandError(str(error)) from None
        for notice in result.pop("notices"):
            sys.stderr.write(notice + "\n")
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        for part in result.get("questions", [result]):
            if "question" in part:
                self.stdout.write(f"« {part['question']} »")
            for theme in part["themes"]:
                self.stdout.write(f"{theme['size']:6d}  {theme['label']}")
                self.stdout.write(f"        {theme['summary']}")
            self.stdout.write(_("Sans thème : %(n)s") % {"n": len(part["unclassified"])})
