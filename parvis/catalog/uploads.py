"""Streamed uploads with a size limit (``PARVIS_MAX_UPLOAD_BYTES``, default 1 GiB).

``install_limit(request)`` must run before ``request.POST``/``request.FILES`` are read. A request
whose declared ``Content-Length`` is past the limit is refused before a byte is read; a chunked
body that grows past it is cut and its temporary file removed. The view then answers 413.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.utils.translation import gettext as _


def max_upload_bytes() -> int:
    return int(getattr(settings, "PARVIS_MAX_UPLOAD_BYTES", 1 << 30))


def too_large_message() -> str:
    limit = max_upload_bytes()
    size = (
        f"{limit / (1 << 30):g} Go"
        if limit >= 1 << 30
        else f"{limit / (1 << 20):.3g} Mo"
        if limit >= 1 << 20
        else f"{limit} octets"
    )
    return _(
        "Le fichier dépasse la taille maximale autorisée ({size}). Rien n'a été enregistré. "
        "Découpez le fichier, compressez-le en Parquet, ou demandez à l'administrateur de relever la limite."
    ).format(size=size)


class LimitedUploadHandler(TemporaryFileUploadHandler):
    """Writes every upload to a temporary file on disk and stops past the size limit."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > max_upload_bytes():
            self.request.upload_too_large = True
            self.file.close()  # a NamedTemporaryFile: closing deletes it
            raise StopUpload(connection_reset=True)
        return super().receive_data_chunk(raw_data, start)


def install_limit(request) -> None:
    """Refuse early on the declared length; otherwise stream to disk and count."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    request.upload_too_large = declared > max_upload_bytes() + 64 * 1024  # room for the form fields
    request.upload_handlers = [LimitedUploadHandler(request)]


def too_large(request) -> bool:
    """Call after touching ``request.POST``/``FILES``."""
    return bool(getattr(request, "upload_too_large", False))
