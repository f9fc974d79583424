"""Fetch a schema by URL with a timeout and a size cap (used by the CLI)."""

from __future__ import annotations

import urllib.error
import urllib.request

from .errors import SchemaError

MAX_SCHEMA_BYTES = 5 * 1024 * 1024


def fetch_text(url: str, *, timeout: float = 10.0, max_bytes: int = MAX_SCHEMA_BYTES) -> str:
    if not url.startswith(("http://", "https://")):
        raise SchemaError(f"Adresse de schéma non prise en charge : « {url} ».")
    request = urllib.request.Request(url, headers={"User-Agent": "Parvis/1 (validation)"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data = response.read(max_bytes + 1)
    except TimeoutError as exc:
        raise SchemaError(
            f"Le serveur n'a pas répondu à temps ({timeout:g} s) : {url}", code="schema-timeout"
        ) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SchemaError(
            f"Impossible de télécharger le schéma « {url} » : {reason}.", code="schema-unreachable"
        ) from exc
    if len(data) > max_bytes:
        raise SchemaError(f"Le schéma « {url} » dépasse {max_bytes // 1024 // 1024} Mo.")
    return data.decode("utf-8-sig", errors="replace")
