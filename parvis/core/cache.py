"""The shared cache, which degrades instead of failing: Redis while it answers, process memory while it doesn't.

Everything Parvis keeps in the default cache can be lost or recomputed (rate-limit windows, computed
figures), so when Redis stops answering a page must not fail: every call falls back to a per-process memory
cache for `RETRY_AFTER` seconds, then Redis is tried again. Rate limits then count per process instead of per
instance, stricter than needed rather than off. `/readyz` reports the fallback.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from parvis.core.lib import lazy

# Imported on first failure only: the embedded default (file cache) never loads the redis client.
redis_exceptions = lazy.module("redis.exceptions")

logger = logging.getLogger(__name__)
RETRY_AFTER = 5.0
# Per process and shared by the cache objects of every thread (Django builds one per thread): while Redis is
# down, each request must not wait for its own connection timeout.
_down_until: dict[str, float] = {}


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._location = server if isinstance(server, str) else ",".join(server)
        self._local = LocMemCache(
            f"redis-fallback:{self._location}", {"TIMEOUT": params.get("TIMEOUT", 300), "OPTIONS": {}}
        )

    def degraded(self) -> bool:
        """True while calls go to the process memory instead of Redis."""
        return time.monotonic() < _down_until.get(self._location, 0.0)

    def answers(self) -> bool:
        """Asks Redis now (bypassing the retry delay); records the answer."""
        try:
            self._cache.get_client(write=False).ping()
        except redis_exceptions.RedisError:
            self._went_down()
            return False
        _down_until.pop(self._location, None)
        return True

    def _went_down(self) -> None:
        if not self.degraded():
            logger.warning("redis unreachable at %s: memory cache for %.0f s", self._location, RETRY_AFTER)
        _down_until[self._location] = time.monotonic() + RETRY_AFTER


def _resilient(name: str):
    shared = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if not self.degraded():
            try:
                return shared(self, *args, **kwargs)
            except redis_exceptions.RedisError:
                self._went_down()
        return getattr(self._local, name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = shared.__doc__
    return method


for _name in (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
):
    setattr(ResilientRedisCache, _name, _resilient(_name))


def degraded_caches(caches) -> list[str]:
    """Aliases of the caches now answering from process memory because their server is unreachable."""
    return [
        alias
        for alias in caches.settings
        if isinstance(caches[alias], ResilientRedisCache) and not caches[alias].answers()
    ]


def data_stamp(*aggregates: tuple) -> str:
    """A short text that changes when the rows behind a cached answer change, read in ONE query, so that every
    node computes the same key: each item is ``(model, aggregate, where)``, e.g.
    ``(Indicator, "max(updated_at)", "")`` or ``(IndicatorRun, "sum(id)", "is_current")``. Aggregates and
    conditions are constant SQL written by the caller (never user input); table names come from the models."""
    # Imported here: this module is loaded by the settings (cache backend), before the app registry.
    from django.db import connection

    columns = [
        f"(SELECT {aggregate} FROM {connection.ops.quote_name(model._meta.db_table)}"
        + (f" WHERE {where})" if where else ")")
        for model, aggregate, where in aggregates
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns))  # noqa: S608  (constant SQL, see above)
        return ":".join(str(value) for value in cursor.fetchone())
