"""Files kept in the storage layer (local directory or S3 bucket) served through Django: logos."""

import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404


def stored_file_response(name: str, *, max_age: int = 86400) -> FileResponse:
    """Streams a stored file; 404 when the name is empty or the file has gone."""
    if not name or not default_storage.exists(name):
        raise Http404
    response = FileResponse(
        default_storage.open(name, "rb"),
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
    )
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response
