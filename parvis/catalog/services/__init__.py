"""Writes of the catalogue (plain functions, keyword-only arguments).

Other apps call:

- ``create_dataset(organisation=..., title=..., actor=None, **fields) -> Dataset``
- ``create_resource(dataset=..., title=..., schema=None, schema_source="") -> Resource``
- ``start_import(resource=..., actor=..., upload=None | url=None | path=None, options=None) -> ResourceVersion``
  queues a background import; the returned version is pending and becomes current once ready
  (and valid, unless ``options["publish_invalid"]``).
- ``create_dataset_from_file(organisation=..., title=..., path=..., schema=None, actor=None, **fields)
  -> (Dataset, ResourceVersion)`` creates a dataset with one resource and imports ``path``
  synchronously (for demos and other apps' seed data).
- ``make_current(version=..., actor=...)``: rollback (or publish a version flagged with errors).
- corrections of rows proposed by anyone (``services.corrections``): ``submit_correction``,
  ``accept_correction``, ``refuse_correction``.
"""

from __future__ import annotations

from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from parvis.accounts.services import audit
from parvis.catalog.models import Dataset, ImportJob, Resource, ResourceVersion, VersionStatus
from parvis.catalog.query.store import store_path
from parvis.catalog.services.imports import execute
from parvis.catalog.signals import announce_current_version, import_requested
from parvis.core import background, storage_cache
from parvis.core.lib.slugs import unique_slug


def _unique_slug(model, base: str, **scope) -> str:
    return unique_slug(
        base, lambda slug: model.objects.filter(slug=slug, **scope).exists(), fallback="donnees"
    )


def create_dataset(
    *, organisation, title: str, actor=None, shared_with=(), request=None, **fields
) -> Dataset:
    dataset = Dataset.objects.create(
        organisation=organisation, title=title, slug=_unique_slug(Dataset, title), created_by=actor, **fields
    )
    if shared_with:
        dataset.shared_with.set(shared_with)
    audit(
        actor=actor,
        action="catalog.dataset.create",
        target=dataset,
        organisation=organisation,
        request=request,
    )
    return dataset


def update_dataset(*, dataset: Dataset, actor, request=None, shared_with=None, **fields) -> Dataset:
    before = {"access": dataset.access, "published": dataset.published}
    for name, value in fields.items():
        setattr(dataset, name, value)
    dataset.save()
    if shared_with is not None:
        dataset.shared_with.set(shared_with)
    if before["access"] != dataset.access or shared_with is not None:
        audit(
            actor=actor,
            action="catalog.dataset.access",
            target=dataset,
            organisation=dataset.organisation,
            details={
                "access": dataset.access,
                "shared_with": sorted(o.pk for o in dataset.shared_with.all()),
            },
            request=request,
        )
    return dataset


def set_published(*, dataset: Dataset, published: bool, actor, request=None) -> Dataset:
    dataset.published = published
    dataset.save(update_fields=["published", "updated_at"])
    audit(
        actor=actor,
        action="catalog.dataset.publish" if published else "catalog.dataset.unpublish",
        target=dataset,
        organisation=dataset.organisation,
        request=request,
    )
    return dataset


def delete_dataset(*, dataset: Dataset, actor, request=None) -> None:
    audit(
        actor=actor,
        action="catalog.dataset.delete",
        target=dataset,
        organisation=dataset.organisation,
        details={"title": dataset.title},
        request=request,
    )
    sources = set(
        ImportJob.objects.filter(version__resource__dataset=dataset).values_list("stored_file", flat=True)
    )
    files = ResourceVersion.objects.filter(resource__dataset=dataset).values_list(
        "parquet_path", "errors_path"
    )
    names = {name for pair in files for name in pair} | {store_path(p) for p, _e in files if p}
    dataset.delete()
    for name in (sources | names) - {""}:
        storage_cache.delete(name)


def create_resource(
    *, dataset: Dataset, title: str, description: str = "", schema=None, schema_source: str = ""
) -> Resource:
    return Resource.objects.create(
        dataset=dataset,
        title=title,
        description=description,
        slug=_unique_slug(Resource, title, dataset=dataset),
        schema=schema,
        schema_source=schema_source,
    )


def attach_schema(*, resource: Resource, schema: dict | None, source: str, actor, request=None) -> Resource:
    resource.schema, resource.schema_source = schema, source if schema else ""
    resource.save(update_fields=["schema", "schema_source"])
    audit(
        actor=actor,
        action="catalog.resource.schema",
        target=resource,
        organisation=resource.dataset.organisation,
        details={"source": source},
        request=request,
    )
    return resource


