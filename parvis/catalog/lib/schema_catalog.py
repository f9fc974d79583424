"""Bundled catalogue of the Table Schemas published on schema.data.gouv.fr.

The ``schema.json`` files are vendored under ``parvis/catalog/schemas/<producer>/<name>/``
(see ``schemas/README.md`` for their origin and licences). A schema's id is
``<producer>/<name>``, for example ``scdl/subventions``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from parvis.catalog.lib.errors import SchemaError
from parvis.catalog.lib.tableschema import Schema, load_schema
from parvis.translation import _

SCHEMAS_DIR = Path(__file__).resolve().parent.parent / "schemas"


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, Any]]:
    index = {}
    for path in sorted(SCHEMAS_DIR.glob("*/*/schema.json")):
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        schema_id = f"{path.parent.parent.name}/{path.parent.name}"
        licences = descriptor.get("licenses") or []
        index[schema_id] = {
            "id": schema_id,
            "title": str(descriptor.get("title") or schema_id).strip(),
            "version": str(descriptor.get("version") or ""),
            "path": str(path),
            "description": str(descriptor.get("description") or ""),
            "homepage": str(descriptor.get("homepage") or ""),
            "licence": ", ".join(str(x.get("name") or x.get("title")) for x in licences) or "",
            "field_count": len(descriptor.get("fields") or []),
        }
    return index


def list_schemas() -> list[dict[str, Any]]:
    """Every bundled schema as ``{id, title, version, path, ...}``, sorted by title."""
    return sorted((dict(entry) for entry in _index().values()), key=lambda e: e["title"].lower())


def get_schema(schema_id: str) -> Schema:
    """Load a bundled schema by id; ``SchemaError`` when the id is unknown."""
    entry = _index().get(schema_id.strip().strip("/"))
    if entry is None:
        raise SchemaError(
            _("Aucun schéma « {id} » dans le catalogue intégré.").format(id=schema_id),
            code="schema-not-found",
        )
    return load_schema(Path(entry["path"]))


SCHEMA_SITE = "https://schema.data.gouv.fr/"
NO_SCHEMA = ("", "inferred")  # schema_source values meaning no schema was chosen


def schema_url(source: str) -> str | None:
    """The public address of a schema: its URL, or its page on schema.data.gouv.fr for a catalogue id."""
    if source.startswith(("http://", "https://")):
        return source
    schema_id = source.strip().strip("/")
    return f"{SCHEMA_SITE}{schema_id}/" if schema_id in _index() else None


def schema_title(source: str, descriptor: dict[str, Any] | None) -> str:
    """The name of a schema as shown to people: its title, else its id or address."""
    title = str((descriptor or {}).get("title") or "").strip()
    entry = _index().get(source.strip().strip("/"))
    return title or (entry["title"] if entry else "") or source
