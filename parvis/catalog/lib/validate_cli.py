"""``parvis validate SCHEMA FILE [--json]`` without Django: the validator as a user runs it.

Starting Django would load every app (and their scientific libraries) before reading a
single line; a file check needs none of it. ``parvis.cli`` calls :func:`main` directly; the
``validate`` management command uses the same functions. Exit status: 0 valid, 1 invalid,
2 unusable input (unreadable file or schema).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from parvis.catalog.lib.errors import IngestError, SchemaError
from parvis.catalog.lib.fetch import fetch_text
from parvis.catalog.lib.schema_catalog import get_schema
from parvis.catalog.lib.tableschema import Schema, load_schema
from parvis.catalog.lib.validate import ERROR_LABELS, Report, validate_table
from parvis.core.lib import netguard
from parvis.translation import _, gettext_noop

EXIT_VALID, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2
READ_OPTIONS = ("sheet", "encoding", "delimiter", "format")
HELP = {
    "command": gettext_noop(
        "Valide un fichier (CSV, XLSX, ODS, JSON, GeoJSON, Parquet) contre un schéma Table Schema. "
        "Code de sortie : 0 si valide, 1 si invalide, 2 si le fichier ou le schéma est inutilisable."
    ),
    "schema": gettext_noop(
        "Schéma : chemin d'un fichier schema.json, adresse http(s) ou identifiant du catalogue intégré "
        "(par exemple scdl/subventions)."
    ),
    "file": gettext_noop("Fichier de données à valider."),
    "json": gettext_noop("Affiche le rapport en JSON."),
    "sheet": gettext_noop("Feuille à lire dans un classeur (nom ou numéro)."),
    "encoding": gettext_noop("Encodage du CSV (détecté sinon)."),
    "delimiter": gettext_noop("Séparateur du CSV (détecté sinon)."),
    "format": gettext_noop("Format du fichier (détecté sinon)."),
}


Write = Callable[[str], object]  # where text goes: sys.stdout.write, a list's append…


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("schema", help=_(HELP["schema"]))
    parser.add_argument("file", help=_(HELP["file"]))
    parser.add_argument("--json", action="store_true", help=_(HELP["json"]))
    for option in READ_OPTIONS:
        parser.add_argument(f"--{option}", help=_(HELP[option]))


def resolve_schema(reference: str) -> Schema:
    """A schema from a URL, a JSON file path, or an id of the bundled catalogue."""
    if reference.startswith(("http://", "https://")):
        # The operator's own command line: a schema on the local network is theirs to read.
        return load_schema(fetch_text(reference, policy=netguard.Policy(allow_private=True)))
    if Path(reference).is_file():
        return load_schema(Path(reference))
    return get_schema(reference)


def run(options: dict[str, Any], write: Write, write_error: Write) -> int:
    """Validate as ``options`` say; ``write``/``write_error`` take text. Returns the exit status."""
    read_options = {key: options[key] for key in READ_OPTIONS if options.get(key)}
    try:
        schema = resolve_schema(options["schema"])
        report = validate_table(options["file"], schema, **read_options)
    except (IngestError, SchemaError) as exc:
        message = getattr(exc, "message_fr", str(exc))
        if options["json"]:
            error = {"type": getattr(exc, "code", "error"), "row": getattr(exc, "row", None), "field": None}
            write(
                json.dumps({"valid": False, "errors": [{**error, "message": message}]}, ensure_ascii=False)
                + "\n"
            )
        else:
            write_error(_("Fichier ou schéma inutilisable : {message}").format(message=message) + "\n")
        return EXIT_UNUSABLE
    (write_json if options["json"] else write_text)(report, write)
    return EXIT_VALID if report.valid else EXIT_INVALID


def write_json(report: Report, write: Write) -> None:
    """The report as JSON, written batch by batch (a report may hold millions of errors)."""
    write(f'{{"valid": {json.dumps(report.valid)}, "errors": [')
    separator = ""
    for batch in report.batches():
        rows = batch.select("type", "row", "field", "message").iter_rows(named=True)
        text = ", ".join(json.dumps(row, ensure_ascii=False) for row in rows)
        if text:
            write(separator + text)
            separator = ", "
    write("]}\n")


def write_text(report: Report, write: Write) -> None:
    if report.valid:
        write(_("Fichier valide ({rows} lignes).").format(rows=report.row_count) + "\n")
        return
    write(
        _("Fichier invalide : {errors} erreur(s) sur {rows} lignes.").format(
            errors=report.error_count, rows=report.row_count
        )
        + "\n"
    )
    for kind, count in report.summary.items():
        write(f"  {_(ERROR_LABELS[kind])} ({kind}) : {count}\n")
    for batch in report.batches():
        write("".join(f"- {message}\n" for message in batch["message"]))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="parvis validate", description=_(HELP["command"]))
    add_arguments(parser)
    options = vars(parser.parse_args(argv))
    try:
        return run(options, sys.stdout.write, sys.stderr.write)
    except BrokenPipeError:  # the reader stopped early (| head): not an error of the file
        sys.stderr.close()
        return EXIT_INVALID
