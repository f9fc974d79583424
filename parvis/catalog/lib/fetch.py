"""Fetch a schema by URL with a timeout and a size cap (used by the CLI)."""

from __future__ import annotations

import urllib.error
import urllib.request

from parvis.translation import _

from .errors import SchemaError

MAX_SCHEMA_BYTES = 5 * 1024 * 1024


def fetch_text(url: str, *, timeout: float = 10.0, max_bytes: int = MAX_SCHEMA_BYTES) -> str:
    if not url.startswith(("http://", "https://")):
        raise SchemaError(_("Adresse de schéma non prise en charge : « {url} ».").format(url=url))
    request = urllib.request.Request(url, headers={"User-Agent": "Parvis/1 (validation)"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data = response.read(max_bytes + 1)
    except TimeoutError as exc:
        raise SchemaError(
            _("Le serveur n'a pas répondu à temps ({seconds} s) : {url}").format(
                seconds=f"{timeout:g}", url=url
            ),
            code="schema-timeout",
        ) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SchemaError(
            _("Impossible de télécharger le schéma « {url} » : {reason}.").format(url=url, reason=reason),
            code="schema-unreachable",
        ) from exc
    if len(data) > max_bytes:
        raise SchemaError(
            _("Le schéma « {url} » dépasse {size} Mo.").format(url=url, size=max_bytes // 1024 // 1024)
        )
    return data.decode("utf-8-sig", errors="replace")
