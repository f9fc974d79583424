"""Download a file from a URL to disk with a total time limit, a size cap and an SSRF guard.

Private, loopback and link-local addresses are refused unless ``settings.DEBUG`` or
``PARVIS_IMPORT_ALLOW_PRIVATE_URLS`` is set. Redirects are followed by hand (at most 5), each
target being checked again.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import tempfile
import time
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from django.utils.translation import gettext as _


class FetchError(Exception):
    def __init__(self, message_fr: str):
        super().__init__(message_fr)
        self.message_fr = message_fr


def _allow_private() -> bool:
    return bool(getattr(settings, "PARVIS_IMPORT_ALLOW_PRIVATE_URLS", settings.DEBUG))


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(
            _("Adresse invalide : « {url} ». Seules les adresses http(s) sont acceptées.").format(url=url)
        )
    if _allow_private():
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except OSError:
        raise FetchError(_("Le serveur « {host} » est introuvable.").format(host=parts.hostname)) from None
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if not ip.is_global:
            raise FetchError(
                _("L'adresse « {host} » désigne un réseau privé ou local : elle est refusée.").format(
                    host=parts.hostname
                )
            )


def download(
    url: str, *, max_bytes: int, timeout: float, suffix: str = "", dir: str | None = None
) -> tuple[str, str]:
    """Download ``url`` to a temporary file; return (path, content type). Raises FetchError (French)."""
    deadline = time.monotonic() + timeout
    fd, path = tempfile.mkstemp(suffix=suffix, dir=dir)
    try:
        with os.fdopen(fd, "wb") as out:
            response = _open(url, deadline, timeout)
            with response:
                size = 0
                for chunk in response.iter_content(1 << 16):
                    size += len(chunk)
                    if size > max_bytes:
                        raise FetchError(
                            _("Le fichier distant dépasse la taille maximale autorisée ({size} Mo).").format(
                                size=max_bytes // (1 << 20) or 1
                            )
                        )
                    if time.monotonic() > deadline:
                        raise _timeout(timeout)
                    out.write(chunk)
                content_type = response.headers.get("Content-Type", "")
        return path, content_type
    except BaseException:
        os.unlink(path)
        raise


def _timeout(timeout: float) -> FetchError:
    return FetchError(
        _("Le serveur distant n'a pas répondu à temps (délai de {seconds:g} s dépassé).").format(
            seconds=timeout
        )
    )


def _open(url: str, deadline: float, timeout: float) -> requests.Response:
    for _hop in range(6):
        check_url(url)
        remaining = max(0.1, deadline - time.monotonic())
        try:
            response = requests.get(
                url,
                stream=True,
                allow_redirects=False,
                timeout=(min(remaining, 10), remaining),
                headers={"User-Agent": "Parvis/1 (import de données)"},
            )
        except requests.Timeout:
            raise _timeout(timeout) from None
        except requests.RequestException:
            raise FetchError(_("Impossible de joindre l'adresse « {url} ».").format(url=url)) from None
        if response.is_redirect:
            url = urljoin(url, response.headers.get("Location", ""))
            response.close()
            continue
        if response.status_code >= 400:
            response.close()
            raise FetchError(
                _("Le serveur distant a répondu par une erreur (code HTTP {code}).").format(
                    code=response.status_code
                )
            )
        return response
    raise FetchError(_("Trop de redirections pour l'adresse « {url} ».").format(url=url))
