"""The one outbound network guard (SSRF protection): only public http(s) addresses unless explicitly allowed.

Every server-side request to an address a user typed goes through this module: the catalogue's URL imports
and schema downloads and the footprint's robots, sitemaps and pre-flight use :func:`open_url`; the headless
browser's requests go through ``footprint.lib.proxy``, which applies :func:`choose_address` to every
connection. A host is resolved once, every address it resolves to must be public, and the connection is made
to that very address (the Host header and the TLS server name keep the host name), so a DNS answer that
changes between the check and the connection (rebinding) cannot reach an internal address. Each redirect
hop is checked again. Refusals are :class:`Refused` with a stable code; each app turns them into French.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

# NAT64 prefixes (RFC 6052, RFC 8215): the last 32 bits are an IPv4 address reached through a translator.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
REDIRECT_STATUSES = (301, 302, 303, 307, 308)


class Refused(Exception):
    """An address the guard refuses. ``code`` is one of CODES, ``params`` fill the caller's message."""

    CODES: tuple[str, ...] = ("invalid_url", "private_address", "unresolvable", "redirect_loop")

    def __init__(self, code: str, **params: object) -> None:
        if code not in self.CODES:
            raise ValueError(f"unknown {type(self).__name__} code {code!r}")
        super().__init__(f"{code}: {params}")
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Policy:
    """What the guard lets through. ``allow_private`` opens everything (development); ``trusted`` lists
    ``(host, port)`` endpoints allowed wherever they resolve (this instance's own origin, which may sit on
    a private address) without opening any other private address; ``public_networks`` lists networks to
    treat as public, for tests that need one loopback address to stand for the Internet while another
    stays internal."""

    allow_private: bool = False
    public_networks: tuple[str, ...] = ()
    trusted: tuple[tuple[str, int], ...] = ()

    def trusts(self, host: str, port: int | None) -> bool:
        """Whether ``host:port`` is one of the trusted endpoints (host names compared without case)."""
        endpoint = (host.strip("[]").rstrip(".").lower(), port)
        return endpoint in self.trusted

    def allows(self, address: str) -> bool:
        if self.allow_private:
            return True
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if any(ip in ipaddress.ip_network(net) for net in self.public_networks):
            return True
        return is_public_ip(address)


STRICT = Policy()


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


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries: mapped (``::ffff:a.b.c.d``), 6to4 (``2002:…``), Teredo,
    NAT64 (``64:ff9b::a.b.c.d``) or the deprecated IPv4-compatible form (``::a.b.c.d``)."""
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if any(ip in net for net in _NAT64) or (int(ip) >> 32 == 0 and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public_ip(address: str) -> bool:
    """Global unicast only: private, loopback, link-local, reserved, unspecified and multicast addresses are
    refused, including IPv4 addresses hidden in IPv6 (mapped, 6to4, Teredo, NAT64, IPv4-compatible)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        inner = embedded_ipv4(ip)
        if inner is not None and not is_public_ip(str(inner)):
            return False
    special = (
        ip.is_private,
        ip.is_loopback,
        ip.is_link_local,
        ip.is_multicast,
        ip.is_reserved,
        ip.is_unspecified,
        getattr(ip, "is_site_local", False),
    )
    return ip.is_global and not any(special)


def trusted_endpoint(url: str) -> tuple[str, int]:
    """The ``(host, port)`` of an http(s) URL as :attr:`Policy.trusted` holds it."""
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower()
    return host, parts.port or (443 if parts.scheme == "https" else 80)


def choose_address(host: str, addresses: list[str], policy: Policy, *, port: int | None = None) -> str:
    """The address to connect to: the first one, once every address the host resolves to is allowed (one
    private answer among public ones refuses the host: a resolver may rotate them). A trusted endpoint
    (``host`` and ``port`` in ``policy.trusted``) is allowed wherever it resolves."""
    if not addresses:
        raise Refused("unresolvable", host=host)
    if policy.trusts(host, port):
        return addresses[0]
    for address in addresses:
        if not policy.allows(address):
            raise Refused("private_address", host=host, address=address)
    return addresses[0]


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):  # socket.gaierror is an OSError
        raise Refused("unresolvable", host=host) from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def pin(host: str, port: int, policy: Policy) -> str:
    """Resolve ``host`` once and return the checked address to connect to."""
    return choose_address(host, resolve(host, port), policy, port=port)


def check_destination(url: str, *, policy: Policy) -> None:
    """Refuse a URL that is not http(s) or whose host resolves to an address the policy refuses."""
    _target(url, policy)


def _target(url: str, policy: Policy) -> tuple[str, str, int, str]:
    """(scheme, host, port, pinned address) of an http(s) URL."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise Refused("invalid_url", url=url) from None
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise Refused("invalid_url", url=url)
    port = port or (443 if parts.scheme == "https" else 80)
    return parts.scheme, host, port, pin(host, port, policy)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)


def open_url(
    url: str, *, policy: Policy, timeout: float, headers: dict[str, str] | None = None, max_redirects: int = 5
) -> http.client.HTTPResponse:
    """GET ``url`` through the guard and return the response (its ``url`` is the final one after
    redirects). Every hop is checked and pinned. Error statuses are returned; a redirect chain longer than
    ``max_redirects`` raises Refused("redirect_loop"); network failures raise OSError (``TimeoutError``,
    ``ssl.SSLError``, ``ConnectionError``…)."""
    for _hop in range(max_redirects + 1):
        scheme, host, port, address = _target(url, policy)
        connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
        connection = connection_class(host, port, address=address, timeout=timeout)
        parts = urlsplit(url)
        path = urlunsplit(("", "", parts.path or "/", parts.query, ""))
        try:
            connection.request("GET", path, headers={"Connection": "close", **(headers or {})})
            response = connection.getresponse()
        except http.client.HTTPException as error:
            connection.close()
            raise ConnectionError(str(error)) from None
        response.url = url
        location = response.getheader("Location")
        if response.status not in REDIRECT_STATUSES or not location:
            return response
        response.close()
        connection.close()
        url = urljoin(url, location.strip())
    raise Refused("redirect_loop", url=url)
