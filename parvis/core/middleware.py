import logging
import time

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found

logger = logging.getLogger("parvis.request")


class RequestLogMiddleware:
    """Logs each request as structured fields (method, path, status, duration)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        logger.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response


class OutOfRangeNumberMiddleware:
    """A number in a URL too large for the database (``/lieu/99999999999999999999/``) is a page that does not
    exist: 404, not the 500 of SQLite's OverflowError."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OverflowError):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": _("Ressource introuvable.")}, status=404)
        return page_not_found(request, Http404())
