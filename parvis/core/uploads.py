"""Streamed uploads with a size limit (``PARVIS_MAX_UPLOAD_BYTES``, default 1 GiB), for every form and
API endpoint: ``UploadLimitMiddleware`` installs the limit before anything reads the body.

A request whose declared ``Content-Length`` is past the limit is refused before a byte is read; a body
that grows past it while streamed (chunked, or a lying length) is cut, its temporary file removed and the
answer replaced by the same 413. Views that act on what they read check ``too_large(request)`` first.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.http import JsonResponse
from django.shortcuts import render
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


def refusal(request):
    """The 413 answer: JSON for the API, a French page otherwise."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": too_large_message()}, status=413)
    return render(request, "core/errors/413.html", {"message": too_large_message()}, status=413)


class UploadLimitMiddleware:
    """Last in MIDDLEWARE: its answers get the security headers, the language and the request log, and it
    still runs before the CSRF check (process_view) reads the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("POST", "PUT", "PATCH"):
            return self.get_response(request)
        install_limit(request)
        if too_large(request):
            return refusal(request)
        response = self.get_response(request)
        return refusal(request) if too_large(request) else response
