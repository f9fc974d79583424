"""Fixed-window rate limits on public writes, stored in the shared cache (file cache or Redis; process memory
while Redis is unreachable, see parvis.core.cache)."""

import time
from functools import wraps

from django.core.cache import cache
from django.template.response import TemplateResponse

from parvis.core.clientip import client_address


def client_key(request) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{client_address(request) or 'unknown'}"


def hit(request, scope: str, limit: int, period: int) -> bool:
    """Counts one hit; returns False once the client went past `limit` hits within `period` seconds."""
    window = int(time.time() // period)
    key = f"rl:{scope}:{client_key(request)}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=period + 1)
        count = 1
    return count <= limit


def too_many_requests(request, period: int):
    response = TemplateResponse(request, "core/429.html", {"period": period}, status=429)
    response["Retry-After"] = str(period)
    return response


def ratelimit(scope: str, limit: int, period: int, methods=("POST", "PUT", "PATCH", "DELETE")):
    """View decorator: past the limit, answers 429 with a French page instead of running the view."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and not hit(request, scope, limit, period):
                return too_many_requests(request, period)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
