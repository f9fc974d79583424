"""What the `parvis <app> import FILE …` commands share: reading the file, French errors, JSON output.

Exit codes for integrators' scripts: 0 when the file was read (rows may still have been refused: see the
output), 2 when it could not be read, 1 for a wrong option (unknown organisation, dataset, process).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

UNREADABLE = 2


def add_import_parser(parser, *, help: str, file_help: str):
    """The `import` subcommand of an app's command: FILE and --json; the caller adds what names the target.
    Returns the subparsers too, for the app's other actions."""
    actions = parser.add_subparsers(dest="action", required=True)
    load = actions.add_parser("import", help=help)
    load.add_argument("file", help=file_help)
    load.add_argument("--json", action="store_true", help="affiche le résultat en JSON (pour les scripts)")
    return load, actions


def target(found, message: str, slug: str):
    """The object an option names (``--dataset``, ``--organisation``, ``--process``), or a CommandError (exit
    code 1) whose French ``message`` names the ``slug`` given (``%(slug)s``)."""
    if found is None:
        raise CommandError(message % {"slug": slug})
    return found


def read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(
            _("Impossible de lire le fichier « %(path)s » : %(reason)s.")
            % {"path": path, "reason": exc.strerror},
            returncode=UNREADABLE,
        ) from exc


def output(command, result: dict, *, as_json: bool, summary: str) -> None:
    command.stdout.write(json.dumps(result, ensure_ascii=False) if as_json else summary)


def unreadable(command, result: dict, *, as_json: bool, message: str):
    """Reports a file that could not be read (in JSON too when asked) and ends the command with code 2."""
    if as_json:
        command.stdout.write(json.dumps(result, ensure_ascii=False))
    return CommandError(message, returncode=UNREADABLE)
