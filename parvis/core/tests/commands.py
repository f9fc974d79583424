"""Running a `parvis <app> import FILE …` command in a test, as an integrator's script calls it."""

from io import StringIO

from django.core.management import call_command


def run_import(command: str, *args: str, stdout: StringIO | None = None) -> str:
    """What ``parvis <command> import *args`` writes on the standard output (CommandError propagates: pass
    ``stdout`` to read what was written before it)."""
    out = stdout if stdout is not None else StringIO()
    call_command(command, "import", *args, stdout=out)
    return out.getvalue()
