"""JSON that is always valid (no Django): NaN and ±Infinity, which ``json.dumps`` writes as bare ``NaN`` and
``Infinity`` tokens no JSON parser accepts, become ``null``."""

from __future__ import annotations

import json
import math
from typing import Any


def finite(value: object) -> object:
    """``value`` with every non-finite float replaced by None, in nested dicts, lists and tuples."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    return value


def dumps(obj: object, **kwargs: Any) -> str:
    """``json.dumps`` that never writes NaN or Infinity; the common case (all finite) costs one pass."""
    try:
        return json.dumps(obj, allow_nan=False, **kwargs)
    except ValueError:
        return json.dumps(finite(obj), allow_nan=False, **kwargs)
