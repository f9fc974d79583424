"""Fixed-window rate limits on public writes, stored in the shared cache (file cache or Redis; process memory
while Redis is unreachable, see parvis.core.cache)."""

import time
from dataclasses import dataclass
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
    return consume(f"{scope}:{client_key(request)}", limit, period).allowed


@dataclass(frozen=True)
class Window:
    """The state of one client's fixed window, as the IETF RateLimit header fields tell it."""

    allowed: bool
    limit: int
    remaining: int
    reset: int  # seconds until the window starts again

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
        }


def consume(key: str, limit: int, period: int) -> Window:
    """Counts one hit for `key` in the current fixed window of `period` seconds."""
    now = time.time()
    window = int(now // period)
    cache_key = f"rl:{key}:{window}"
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, timeout=period + 1)
        count = 1
    reset = max(1, int((window + 1) * period - now))
    return Window(allowed=count <= limit, limit=limit, remaining=max(0, limit - count), reset=reset)


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


class RateLimitHeadersMiddleware:
    """Adds the RateLimit-Limit/Remaining/Reset header fields (IETF draft) to responses of rate-limited requests
    (the API counts every request, reads included, and leaves its window on the request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        window = getattr(request, "ratelimit_window", None)
        if window is not None:
            for name, value in window.headers().items():
                response[name] = value
        return response
