"""The import pipeline run by the background task: fetch, read, validate, type, write, publish.

Every step writes to temporary files; the version's Parquet file appears (atomic rename) only
when complete, and the version becomes current only at the very end, in one transaction, when it
is valid (or the agent chose to publish it with its errors). Any failure marks the version
``failed`` with a French explanation, deletes what it wrote, and leaves the current version as is.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parvis.catalog import schemas, selectors
from parvis.catalog.lib import fetch
from parvis.catalog.lib.errors import IngestError, SchemaError
from parvis.catalog.lib.ingest import check_text_file, list_sheets
from parvis.catalog.lib.typed import ParquetSink
from parvis.catalog.models import ImportJob, ResourceVersion, VersionStatus
from parvis.catalog.query import store
from parvis.catalog.signals import announce_current_version
from parvis.catalog.stats import column_stats
from parvis.core import storage_cache, uploads
from parvis.core.storage_cache import sha256

logger = logging.getLogger(__name__)


def tmp_dir() -> str:
    return str(storage_cache.tmp_root())


def _progress(
    version: ResourceVersion, percent: int, rows: int | None = None, status: str | None = None
) -> None:
    version.progress = percent
    fields = ["progress"]
    if rows is not None:
        version.rows_processed = rows
        fields.append("rows_processed")
    if status:
        version.status = status
        fields.append("status")
    ResourceVersion.objects.filter(pk=version.pk).update(**{f: getattr(version, f) for f in fields})


@contextlib.contextmanager
def local_source(job: ImportJob):
    """A local path of the job's source file (downloaded, or taken from the storage)."""
    suffix = Path(job.version.source_name).suffix[:10]
    if job.source == ImportJob.Source.URL:
        path, _ctype = fetch.download(
            job.source_url,
            max_bytes=uploads.max_upload_bytes(),
            timeout=float(getattr(settings, "PARVIS_IMPORT_URL_TIMEOUT", 60)),
            policy=selectors.import_network_policy(),
            suffix=suffix,
            dir=tmp_dir(),
        )
        try:
            name = Path(job.version.source_name).name or "import"
            with open(path, "rb") as fh:
                job.stored_file = default_storage.save(
                    f"catalog/sources/{job.version.resource_id}/{name}", File(fh, name=name)
                )
            job.save(update_fields=["stored_file"])
            yield path
        finally:
            os.unlink(path)
        return
    try:
        yield default_storage.path(job.stored_file)
    except NotImplementedError:  # remote storage (S3): copy to a temporary file
        fd, path = tempfile.mkstemp(suffix=suffix, dir=tmp_dir())
        with os.fdopen(fd, "wb") as out, default_storage.open(job.stored_file, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
        try:
            yield path
        finally:
            os.unlink(path)


def version_dir(version: ResourceVersion) -> str:
    """The storage folder of a resource's versions."""
    resource = version.resource
    return f"datasets/{resource.dataset_id}/{resource.pk}"


def execute(job: ImportJob) -> ResourceVersion:
    """Run one import job to completion (ready or failed). Never raises for bad input.

    Everything is written in a private temporary folder, then published to the storage under names that embed
    the content's hash, so a retried import writes the same names and never leaves a second copy.

    Safe to run again: a worker that died mid-import leaves the version pending or processing, and the
    retry rebuilds the same files under the same names; a version already finished is left as it is,
    so a retried task never makes a second version or overwrites a finished one.
    """
    version = job.version
    if version.status in (VersionStatus.READY, VersionStatus.FAILED):
        return version
    job.started_at = timezone.now()
    job.save(update_fields=["started_at"])
    _progress(version, 1, status=VersionStatus.PROCESSING)
    work = Path(tempfile.mkdtemp(prefix="import-", dir=tmp_dir()))
    published: list[str] = []
    try:
        with local_source(job) as path:
            version.source_size = os.path.getsize(path)
            version.source_checksum = sha256(path)
            _progress(version, 10)
            opts = job.options
            read_options = {
                key: opts.get(key) or None for key in ("format", "sheet", "encoding", "delimiter")
            }
            check_text_file(Path(path), read_options["format"])  # the shared file guard, streamed
            # One streamed pass: validation hands each chunk's typed table to the Parquet sink.
            schema = version.schema or schemas.infer_streamed(path, read_options)
            _progress(version, 30)
            parquet = work / "data.parquet"
            sink = ParquetSink(parquet)
            try:
                report = schemas.validate_streamed(path, schema, sink, read_options)
                if not report.source.get("header"):
                    raise IngestError("blank-header", _("Le fichier ne contient aucune colonne."))
                sink.close()
            except BaseException:
                sink.abort()
                raise
            sheets = list_sheets(path) if report.source["format"] in ("xlsx", "xls", "ods") else []
        _progress(version, 75, rows=report.row_count)
        store.build(str(parquet))
        _progress(version, 85)
        version.columns = column_stats(str(parquet), schema)
        version.content_hash = sha256(str(parquet))
        folder, stem = version_dir(version), f"v{version.number}"
        parquet_name = storage_cache.content_name(folder, stem, version.content_hash, ".parquet")
        errors_name = ""
        if not report.valid:
            errors = work / "errors.parquet"
            schemas.write_errors(report, errors)
            errors_name = storage_cache.content_name(folder, stem, sha256(str(errors)), ".errors.parquet")
            published.append(storage_cache.publish(errors, errors_name))
        published.append(
            storage_cache.publish(store.store_path(str(parquet)), store.store_path(parquet_name))
        )
        published.append(storage_cache.publish(parquet, parquet_name))
        _finish_ready(version, job, schema, report, parquet_name, errors_name, sheets)
    except (IngestError, SchemaError, fetch.FetchError) as exc:
        _fail(version, job, _describe(exc), published)
    except Exception:
        logger.exception("catalog import %s failed", job.pk)
        _fail(
            version,
            job,
            _(
                "Erreur inattendue pendant l'import : le fichier n'a pas pu être traité. "
                "La version précédente reste en ligne."
            ),
            published,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return version


def _describe(exc) -> str:
    message = exc.message_fr
    row, column = getattr(exc, "row", None), getattr(exc, "column", None)
    where = []
    if row:
        where.append(_("ligne {row}").format(row=row))
    if column:
        where.append(_("colonne {column}").format(column=column))
    return f"{message} ({', '.join(where)})" if where and str(row or "") not in message else message


def _finish_ready(version, job, schema, report, parquet_name, errors_name, sheets) -> None:
    source = report.source
    version.status, version.progress, version.rows_processed = VersionStatus.READY, 100, report.row_count
    version.parquet_path, version.errors_path = parquet_name, errors_name
    version.row_count = report.row_count
    version.source_format = source["format"]
    version.source_meta = {
        "encoding": source["encoding"],
        "delimiter": source["delimiter"],
        "sheet": source["sheet"],
        "sheets": sheets,
        "header": source["header"][:2000],
    }
    if not version.schema_source:  # a schema given without a named source was still checked
        version.schema_source = "inferred" if version.schema is None else "provided"
    version.schema = schema
    version.valid = report.valid
    version.error_count = report.error_count
    version.report_summary = schemas.summary(report)
    version.finished_at = timezone.now()
    with transaction.atomic():
        promote = report.valid or bool(job.options.get("publish_invalid"))
        if promote:
            ResourceVersion.objects.filter(resource=version.resource_id, is_current=True).update(
                is_current=False
            )
        version.is_current = promote
        version.save()
        if promote:
            announce_current_version(version)
    job.finished_at = version.finished_at
    job.save(update_fields=["finished_at"])


def _fail(version, job, message: str, published: list[str]) -> None:
    for name in published:  # names carry the version number: no other version shares them
        storage_cache.delete(name)
    ResourceVersion.objects.filter(pk=version.pk).update(
        status=VersionStatus.FAILED,
        failure=message,
        is_current=False,
        parquet_path="",
        errors_path="",
        finished_at=timezone.now(),
    )
    version.refresh_from_db()
    job.finished_at = version.finished_at
    job.save(update_fields=["finished_at"])


def infer_from_job(job) -> dict:
    """The schema inferred from the job's source (a URL source is downloaded and kept in the storage)."""
    with local_source(job) as path:
        opts = job.options
        return schemas.infer_streamed(
            path, {"format": opts.get("format") or None, "sheet": opts.get("sheet") or None}
        )
