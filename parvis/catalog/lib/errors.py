"""Exceptions raised by the catalogue library, each carrying a French message."""

from __future__ import annotations


class IngestError(Exception):
    """The input cannot be read as a table (empty, binary, bomb, malformed, too wide...)."""

    def __init__(self, code: str, message_fr: str, row: int | None = None, column: str | None = None) -> None:
        super().__init__(message_fr)
        self.code = code
        self.message_fr = message_fr
        self.row = row
        self.column = column

    def __str__(self) -> str:
        return self.message_fr


class SchemaError(Exception):
    """The schema is not a usable Table Schema."""

    def __init__(self, message_fr: str, *, code: str = "schema-error"):
        super().__init__(message_fr)
        self.code = code
        self.message_fr = message_fr

    def __str__(self) -> str:
        return self.message_fr
