"""Warm-up of a web worker: one anonymous request for the home page, answered by the worker itself before it
serves visitors (`parvis serve` sets PARVIS_WARM_UP). Without it the first visitor after a start pays for the
URL configuration, the API schemas and the template compilation (about a second, several on a loaded host)."""

import io
import logging
import sys
import time
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)


def warm_up(application, path: str = "/") -> int | None:
    """Answer `path` once through the WSGI application; return the HTTP status (None if it failed)."""
    public = urlsplit(settings.PARVIS_PUBLIC_URL)
    host = public.hostname or "127.0.0.1"
    port = str(public.port or (443 if public.scheme == "https" else 80))
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": port,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": public.netloc or host,
        "HTTP_ACCEPT_LANGUAGE": "fr",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": public.scheme or "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    status = []
    started = time.monotonic()
    try:
        body = application(environ, lambda line, headers, exc_info=None: status.append(line))
        for _ in body:
            pass
        getattr(body, "close", lambda: None)()
    except Exception:  # a warm-up must never stop the server from starting
        logger.exception("warm-up of %s failed", path)
        return None
    code = int(status[0].split()[0]) if status else None
    logger.info("warm-up of %s: %s in %.2f s", path, code, time.monotonic() - started)
    return code
