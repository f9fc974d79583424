"""`parvis <command> --help` answers (exit 0, a usage line, no traceback) for every command Parvis ships,
and for their sub-actions."""

from pathlib import Path

import pytest

import parvis
from parvis.cli import main

COMMANDS_DIR = Path(parvis.__file__).parent
PARVIS_COMMANDS = sorted(
    p.stem for p in COMMANDS_DIR.glob("*/management/commands/*.py") if not p.stem.startswith("_")
)
SUB_ACTIONS = [("territory", "import"), ("footprint", "self-audit"), ("footprint", "audit-homes")]


def _help(capsys, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exited:
        main(["parvis", *args, "--help"])
    return int(exited.value.code or 0), capsys.readouterr().out


def test_every_command_is_discovered():
    assert {"serve", "worker", "demo", "createadmin", "validate", "territory", "footprint"} <= set(
        PARVIS_COMMANDS
    )


@pytest.mark.parametrize("command", [*PARVIS_COMMANDS, "migrate", "check"])
def test_help_of_every_command_exits_zero_and_shows_usage(capsys, command):
    code, out = _help(capsys, command)
    assert code == 0 and "usage" in out.lower()


@pytest.mark.parametrize(("command", "action"), SUB_ACTIONS)
def test_help_of_every_sub_action_exits_zero(capsys, command, action):
    code, out = _help(capsys, command, action)
    assert code == 0 and "usage" in out.lower()
