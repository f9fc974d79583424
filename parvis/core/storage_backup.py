"""`parvis backup` and `parvis restore`: the database and the stored files in one archive.

The archive is a plain tar file (Parquet and sources are already compressed):

- ``database.jsonl``: every row, written by Django's serialiser with natural keys, so an archive taken on
  SQLite restores on PostgreSQL and back;
- ``files/<name>``: every object of the default storage (local directory or S3 bucket);
- ``manifest.json`` (last): format, Parvis version, migrations, SHA-256 and size of every member, the
  fingerprint of ``SECRET_KEY`` (the key itself only with ``--include-secret-key``).

Consistency: the rows are read from one snapshot (a copy made with SQLite's backup API, or one PostgreSQL
``REPEATABLE READ`` transaction), then the files; a version's files are stored before its row is committed and
never change afterwards, so an import running during the backup is either in it with its files or absent.
Restore checks the whole archive (checksums, version) before writing anything.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass
from importlib.metadata import version as package_version
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

from parvis.core import storage_cache
from parvis.core.storage_cleanup import TRANSIENT_PREFIXES

FORMAT = "parvis-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.jsonl"
# Rebuilt by `migrate` (content types, permissions) or not worth keeping (sessions: everyone logs in again).
EXCLUDED_MODELS = ["contenttypes", "auth.permission", "sessions"]


class BackupError(Exception):
    """A French message: the archive cannot be used, nothing was changed."""


def _member(tar: tarfile.TarFile, name: str) -> IO[bytes]:
    """The content of a regular file of the archive."""
    member = tar.extractfile(name)
    if member is None:
        raise BackupError(_("Archive endommagée : « {name} » n’est pas un fichier.").format(name=name))
    return member


def code_migrations() -> list[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in loader.disk_migrations)


def secret_fingerprint(key: str) -> str:
    return hashlib.sha256(f"parvis-backup:{key}".encode()).hexdigest()[:16]


class _HashingReader(io.RawIOBase):
    """Reads a file object while computing its SHA-256 (objects are streamed into the archive once)."""

    def __init__(self, raw):
        self.raw, self.digest = raw, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size=-1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        return data


@contextlib.contextmanager
def _snapshot():
    """A database alias whose reads all see one instant."""
    db = connections.databases[DEFAULT_DB_ALIAS]
    if connections[DEFAULT_DB_ALIAS].vendor != "sqlite":
        with transaction.atomic():
            with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield DEFAULT_DB_ALIAS
        return
    with tempfile.TemporaryDirectory(dir=storage_cache.tmp_root()) as work:
        copy = Path(work) / "snapshot.sqlite3"
        source, target = sqlite3.connect(db["NAME"]), sqlite3.connect(copy)
        try:
            source.backup(target)  # a consistent copy, taken while the others keep writing
        finally:
            source.close()
            target.close()
        connections.databases["backup_snapshot"] = {**db, "NAME": str(copy), "OPTIONS": {}}
        try:
            yield "backup_snapshot"
        finally:
            connections["backup_snapshot"].close()
            del connections.databases["backup_snapshot"]


def _add(tar: tarfile.TarFile, arcname: str, fileobj, size: int) -> dict:
    info = tarfile.TarInfo(arcname)
    info.size, info.mtime, info.mode = size, int(timezone.now().timestamp()), 0o600
    reader = _HashingReader(fileobj)
    tar.addfile(info, reader)
    return {"sha256": reader.digest.hexdigest(), "size": size}


def backup(dest: Path, *, include_secret_key: bool = False) -> dict:
    """Write the archive at ``dest`` (atomically: a temporary name, then renamed) and return its manifest."""
    from django.core.files.storage import default_storage

    dest = dest.resolve()
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
    os.close(fd)
    members: dict[str, dict] = {}
    try:
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
            with tempfile.TemporaryDirectory(dir=storage_cache.tmp_root()) as work:
                dump = Path(work) / DATABASE
                with _snapshot() as alias:
                    call_command(
                        "dumpdata",
                        database=alias,
                        exclude=EXCLUDED_MODELS,
                        natural_foreign=True,
                        format="jsonl",
                        output=str(dump),
                        verbosity=0,
                    )
                    # Files after the rows: every file the rows point at was stored before they were written.
                    with open(dump, "rb") as fh:
                        members[DATABASE] = _add(tar, DATABASE, fh, dump.stat().st_size)
                for name in sorted(storage_cache.walk()):
                    if name.startswith(TRANSIENT_PREFIXES):
                        continue
                    with default_storage.open(name, "rb") as fh:
                        members[f"files/{name}"] = _add(tar, f"files/{name}", fh, default_storage.size(name))
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "parvis_version": package_version("parvis"),
                "created_at": timezone.now().isoformat(),
                "database_vendor": connections[DEFAULT_DB_ALIAS].vendor,
                "storage": settings.PARVIS_STORAGE_URL.split("@")[-1],
                "migrations": code_migrations(),
                "secret_key_fingerprint": secret_fingerprint(settings.SECRET_KEY),
                "members": members,
            }
            if include_secret_key:
                manifest["secret_key"] = settings.SECRET_KEY
            body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            _add(tar, MANIFEST, io.BytesIO(body), len(body))
        os.replace(partial, dest)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return manifest


@dataclass
class Checked:
    manifest: dict
    files: list[str]


def check(src: Path) -> Checked:
    """Read the whole archive: its manifest, its version and every checksum. Raises ``BackupError``."""
    if not src.is_file():
        raise BackupError(_("Archive introuvable : {path}.").format(path=src))
    try:
        with tarfile.open(src, "r:") as tar:
            names = tar.getnames()
            if MANIFEST not in names:
                raise BackupError(_("Archive incomplète : son manifeste manque (fichier tronqué ?)."))
            manifest = json.load(_member(tar, MANIFEST))
            _check_manifest(manifest)
            for name, expected in manifest["members"].items():
                member = tar.extractfile(name) if name in names else None
                if member is None:
                    raise BackupError(_("Archive incomplète : « {name} » manque.").format(name=name))
                digest = hashlib.sha256()
                while chunk := member.read(1 << 20):
                    digest.update(chunk)
                if digest.hexdigest() != expected["sha256"]:
                    raise BackupError(
                        _("Archive abîmée : « {name} » ne correspond pas à son empreinte.").format(name=name)
                    )
    except (tarfile.TarError, EOFError, OSError, ValueError, KeyError) as exc:
        raise BackupError(
            _("Archive illisible ou tronquée ({detail}) : rien n'a été modifié.").format(
                detail=str(exc)[:120]
            )
        ) from exc
    files = [n.removeprefix("files/") for n in manifest["members"] if n.startswith("files/")]
    return Checked(manifest, files)


def _check_manifest(manifest: dict) -> None:
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(_("Ce fichier n'est pas une sauvegarde Parvis lisible par cette version."))
    ours, theirs = set(code_migrations()), set(manifest.get("migrations", []))
    if ours != theirs:
        newer, older = sorted(theirs - ours), sorted(ours - theirs)
        raise BackupError(
            _(
                "Cette sauvegarde vient d'une autre version de Parvis ({version}) : migrations inconnues ici : "
                "{newer} ; migrations absentes de la sauvegarde : {older}. Restaurez-la avec la même version "
                "de Parvis, puis mettez à jour."
            ).format(
                version=manifest.get("parvis_version", "?"),
                newer=", ".join(newer[:5]) or "aucune",
                older=", ".join(older[:5]) or "aucune",
            )
        )


def restore(src: Path, *, force: bool = False, log=print) -> Checked:
    """Check the archive, then load its files and rows into this (empty) instance."""
    from django.core.cache import cache
    from django.core.files.storage import default_storage

    checked = check(src)
    call_command("migrate", verbosity=0, interactive=False)
    if not force and _has_rows():
        raise BackupError(
            _("La base de données n'est pas vide : rien n'a été modifié. Ajoutez --force pour la remplacer.")
        )
    clashes = [n for n in checked.files if default_storage.exists(n)]
    if clashes and not force:
        raise BackupError(
            _(
                "Le stockage contient déjà {n} fichier(s) de la sauvegarde (ex. {name}) : rien n'a été modifié. "
                "Ajoutez --force pour les remplacer."
            ).format(n=len(clashes), name=clashes[0])
        )
    _restore_secret_key(checked.manifest, log)
    with tarfile.open(src, "r:") as tar, tempfile.TemporaryDirectory(dir=storage_cache.tmp_root()) as work:
        for name in checked.files:
            default_storage.delete(name)  # only a clash accepted with --force
            local = Path(work) / "object"
            with _member(tar, f"files/{name}") as member, open(local, "wb") as out:
                shutil.copyfileobj(member, out, 1 << 20)
            storage_cache.publish(local, name)
        dump = Path(work) / DATABASE
        with _member(tar, DATABASE) as member, open(dump, "wb") as out:
            shutil.copyfileobj(member, out, 1 << 20)
        with transaction.atomic():
            if force:
                call_command("flush", verbosity=0, interactive=False)
            call_command("loaddata", str(dump), verbosity=0)
    cache.clear()  # counters and answers cached for the former data
    return checked


def _has_rows() -> bool:
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.app_label in ("contenttypes", "auth") or model._meta.proxy:
            continue
        if model._meta.managed and model._default_manager.exists():
            return True
    return False


def _restore_secret_key(manifest: dict, log) -> None:
    """Pseudonyms, password-reset links and signed values need the original SECRET_KEY."""
    key = manifest.get("secret_key")
    current = secret_fingerprint(settings.SECRET_KEY)
    if current == manifest.get("secret_key_fingerprint"):
        return
    if key and not os.environ.get("SECRET_KEY"):
        path = Path(settings.PARVIS_DATA_DIR) / "secret_key"
        path.write_text(key)
        path.chmod(0o600)
        log(_("SECRET_KEY de la sauvegarde écrite dans {path} : redémarrez les services.").format(path=path))
        return
    log(
        _(
            "Attention : SECRET_KEY diffère de celle de l'instance sauvegardée. Définissez SECRET_KEY à sa valeur "
            "d'origine (ou sauvegardez avec --include-secret-key), sinon les pseudonymes des données ouvertes "
            "et les liens signés changent."
        )
    )
