"""The visitor's address, as rate limits, the audit log and lock-outs must see it behind a reverse proxy."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())


def _trusted(address, networks) -> bool:
    return any(address in network for network in networks)


def _parse(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The peer's address, or, when the peer is a trusted proxy (PARVIS_TRUSTED_PROXIES), the first address
    of X-Forwarded-For read from the right that is not a trusted proxy: entries further left were written
    by the visitor and can be forged."""
    peer = request.META.get("REMOTE_ADDR") or None
    networks = _networks(tuple(getattr(settings, "PARVIS_TRUSTED_PROXIES", ())))
    current = _parse(peer or "")
    if current is None or not _trusted(current, networks):
        return peer
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _parse(hop)
        if address is None:
            break  # a malformed hop: nothing to its left can be trusted
        current = address
        if not _trusted(current, networks):
            break
    return str(current)
