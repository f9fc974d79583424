"""The catalogue's URL fetcher (no Django): files for URL imports, schemas for the command line.

:func:`download` writes a file to disk with a total time limit and a size cap; every request goes through
the shared network guard (``parvis.core.lib.netguard.open_url``): private, loopback and link-local addresses
are refused unless the caller's policy allows them (``settings.DEBUG`` or ``PARVIS_IMPORT_ALLOW_PRIVATE_URLS``,
read by the services), the connection is pinned to the checked address and every redirect hop (at most 5)
is checked again. :func:`fetch_text` reads a small text (a schema) through the same guard.
"""

from __future__ import annotations

import http.client
import os
import ssl
import tempfile
import time
from urllib.parse import urlsplit

from parvis.catalog.lib.errors import SchemaError
from parvis.core.lib import netguard
from parvis.translation import _

USER_AGENT = "Parvis/1 (import de données)"


class FetchError(Exception):
    def __init__(self, message_fr: str):
        super().__init__(message_fr)
        self.message_fr = message_fr


def _refusal_message(refusal: netguard.Refused, url: str) -> str:
    host = urlsplit(url).hostname or url
    if refusal.code == "unresolvable":
        return _("Le serveur « {host} » est introuvable.").format(host=host)
    if refusal.code == "invalid_url":
        return _("Adresse invalide : « {url} ». Seules les adresses http(s) sont acceptées.").format(url=url)
    if refusal.code == "redirect_loop":
        return _("Trop de redirections pour l'adresse « {url} ».").format(url=url)
    return _("L'adresse « {host} » désigne un réseau privé ou local : elle est refusée.").format(
        host=refusal.params.get("host", host)
    )


def download(
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    policy: netguard.Policy,
    suffix: str = "",
    dir: str | None = None,
) -> tuple[str, str]:
    """Download ``url`` to a temporary file; return (path, content type). Raises FetchError (French)."""
    deadline = time.monotonic() + timeout
    fd, path = tempfile.mkstemp(suffix=suffix, dir=dir)
    try:
        with os.fdopen(fd, "wb") as out:
            response = _open(url, timeout, policy)
            with response:
                size = 0
                while chunk := _read(response, timeout):
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
                content_type = response.getheader("Content-Type", "")
        return path, content_type
    except BaseException:
        os.unlink(path)
        raise


def _read(response: http.client.HTTPResponse, timeout: float) -> bytes:
    try:
        return response.read1(1 << 16)
    except TimeoutError:
        raise _timeout(timeout) from None
    except OSError:
        raise FetchError(_("La connexion au serveur distant a été interrompue.")) from None


def _timeout(timeout: float) -> FetchError:
    return FetchError(
        _("Le serveur distant n'a pas répondu à temps (délai de {seconds:g} s dépassé).").format(
            seconds=timeout
        )
    )


def _open(url: str, timeout: float, policy: netguard.Policy) -> http.client.HTTPResponse:
    try:
        response = netguard.open_url(
            url, policy=policy, timeout=min(timeout, 10), headers={"User-Agent": USER_AGENT}
        )
    except netguard.Refused as refusal:
        raise FetchError(_refusal_message(refusal, url)) from None
    except TimeoutError:
        raise _timeout(timeout) from None
    except (OSError, ssl.SSLError):
        raise FetchError(_("Impossible de joindre l'adresse « {url} ».").format(url=url)) from None
    if response.status >= 400:
        response.close()
        raise FetchError(
            _("Le serveur distant a répondu par une erreur (code HTTP {code}).").format(code=response.status)
        )
    return response


MAX_SCHEMA_BYTES = 5 * 1024 * 1024


def fetch_text(
    url: str, *, policy: netguard.Policy, timeout: float = 10.0, max_bytes: int = MAX_SCHEMA_BYTES
) -> str:
    if not url.startswith(("http://", "https://")):
        raise SchemaError(_("Adresse de schéma non prise en charge : « {url} ».").format(url=url))
    try:
        response = netguard.open_url(
            url, policy=policy, timeout=timeout, headers={"User-Agent": "Parvis/1 (validation)"}
        )
        with response:
            if response.status >= 400:
                raise OSError(f"HTTP {response.status}")
            data = response.read(max_bytes + 1)
    except netguard.Refused as refusal:
        raise SchemaError(
            _("Impossible de télécharger le schéma « {url} » : {reason}.").format(
                url=url, reason=_refusal_message(refusal, url)
            ),
            code="schema-unreachable",
        ) from None
    except TimeoutError as exc:
        raise SchemaError(
            _("Le serveur n'a pas répondu à temps ({seconds} s) : {url}").format(
                seconds=f"{timeout:g}", url=url
            ),
            code="schema-timeout",
        ) from exc
    except (OSError, ValueError) as exc:
        raise SchemaError(
            _("Impossible de télécharger le schéma « {url} » : {reason}.").format(url=url, reason=exc),
            code="schema-unreachable",
        ) from exc
    if len(data) > max_bytes:
        raise SchemaError(
            _("Le schéma « {url} » dépasse {size} Mo.").format(url=url, size=max_bytes // 1024 // 1024)
        )
    return data.decode("utf-8-sig", errors="replace")
