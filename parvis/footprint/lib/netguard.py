"""URL validation and SSRF protection: only public http(s) addresses unless explicitly allowed."""

import ipaddress
import socket
from urllib.parse import urlsplit, urlunsplit

from .errors import AuditError


def normalise_url(raw: str) -> str:
    """Return a canonical http(s) URL or raise AuditError("invalid_url")."""
    text = (raw or "").strip()
    if text and "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise AuditError("invalid_url", url=raw) from None
    host = (parts.hostname or "").rstrip(".")
    if parts.scheme not in ("http", "https") or not host or " " in text:
        raise AuditError("invalid_url", url=raw)
    if "." not in host and host != "localhost" and not _is_ip(host):
        raise AuditError("invalid_url", url=raw)
    netloc = host if port is None else f"{host}:{port}"
    if ":" in host:
        netloc = f"[{host}]" if port is None else f"[{host}]:{port}"
    return urlunsplit((parts.scheme, netloc.lower(), parts.path or "/", parts.query, ""))


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def is_public_ip(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise AuditError("unresolvable", host=host) from None
    return sorted({info[4][0] for info in infos})


def check_destination(url: str, *, allow_private: bool) -> None:
    """Refuse a URL whose host resolves to a private, loopback or reserved address."""
    if allow_private:
        return
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    for address in resolve(host, port):
        if not is_public_ip(address):
            raise AuditError("private_address", host=host, address=address)
