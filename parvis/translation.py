"""Translation hook for the messages of the pure-Python libraries (`parvis/<app>/lib/`, no Django import).

Messages are written in French, the source language, and wrapped in ``_()`` (or marked with
``gettext_noop`` in constant tables) so that ``makemessages`` extracts them. The core app
installs Django's ``gettext`` with :func:`set_translator` to translate them at run time;
until then they are returned unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

_translator: Callable[[str], str] | None = None


def set_translator(translate: Callable[[str], str] | None) -> None:
    global _translator
    _translator = translate


def _(message: str) -> str:
    return _translator(message) if _translator else message


def gettext_noop(message: str) -> str:
    return message


def number(value: float, decimals: int = 0) -> str:
    """French number formatting with a narrow no-break space between thousands."""
    return f"{value:,.{decimals}f}".replace(",", "\u202f")
