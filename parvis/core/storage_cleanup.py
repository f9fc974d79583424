"""What `parvis cleanup` removes: temporary files, stored objects no row points at, cached copies of them.

A grace period protects work in flight: an upload being received grows its temporary file (its modification
time stays recent), and a source is stored a moment before its row is written.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from parvis.core import storage_cache

# Objects Parvis writes for its own checks, never referenced by a row.
TRANSIENT_PREFIXES = ("healthz/",)


@dataclass
class Report:
    temporary: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (name, row)


def _old_entries(folder: Path, cutoff: float) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in folder.iterdir() if _newest_mtime(p) < cutoff]


def _newest_mtime(path: Path) -> float:
    """A folder is as recent as its most recent file (an import writing into it is in flight)."""
    if not path.is_dir():
        return path.lstat().st_mtime
    times = [p.lstat().st_mtime for p in path.rglob("*")]
    return max([path.lstat().st_mtime, *times])


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def run(*, grace: timedelta, dry_run: bool) -> Report:
    report = Report()
    cutoff = time.time() - grace.total_seconds()
    tmp = Path(settings.PARVIS_DATA_DIR) / "tmp"
    for path in _old_entries(tmp, cutoff):
        if path.name == "duckdb" and path.is_dir():  # DuckDB's spill folder: only its old files go
            old = [p for p in path.iterdir() if _newest_mtime(p) < cutoff]
            report.temporary += [str(p) for p in old]
            if not dry_run:
                for p in old:
                    _remove(p)
            continue
        report.temporary.append(str(path))
        if not dry_run:
            _remove(path)

    referenced = storage_cache.references()
    stored_cutoff = timezone.now() - grace
    stored = set()
    for name in storage_cache.walk():
        stored.add(name)
        if name in referenced:
            continue
        if (
            not name.startswith(TRANSIENT_PREFIXES)
            and default_storage.get_modified_time(name) >= stored_cutoff
        ):
            continue  # perhaps a source whose row is being written
        report.objects.append(name)
        if not dry_run:
            default_storage.delete(name)
    report.missing = sorted((name, row) for name, row in referenced.items() if name not in stored)
    # A version's query store is derived data, rebuilt from its Parquet file when absent: not "missing".
    report.missing = [(n, r) for n, r in report.missing if not n.endswith(".duckdb")]

    if not storage_cache.is_local():
        root = storage_cache.cache_root()
        for path in (p for p in root.rglob("*") if p.is_file()) if root.is_dir() else ():
            name = path.relative_to(root).as_posix()
            if name not in referenced and path.stat().st_mtime < cutoff:
                report.cached.append(name)
                if not dry_run:
                    path.unlink(missing_ok=True)
    return report