def _new_version(resource: Resource, actor, source_name: str, note: str = "") -> ResourceVersion:
    with transaction.atomic():
        Resource.objects.select_for_update().filter(pk=resource.pk).first()
        number = (resource.versions.aggregate(m=Max("number"))["m"] or 0) + 1
        return ResourceVersion.objects.create(
            resource=resource,
            number=number,
            created_by=actor,
            source_name=source_name[:255],
            schema=resource.schema,
            schema_source=resource.schema_source,
            note=note[:500],
        )


def start_import(
    *,
    resource: Resource,
    actor,
    upload=None,
    url: str = "",
    path: str | None = None,
    stored_file: str = "",
    source_name: str = "",
    options: dict | None = None,
    request=None,
    run_now: bool = False,
    note: str = "",
) -> ResourceVersion:
    """Store the source, create a pending version and its job, and queue (or run) the import; ``note`` is
    shown beside the version (who proposed a correction, for instance)."""
    options = dict(options or {})
    if upload is not None:
        name = Path(upload.name).name
        stored = default_storage.save(f"catalog/sources/{resource.pk}/{name}", upload)
        source, source_url = ImportJob.Source.UPLOAD, ""
    elif stored_file:
        name, stored, source, source_url = (
            source_name or Path(stored_file).name,
            stored_file,
            ImportJob.Source.SERVER,
            "",
        )
    elif path is not None:
        name = Path(path).name
        with open(path, "rb") as fh:
            stored = default_storage.save(f"catalog/sources/{resource.pk}/{name}", File(fh, name=name))
        source, source_url = ImportJob.Source.SERVER, ""
    else:
        name = url.rsplit("/", 1)[-1].split("?")[0][:200] or "import"
        stored, source, source_url = "", ImportJob.Source.URL, url
    version = _new_version(resource, actor, name, note)
    job = ImportJob.objects.create(
        version=version, source=source, source_url=source_url, stored_file=stored, options=options
    )
    audit(
        actor=actor,
        action="catalog.resource.import",
        target=resource,
        organisation=resource.dataset.organisation,
        details={"version": version.number, "source": source, "url": source_url, "file": name},
        request=request,
    )
    if run_now:
        execute(job)
    else:
        import_requested.send(sender=ImportJob, job=job)
    version.refresh_from_db()
    return version


def make_current(*, version: ResourceVersion, actor, request=None) -> ResourceVersion:
    """Make a ready version the current one (rollback, or publishing a version with errors)."""
    if version.status != VersionStatus.READY:
        raise ValueError("only a ready version can become current")
    with transaction.atomic():
        ResourceVersion.objects.filter(resource=version.resource_id, is_current=True).update(is_current=False)
        ResourceVersion.objects.filter(pk=version.pk).update(is_current=True)
        announce_current_version(version)
    version.is_current = True
    audit(
        actor=actor,
        action="catalog.version.make_current",
        target=version.resource,
        organisation=version.resource.dataset.organisation,
        details={"version": version.number, "valid": version.valid},
        request=request,
    )
    return version


def create_dataset_from_file(
    *,
    organisation,
    title: str,
    path: str,
    schema: dict | None = None,
    schema_source: str = "",
    resource_title: str = "",
    actor=None,
    options=None,
    **fields,
) -> tuple[Dataset, ResourceVersion]:
    dataset = create_dataset(organisation=organisation, title=title, actor=actor, **fields)
    resource = create_resource(
        dataset=dataset, title=resource_title or title, schema=schema, schema_source=schema_source
    )
    version = start_import(resource=resource, actor=actor, path=path, options=options, run_now=True)
    return dataset, version


def finish_job(job: ImportJob) -> None:
    job.finished_at = timezone.now()
    job.save(update_fields=["finished_at"])


def expire_stale_imports(*, resource: Resource | None = None) -> int:
    """Mark as failed the pending or running imports (of ``resource``, or of every resource) whose background
    task the queue gave up on: its worker died on every attempt (see PARVIS_TASK_MAX_ATTEMPTS). A task whose
    worker died is retried first, so an import still waiting for a retry stays pending. The current
    version is untouched."""
    running = [VersionStatus.PENDING, VersionStatus.PROCESSING]
    unfinished = ResourceVersion.objects.filter(status__in=running)
    if resource is not None:
        unfinished = unfinished.filter(resource=resource)
    gave_up = [
        pk
        for pk, task_id in unfinished.values_list("pk", "job__task_id")
        if background.abandoned(task_id or "")
    ]
    return ResourceVersion.objects.filter(pk__in=gave_up, status__in=running).update(
        status=VersionStatus.FAILED,
        is_current=False,
        finished_at=timezone.now(),
        failure=_(
            "L'import a été interrompu à chaque essai (le travailleur de tâches s'est arrêté) et a été "
            "abandonné. Rien n'a été modifié : importez le fichier à nouveau."
        ),
    )
