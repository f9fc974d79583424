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
  footprint      audits de sobriété (parvis footprint self-audit …)
  participation  synthèse d'un fichier de réponses (parvis participation synthesise FICHIER.csv --json)
  check          vérifie la configuration (ajoutez --deploy avant une mise en production)

Toute autre commande d'administration Django est acceptée.
« parvis <commande> --help » détaille les options d'une commande.
"""


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parvis.settings")
    if len(argv) < 2 or argv[1] in {"-h", "--help", "help", "aide"}:
        sys.stdout.write(HELP)
        return
    if argv[1] == "validate":  # a file check needs no Django start-up (see catalog/lib/validate_cli.py)
        from parvis.catalog.lib.validate_cli import main as validate

        sys.exit(validate(argv[2:]))
    from django.core.management import execute_from_command_line  # after the settings module is chosen

    execute_from_command_line(["parvis", *argv[1:]])


if __name__ == "__main__":
    main()
