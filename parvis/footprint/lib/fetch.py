"""A small polite HTTP client for robots.txt, sitemaps and the pre-flight check of a page.

Every hop of a redirect chain is checked against the SSRF guard, the body is read up to a
byte limit, and every failure becomes an AuditError with a stable code.
"""

import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass

from parvis.footprint.lib.errors import AuditError, check_destination

MAX_REDIRECTS = 10


@dataclass
class Fetched:
    url: str  # final URL after redirects
    status: int
    content_type: str
    length: int | None  # declared Content-Length
    body: bytes


class _GuardedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def __init__(self, allow_private: bool):
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_destination(newurl, allow_private=self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url, *, user_agent, timeout, max_bytes, allow_private, accept="*/*") -> Fetched:
    """GET `url`; HTTP error statuses are returned, not raised. Body truncated to max_bytes."""
    if not url.startswith(("http://", "https://")):
        raise AuditError("invalid_url", url=url)
    check_destination(url, allow_private=allow_private)
    opener = urllib.request.build_opener(_GuardedRedirects(allow_private))
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": accept})  # noqa: S310 (scheme checked)
    try:
        response = opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as error:
        if error.code in (301, 302, 303, 307, 308):
            raise AuditError("redirect_loop", url=url) from None
        return Fetched(error.url or url, error.code, error.headers.get_content_type(), None, b"")
    except urllib.error.URLError as error:
        raise _translate(error.reason, url) from None
    except (TimeoutError, ssl.SSLError, ConnectionError) as error:
        raise _translate(error, url) from None
    with response:
        declared = response.headers.get("Content-Length")
        length = int(declared) if declared and declared.isdigit() else None
        try:
            body = response.read(max_bytes + 1) if length is None or length <= max_bytes else b""
        except (TimeoutError, ConnectionError) as error:
            raise _translate(error, url) from None
        return Fetched(response.url, response.status, response.headers.get_content_type(), length, body)


def _translate(reason, url) -> AuditError:
    if isinstance(reason, AuditError):
        return reason
    if isinstance(reason, ssl.SSLError | ssl.CertificateError):
        return AuditError("tls", url=url)
    if isinstance(reason, TimeoutError | socket.timeout):
        return AuditError("timeout", url=url)
    if isinstance(reason, socket.gaierror):
        return AuditError("unresolvable", host=url)
    return AuditError("connection", url=url)


def preflight(url, *, user_agent, timeout, max_bytes, allow_private) -> Fetched:
    """Check that `url` answers 2xx with an HTML document no heavier than max_bytes."""
    page = fetch(
        url,
        user_agent=user_agent,
        timeout=timeout,
        max_bytes=max_bytes,
        allow_private=allow_private,
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
