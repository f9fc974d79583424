"""Files every node needs live in the default storage (the source of truth); each node keeps a cache of them.

The default storage is a local directory (``PARVIS_DATA_DIR/media``) in the embedded set-up, or an
S3-compatible bucket (``PARVIS_STORAGE_URL=s3://…``) when Parvis runs on several nodes. Code that needs a
real file on disk (DuckDB, Parquet readers) asks :func:`local_path`:

- local storage: the stored file itself, no copy (the disk is used once);
- remote storage: a copy under ``PARVIS_DATA_DIR/storage-cache/<name>``, downloaded on first use.

Names given to immutable files embed their content's SHA-256 (``datasets/3/7/v2-<hash>.parquet``), so the
cache is keyed by content: an entry is either absent or right, never stale. The cache directory may be
deleted at any time (entries come back on demand); a file being read keeps its open handle.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import cast

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import models
from django.dispatch import Signal

HASH_LENGTH = 16  # hex digits of the SHA-256 kept in a name: enough to tell versions of one resource apart


class StorageUnavailable(OSError):
    """The remote storage could not be read (network, credentials): callers answer « file unavailable »."""


def is_local() -> bool:
    """True when the default storage is a directory of this machine (the embedded default)."""
    return isinstance(default_storage, FileSystemStorage)


def tmp_root() -> Path:
    """This node's folder of temporary files (uploads being received, imports being written)."""
    path = Path(settings.PARVIS_DATA_DIR) / "tmp"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_root() -> Path:
    return Path(settings.PARVIS_DATA_DIR) / "storage-cache"


def sha256(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def content_name(folder: str, stem: str, digest: str, suffix: str) -> str:
    """The storage name of an immutable file: ``folder/stem-<hash>suffix``."""
    return f"{folder.rstrip('/')}/{stem}-{digest[:HASH_LENGTH]}{suffix}"


def local_path(name: str) -> Path:
    """A path on this node holding the stored file ``name``; raises ``FileNotFoundError`` when absent."""
    if is_local():
        path = Path(default_storage.path(name))
        if not path.exists():
            raise FileNotFoundError(name)
        return path
    dest = cache_root() / name
    if dest.exists():
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    # Two threads may download the same file at once: each writes its own temporary file, the last rename wins
    # with identical content.
    fd, tmp = tempfile.mkstemp(prefix=".part.", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as out, default_storage.open(name, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
        os.replace(tmp, dest)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise
    except Exception as exc:  # the remote storage's own errors (network, credentials) become an OSError
        Path(tmp).unlink(missing_ok=True)
        raise StorageUnavailable(str(exc)[:200]) from exc
    return dest


def exists(name: str) -> bool:
    return (not is_local() and (cache_root() / name).exists()) or default_storage.exists(name)


def publish(path: str | os.PathLike, name: str) -> str:
    """Store the local file ``path`` under ``name`` (replacing any file of that name) and return the name.

    The file is moved, never copied, when the storage is this disk; with a remote storage it is uploaded,
    then kept in this node's cache, which would otherwise download it again.
    """
    if is_local():
        dest = Path(default_storage.path(name))
    else:
        if not default_storage.exists(name):  # the same name always holds the same content
            with open(path, "rb") as fh:
                default_storage.save(name, File(fh, name=Path(name).name))
        dest = cache_root() / name
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(path, dest)
    return name


def delete(name: str) -> None:
    """Remove a stored file and this node's copy (other nodes' copies are never read again: names are unique)."""
    if not name:
        return
    default_storage.delete(name)
    if not is_local():
        (cache_root() / name).unlink(missing_ok=True)


# Each app answers with the stored names its rows point at, as (name, what the row is) pairs: `parvis cleanup`
# keeps those objects, lists the rows whose object is missing, and deletes the rest.
references_requested = Signal()


def references() -> dict[str, str]:
    """Every stored name a row points at, with a French description of that row."""
    found: dict[str, str] = {}
    for model in apps.get_models():
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, models.FileField)]
        for field in fields:
            for pk, name in model._default_manager.exclude(**{field: ""}).values_list("pk", field):
                found[name] = f"{model._meta.label} {pk}"
    for _receiver, answer in references_requested.send(sender=None):
        # django-stubs types a receiver's answer as ``str | None``; these answer (name, description) pairs.
        found.update(dict(cast("Iterable[tuple[str, str]]", answer)))
    return found


def walk(folder: str = "") -> Iterator[str]:
    """Every name in the default storage under ``folder``."""
    try:
        dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    prefix = f"{folder}/" if folder else ""
    yield from (prefix + name for name in files)
    for sub in dirs:
        yield from walk(prefix + sub)
