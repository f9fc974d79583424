"""Probes for load balancers and orchestrators. Neither writes to the storage: a probe every few seconds
would otherwise fill an S3 bucket's request bill and its versioning history."""

import os
from pathlib import Path

from django.core.cache import caches
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from parvis.core.cache import degraded_caches

STORAGE_PROBE = ".parvis-health"


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0] == 1
    except Exception:
        return False


def _storage_ok() -> bool:
    """A local directory must be writable (or creatable); a remote bucket must answer a read request, which
    proves its endpoint, name and credentials."""
    try:
        if isinstance(default_storage, FileSystemStorage):
            path = Path(default_storage.location)
            while not path.exists():
                path = path.parent
            return path.is_dir() and os.access(path, os.W_OK)
        default_storage.exists(STORAGE_PROBE)
        return True
    except Exception:
        return False


@never_cache
def healthz(request):
    """Liveness: the database and the storage answer (503 otherwise). An unreachable shared cache does not
    stop the node (it falls back to process memory) and is reported as `"cache": false`."""
    checks = {"database": _database_ok(), "cache": not degraded_caches(caches), "storage": _storage_ok()}
    healthy = checks["database"] and checks["storage"]
    status = "error" if not healthy else "ok" if checks["cache"] else "degraded"
    return JsonResponse({"status": status, "checks": checks}, status=200 if healthy else 503)


@never_cache
def readyz(request):
    """Readiness: no unapplied migration, so the node can take traffic; says what works in degraded mode."""
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:
        return JsonResponse({"status": "error", "detail": _("base de données injoignable")}, status=503)
    if pending:
        return JsonResponse(
            {"status": "error", "detail": _("%(n)s migration(s) à appliquer") % {"n": len(pending)}},
            status=503,
        )
    degraded = degraded_caches(caches)
    if degraded:
        detail = _("cache partagé (Redis) injoignable : cache et limites de débit en mémoire du processus")
        return JsonResponse({"status": "degraded", "degraded": degraded, "detail": detail})
    return JsonResponse({"status": "ok"})
