import logging
import time

from django.conf import settings
from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
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


class ChosenLanguageMiddleware:
    """French unless the visitor chose another language with the switch (Django's ``set_language`` stores
    it in a cookie). Unlike Django's ``LocaleMiddleware``, the browser's ``Accept-Language`` is not followed:
    only the public pages are translated, and an agent whose browser is set to English must keep the French
    interface the management pages are written in (decision 0002)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
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
