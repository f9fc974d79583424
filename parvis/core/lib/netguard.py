"""The one outbound network guard (SSRF protection): only public http(s) addresses unless explicitly allowed.

Every server-side request to an address a user typed goes through :func:`check_destination` (the footprint
audits, the catalogue's URL imports and schema downloads). Refusals are :class:`Refused` with a stable code;
each app turns them into its own French message.
"""

import ipaddress
import socket
from urllib.parse import urlsplit, urlunsplit


class Refused(Exception):
    """An address the guard refuses. ``code`` is one of CODES, ``params`` fill the caller's message."""

    CODES = ("invalid_url", "private_address", "unresolvable")

    def __init__(self, code: str, **params):
        if code not in self.CODES:
            raise ValueError(f"unknown {type(self).__name__} code {code!r}")
        super().__init__(f"{code}: {params}")
        self.code = code
        self.params = params


def normalise_url(raw: str) -> str:
    """Return a canonical http(s) URL or raise Refused("invalid_url")."""
    text = (raw or "").strip()
    if text and "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise Refused("invalid_url", url=raw) from None
    host = (parts.hostname or "").rstrip(".")
    if parts.scheme not in ("http", "https") or not host or " " in text:
        raise Refused("invalid_url", url=raw)
    if "." not in host and host != "localhost" and not _is_ip(host):
        raise Refused("invalid_url", url=raw)
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
    """Global unicast only: private, loopback, link-local, reserved and multicast addresses are refused,
    including IPv4 addresses hidden in IPv6 (``::ffff:10.0.0.1``)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):  # socket.gaierror is an OSError
        raise Refused("unresolvable", host=host) from None
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
            raise Refused("private_address", host=host, address=address)
