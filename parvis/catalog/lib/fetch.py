"""The catalogue's URL fetcher (no Django): files for URL imports, schemas for the command line.

:func:`download` writes a file to disk with a total time limit, a size cap and the shared network guard
(``parvis.core.lib.netguard``): private, loopback and link-local addresses are refused unless the caller
allows them (``settings.DEBUG`` or ``PARVIS_IMPORT_ALLOW_PRIVATE_URLS``, read by the services). Redirects
are followed by hand (at most 5), each target being checked again. :func:`fetch_text` reads a small text
(a schema) through the same guard.
"""

from __future__ import annotations

import os
import tempfile
import time
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

import requests

from parvis.catalog.lib.errors import SchemaError
from parvis.core.lib import netguard
from parvis.translation import _


class FetchError(Exception):
    def __init__(self, message_fr: str):
        super().__init__(message_fr)
        self.message_fr = message_fr


def check_url(url: str, *, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(
            _("Adresse invalide : « {url} ». Seules les adresses http(s) sont acceptées.").format(url=url)
        )
    try:
        netguard.check_destination(url, allow_private=allow_private)
    except netguard.Refused as refusal:
        if refusal.code == "unresolvable":
            raise FetchError(
                _("Le serveur « {host} » est introuvable.").format(host=parts.hostname)
            ) from None
        raise FetchError(
            _("L'adresse « {host} » désigne un réseau privé ou local : elle est refusée.").format(
                host=parts.hostname
            )
        ) from None


def download(
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    allow_private: bool,
    suffix: str = "",
    dir: str | None = None,
) -> tuple[str, str]:
    """Download ``url`` to a temporary file; return (path, content type). Raises FetchError (French)."""
    deadline = time.monotonic() + timeout
    fd, path = tempfile.mkstemp(suffix=suffix, dir=dir)
    try:
        with os.fdopen(fd, "wb") as out:
            response = _open(url, deadline, timeout, allow_private)
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


def _open(url: str, deadline: float, timeout: float, allow_private: bool) -> requests.Response:
    for _hop in range(6):
        check_url(url, allow_private=allow_private)
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


MAX_SCHEMA_BYTES = 5 * 1024 * 1024


def fetch_text(
    url: str, *, allow_private: bool, timeout: float = 10.0, max_bytes: int = MAX_SCHEMA_BYTES
) -> str:
    if not url.startswith(("http://", "https://")):
        raise SchemaError(_("Adresse de schéma non prise en charge : « {url} ».").format(url=url))
    try:
        netguard.check_destination(url, allow_private=allow_private)
    except netguard.Refused as refusal:
        raise SchemaError(
            _("Impossible de télécharger le schéma « {url} » : {reason}.").format(
                url=url, reason=refusal.code
            ),
            code="schema-unreachable",
        ) from None
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
