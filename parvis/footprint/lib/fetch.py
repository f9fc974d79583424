"""A small polite HTTP client for robots.txt, sitemaps and the pre-flight check of a page.

Every request goes through the shared network guard (``netguard.open_url``: pinned address, every redirect
hop checked), the body is read up to a byte limit, and every failure becomes an AuditError with a stable code.
"""

import socket
import ssl
from dataclasses import dataclass

from parvis.core.lib import netguard
from parvis.footprint.lib.errors import AuditError

MAX_REDIRECTS = 10


@dataclass
class Fetched:
    url: str  # final URL after redirects
    status: int
    content_type: str
    length: int | None  # declared Content-Length
    body: bytes


def fetch(
    url: str,
    *,
    user_agent: str,
    timeout: float,
    max_bytes: int,
    policy: netguard.Policy,
    accept: str = "*/*",
) -> Fetched:
    """GET `url`; HTTP error statuses are returned, not raised. Body truncated to max_bytes."""
    try:
        response = netguard.open_url(
            url,
            policy=policy,
            timeout=timeout,
            headers={"User-Agent": user_agent, "Accept": accept},
            max_redirects=MAX_REDIRECTS,
        )
        with response:
            declared = response.getheader("Content-Length")
            length = int(declared) if declared and declared.isdigit() else None
            body = b""
            if response.status < 400 and (length is None or length <= max_bytes):
                body = response.read(max_bytes + 1)
            content_type = response.headers.get_content_type()
            return Fetched(response.url, response.status, content_type, length, body)
    except netguard.Refused as refusal:
        raise AuditError(refusal.code, **refusal.params) from None
    except (OSError, ValueError) as error:
        raise _translate(error, url) from None


def _translate(reason: Exception, url: str) -> AuditError:
    if isinstance(reason, ssl.SSLError | ssl.CertificateError):
        return AuditError("tls", url=url)
    if isinstance(reason, TimeoutError | socket.timeout):
        return AuditError("timeout", url=url)
    if isinstance(reason, socket.gaierror):
        return AuditError("unresolvable", host=url)
    return AuditError("connection", url=url)


def preflight(
    url: str, *, user_agent: str, timeout: float, max_bytes: int, policy: netguard.Policy
) -> Fetched:
    """Check that `url` answers 2xx with an HTML document no heavier than max_bytes."""
    page = fetch(
        url,
        user_agent=user_agent,
        timeout=timeout,
        max_bytes=max_bytes,
        policy=policy,
        accept="text/html,application/xhtml+xml",
    )
    if page.status >= 400:
        raise AuditError("http_status", url=url, status=page.status)
    if page.content_type not in ("text/html", "application/xhtml+xml"):
        raise AuditError("not_html", url=url, content_type=page.content_type)
    weight = page.length if page.length is not None else len(page.body)
    if weight > max_bytes:
        raise AuditError("too_heavy", url=url, size=weight, limit=max_bytes)
    return page
