"""What each app holds about a person, declared once in the app's own ``privacy.py``.

The accounts app cannot import the apps above it, so each app declares here (at start-up, through
``autodiscover_modules("privacy")``) its processing activities (the RGPD art. 30 register), how to export what it
holds about one person, how to anonymise it when the account is erased, and how to purge what is past retention.
Export and erasure then cover every app without any cross-app model import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Rows = list[dict]


@dataclass(frozen=True)
class Processing:
    """One line of the register of processing activities (RGPD art. 30), in French for the reader."""

    name: str
    purpose: str
    legal_basis: str
    people: str
    data: str
    retention: str
    recipients: str


@dataclass(frozen=True)
class Declaration:
    app: str
    processings: tuple[Processing, ...]
    # user -> {table name: rows}; every value JSON-serialisable (str, int, float, bool, None, list of those)
    export: Callable[[object], dict[str, Rows]] | None = None
    # user -> None: detaches or anonymises what the person produced, before the account row is deleted
    erase: Callable[[object], None] | None = None
    # () -> {what: rows removed}: deletes what is past its retention period
    purge: Callable[[], dict[str, int]] | None = None


_DECLARATIONS: dict[str, Declaration] = {}


def declare(declaration: Declaration) -> Declaration:
    """Registers an app's declaration; declaring the same app twice is a programming error."""
    existing = _DECLARATIONS.get(declaration.app)
    if existing is not None and existing != declaration:
        raise ValueError(f"the app {declaration.app!r} declared its personal data twice")
    _DECLARATIONS[declaration.app] = declaration
    return declaration


def declarations() -> list[Declaration]:
    """Every app's declaration, in the order of the apps' layers (accounts first)."""
    from django.conf import settings

    order = {app: index for index, app in enumerate(settings.PARVIS_APPS)}
    return sorted(_DECLARATIONS.values(), key=lambda d: order.get(d.app, len(order)))


def iso(value) -> str | None:
    """A date or datetime for an export (ISO 8601), None when absent."""
    return value.isoformat() if value else None
