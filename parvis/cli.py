"""The `parvis` command: a French front door to Django's management commands."""

import os
import sys

HELP = """Usage : parvis <commande> [options]

Commandes principales :
  serve          démarre le serveur web (granian) et le travailleur de tâches de fond
  worker         démarre seulement le travailleur de tâches de fond
  migrate        crée ou met à jour la base de données
  demo           charge le territoire de démonstration, ses données et les comptes de démo
  createadmin    crée un compte administrateur de l'instance
  validate       valide un fichier contre un Table Schema (parvis validate SCHEMA FICHIER --json)
  territory      référentiel des territoires (parvis territory import …)
  catalog        import d'un fichier dans le catalogue (parvis catalog import FICHIER --dataset SLUG --json)
  inclusion      import de lieux d'aide (parvis inclusion import FICHIER --organisation SLUG --json)
  participation  import de contributions (parvis participation import FICHIER --process SLUG --json)
                 ou synthèse d'un fichier de réponses (parvis participation synthesise FICHIER.csv --json)
  footprint      audits de sobriété (parvis footprint self-audit …)
  check          vérifie la configuration (ajoutez --deploy avant une mise en production)
  messages       régénère les catalogues de traduction (parvis/locale) ; --check vérifie seulement

Toute autre commande d'administration Django est acceptée.
« parvis <commande> --help » détaille les options d'une commande.
"""


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parvis.settings")
    if len(argv) < 2 or argv[1] in {"-h", "--help", "help", "aide"}:
        sys.stdout.write(HELP)
        return
    if argv[1] == "serve":
        sys.exit(serve(argv[2:]))
    if argv[1] == "validate":  # a file check needs no Django start-up (see catalog/lib/validate_cli.py)
        from parvis.catalog.lib.validate_cli import main as validate

        sys.exit(validate(argv[2:]))
    from django.core.management import execute_from_command_line  # after the settings module is chosen

    _help_accepts_lazy_translations()
    execute_from_command_line(["parvis", *argv[1:]])


def _help_accepts_lazy_translations() -> None:
    """Commands describe themselves and their options in French with gettext_lazy; argparse formats help
    with regular expressions that need str and crashes on the lazy proxy (`--help` exits 1). Its two
    formatting steps get the translated text instead, for every command and subcommand."""
    import argparse

    for name in ("_fill_text", "_split_lines"):
        original = getattr(argparse.HelpFormatter, name)
        if getattr(original, "accepts_lazy", False):
            continue

        def as_text(self, text, *args, _original=original):
            return _original(self, str(text), *args)

        as_text.accepts_lazy = True  # type: ignore[attr-defined]  # a marker: patched once per process
        setattr(argparse.HelpFormatter, name, as_text)


def serve(args: list[str]) -> int:
    """`parvis serve` without Django: the supervisor only starts the processes that load it."""
    import argparse

    from parvis.core.lib import supervisor

    parser = argparse.ArgumentParser(
        prog="parvis serve",
        description="Démarre le serveur web (granian + whitenoise) et le travailleur de tâches de fond ensemble.",
    )
    supervisor.add_arguments(parser)
    options = parser.parse_args(args)
    return supervisor.serve(
        host=options.host, port=options.port, workers=options.workers, no_worker=options.no_worker
    )


if __name__ == "__main__":
    main()
