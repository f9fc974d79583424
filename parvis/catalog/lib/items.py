"""Checks of the items of ``array`` fields declaring an ``arrayItem`` (as Frictionless does).

Frictionless reads each item with the item field: an item of the wrong type makes the cell
a ``type-error``; items failing a constraint give one ``constraint-error`` per constraint.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from parvis.catalog.lib.readers import reader_for
from parvis.catalog.lib.tableschema import Field, load_schema

ItemCheck = Callable[[list[Any]], tuple[bool, tuple[str, ...]]]
_BOUNDS = {
    "minimum": operator.ge,
    "maximum": operator.le,
    "exclusiveMinimum": operator.gt,
    "exclusiveMaximum": operator.lt,
}


def _native(item: Field, value: object) -> Any:
    """Read a JSON item that is not a string, the way Frictionless' readers do."""
    if isinstance(value, str):
        return reader_for(item)(value)
    kind = item.type
    if kind == "any":
        return value
    if kind == "boolean":
        return value if isinstance(value, bool) else None
    if isinstance(value, bool):
        return None
    if kind == "integer":
        if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
            return int(value)
    if kind == "number" and isinstance(value, int | float):
        return Decimal(str(value))
    if kind == "array" and isinstance(value, list):
        return value
    if kind == "object" and isinstance(value, dict):
        return value
    return None


def item_checker(field: Field) -> ItemCheck | None:
    """A function telling, for a parsed array, (all items typed?, failed constraint names)."""
    descriptor = field.descriptor.get("arrayItem")
    if not descriptor:
        return None
    descriptor = {k: v for k, v in descriptor.items() if k != "arrayItem"}
    descriptor.setdefault("name", field.name)
    descriptor.setdefault("type", "any")
    item = load_schema({"fields": [descriptor]}).fields[0]
    missing = item.missing_values if item.missing_values is not None else [""]
    constraints = item.constraints
    enum = [_native(item, v) for v in constraints.get("enum") or []] if "enum" in constraints else None
    pattern = re.compile(f"^{constraints['pattern']}$") if "pattern" in constraints else None
    bounds = {k: _native(item, constraints[k]) for k in _BOUNDS if k in constraints}

    def check(values: list[Any]) -> tuple[bool, tuple[str, ...]]:
        typed_ok, failed = True, []
        for value in values:
            cell = None if value is None or str(value) in missing else _native(item, value)
            if cell is None and value is not None and str(value) not in missing:
                typed_ok = False
                continue
            if cell is None:
                if constraints.get("required"):
                    failed.append("required")
                continue
            if "minLength" in constraints and len(cell) < constraints["minLength"]:
                failed.append("minLength")
            if "maxLength" in constraints and len(cell) > constraints["maxLength"]:
                failed.append("maxLength")
            if pattern is not None and not pattern.match(cell):
                failed.append("pattern")
            if enum is not None and cell not in enum:
                failed.append("enum")
            for key, compare in _BOUNDS.items():
                if bounds.get(key) is not None and not compare(cell, bounds[key]):
                    failed.append(key)
        return typed_ok, tuple(dict.fromkeys(failed))

    return check
