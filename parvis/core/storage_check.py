"""Is the configured storage usable? A French answer for `parvis check`, every command's start-up and /healthz.

Nothing is written: an S3 bucket is probed with a HEAD request, a local directory with a permission check.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast

from django.conf import settings
from django.core.checks import Error, register
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils.translation import gettext as _

from parvis.core import storage_cache


def problem() -> str | None:
    """Why the default storage cannot be used, in French, or ``None`` when it can."""
    try:
        if storage_cache.is_local():
            return _directory_problem(Path(cast(FileSystemStorage, default_storage).location))
        return _s3_problem(default_storage)
    except Exception as exc:  # an unexpected failure of the storage's own library must still be told
        return _("Le stockage est inutilisable : {detail}").format(detail=str(exc)[:200])


def _directory_problem(location: Path) -> str | None:
    existing = location
    while not existing.exists():  # created on first write: its nearest existing parent must be writable
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK):
        return _("Le dossier de stockage {path} n'est pas accessible en écriture.").format(path=location)
    return None


def _s3_problem(storage) -> str | None:
    import botocore.exceptions as boto_errors  # only on S3 nodes: keeps boto out of the embedded set-up

    url = settings.PARVIS_STORAGE_URL
    if not storage.bucket_name:
        return _(
            "PARVIS_STORAGE_URL ({url}) ne nomme aucun compartiment : écrivez s3://compartiment/préfixe."
        ).format(url=url)
    endpoint = storage.endpoint_url or _("le service S3 d'Amazon")
    try:
        client = storage.connection.meta.client
        client.head_bucket(Bucket=storage.bucket_name)
    except boto_errors.NoCredentialsError:
        return _(
            "PARVIS_STORAGE_URL désigne un stockage S3 ({url}) mais aucun identifiant n'est fourni : "
            "définissez PARVIS_S3_ACCESS_KEY et PARVIS_S3_SECRET_KEY."
        ).format(url=url)
    except (
        boto_errors.EndpointConnectionError,
        boto_errors.ConnectTimeoutError,
        boto_errors.ReadTimeoutError,
    ):
        return _(
            "Le stockage S3 {endpoint} est injoignable : vérifiez PARVIS_S3_ENDPOINT_URL et le réseau."
        ).format(endpoint=endpoint)
    except boto_errors.ClientError as exc:
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if status == 404:
            return _("Le compartiment « {bucket} » n'existe pas sur {endpoint} : créez-le d'abord.").format(
                bucket=storage.bucket_name, endpoint=endpoint
            )
        if status in (401, 403):
            return _(
                "Le stockage S3 {endpoint} refuse les identifiants fournis pour le compartiment « {bucket} » : "
                "vérifiez PARVIS_S3_ACCESS_KEY et PARVIS_S3_SECRET_KEY."
            ).format(bucket=storage.bucket_name, endpoint=endpoint)
        return _("Le stockage S3 {endpoint} répond par une erreur : {detail}").format(
            endpoint=endpoint, detail=str(exc)[:200]
        )
    except boto_errors.BotoCoreError as exc:
        return _("Le stockage S3 {endpoint} est inutilisable : {detail}").format(
            endpoint=endpoint, detail=str(exc)[:200]
        )
    return None


@register("storage")
def storage_configuration(app_configs, **kwargs):
    """Stops every command (migrate, serve, worker…) before it writes anything when the storage is unusable."""
    message = problem()
    return (
        [Error(message, hint=_("Voir docs/configuration.md, section Stockage."), id="parvis.E001")]
        if message
        else []
    )
