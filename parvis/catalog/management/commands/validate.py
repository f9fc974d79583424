"""``parvis validate SCHEMA FILE [--json]`` as a management command (see ``lib/validate_cli.py``).

``parvis validate`` from the shell skips Django altogether; this command serves
``manage.py validate`` and ``call_command("validate", ...)`` with the same output.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from parvis.catalog.lib import validate_cli


class Command(BaseCommand):
    requires_system_checks = []  # a file check needs neither the database nor the project checks
    help = validate_cli.HELP["command"]

    def add_arguments(self, parser):
        validate_cli.add_arguments(parser)

    def handle(self, *args, **options):
        code = validate_cli.run(
            options,
            lambda text: self.stdout.write(text, ending=""),
            lambda text: self.stderr.write(text, ending=""),
        )
        sys.exit(code)
