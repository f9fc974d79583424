"""Reads of the catalogue, for views, the API and other Parvis apps.

Other apps use these instead of the models:

- ``visible_datasets(user)``: the datasets the user may see (anonymous users: published public ones).
- ``current_version(resource)``: the current ready :class:`ResourceVersion`, or ``None``.
- ``version_path(version)``: local path of the version's Parquet file on this node.
- ``search_datasets(user, DatasetQuery(q=…, keywords=…, licence=…, organisation=…, theme=…))``: the visible
  datasets matching a full-text query (accent- and case-insensitive, last word as a prefix; the same results
  on SQLite and PostgreSQL) and facet filters, best matches first; ``dataset_facets(datasets)``: their
  keyword, licence, organisation and theme counts.
- ``read_rows(version, columns=None, filters=None, sort=None, limit=None)``: an Arrow table.
  ``filters`` is a mapping ``{column: value}`` (equality) or a list of ``(column, op, value)``
  with ``op`` among ``eq ne lt lte gt gte in like isnull notnull``. Raises ``query.QueryError``
  (French message) on an unknown column or a bad value.
- ``row_as_written(version, row_number)``: one row (its position in the file, from 0) as ``{column: text}``,
  each value written as the version's schema writes it (``None`` past the end).
- ``pending_corrections(resource)``: the corrections proposed on a resource and not yet reviewed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection
from django.db.models import Case, Count, F, Min, Q, QuerySet, Value, When
from django.db.models.expressions import Combinable, RawSQL
from django.utils.translation import gettext as _

from parvis.accounts import policy
from parvis.catalog import query
from parvis.catalog.lib import searchtext
from parvis.catalog.lib.schema_text import as_schema_writes
from parvis.catalog.lib.tableschema import load_schema
from parvis.catalog.models import (
    Access,
    CorrectionStatus,
    Dataset,
    DatasetKeyword,
    ImportJob,
    Licence,
    Resource,
    ResourceVersion,
    RowCorrection,
    Theme,
    VersionStatus,
)
from parvis.catalog.query.store import store_path
from parvis.core import network, storage_cache
from parvis.core.cache import data_stamp
from parvis.core.lib import lazy, netguard
from parvis.territory.hierarchy import covering_codes

if TYPE_CHECKING:
    import pyarrow as pa
else:
    pa = lazy.module("pyarrow")


def limits() -> query.Limits:
    return query.Limits(
        timeout=float(getattr(settings, "PARVIS_QUERY_TIMEOUT", 5)),
        memory_limit=getattr(settings, "PARVIS_QUERY_MEMORY", "1GB"),
        threads=int(getattr(settings, "PARVIS_QUERY_THREADS", 2)),
        temp_directory=str(Path(settings.PARVIS_DATA_DIR) / "tmp" / "duckdb"),
    )


def visible_datasets(user) -> QuerySet[Dataset]:
    """Datasets ``user`` may see; the same rule as ``catalog.view_dataset``, as a query."""
    qs = Dataset.objects.select_related("organisation")
    if policy.is_admin(user):
        return qs
    open_q = Q(published=True, access=Access.PUBLIC)
    orgs = policy.organisation_ids(user)
    if not orgs:
        return qs.filter(open_q)
    shared = Dataset.objects.filter(published=True, access=Access.RESTRICTED, shared_with__in=orgs).values(
        "pk"
    )
    return qs.filter(open_q | Q(organisation__in=orgs) | Q(pk__in=shared))


@dataclass(frozen=True)
class DatasetQuery:
    """What a visitor asks the catalogue: words, and facet values (keywords as written or folded)."""

    q: str = ""
    keywords: tuple[str, ...] = ()
    licence: str = ""
    organisation: str = ""
    theme: str = ""
    territoire: str = ""
    schema: str = ""
    format: str = ""


# Ranking weights of a word found in each indexed column: a title match outranks a keyword match, which
# outranks an organisation match, which outranks a description match, whatever the others.
SEARCH_WEIGHTS = (("title", 8), ("keywords", 4), ("organisation", 2), ("description", 1))
_FTS_SQL = {
    "sqlite": "SELECT rowid FROM catalog_datasetsearch_fts WHERE catalog_datasetsearch_fts MATCH %s",
    "postgresql": "SELECT dataset_id FROM catalog_datasetsearch "
    "WHERE to_tsvector('simple'::regconfig, document) @@ to_tsquery('simple'::regconfig, %s)",
}


def _text_match(words: list[str]) -> Q:
    """The datasets whose index holds every word (the last one as a word start), through the database's
    full-text index: FTS5 on SQLite, a GIN ``tsvector`` index on PostgreSQL."""
    vendor = connection.vendor
    if vendor in _FTS_SQL:
        expression = searchtext.fts5_match(words) if vendor == "sqlite" else searchtext.tsquery(words)
        # A constant statement; the folded words (letters and digits only) are a bound parameter.
        return Q(pk__in=RawSQL(_FTS_SQL[vendor], [expression]))  # noqa: S611
    match = Q()
    for needle in searchtext.needles(words):
        match &= Q(search__document__contains=needle.strip())
    return match


def _score(words: list[str]):
    """The same rank on both engines: the weights of the columns holding each word, added up."""
    parts = [
        Case(When(**{f"search__{column}__contains": needle}, then=Value(weight)), default=Value(0))
        for needle in searchtext.needles(words)
        for column, weight in SEARCH_WEIGHTS
    ]
    total: Combinable = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def search_datasets(user, query: DatasetQuery) -> QuerySet[Dataset]:
    """The datasets ``user`` may see that match ``query``: best matches first when there are words (then by
    title), else by title."""
    qs = visible_datasets(user)
    for keyword in query.keywords:
        qs = qs.filter(keyword_rows__folded=searchtext.fold(keyword))
    if query.licence:
        qs = qs.filter(licence=query.licence)
    if query.organisation:
        qs = qs.filter(organisation__slug=query.organisation)
    if query.theme:
        qs = qs.filter(theme=query.theme)
    if query.territoire:
        qs = qs.filter(coverage__icontains=query.territoire)
    if query.schema:
        qs = qs.filter(pk__in=Resource.objects.filter(schema_source=query.schema).values("dataset"))
    if query.format:
        formats = ResourceVersion.objects.filter(source_format=query.format)
        qs = qs.filter(pk__in=formats.values("resource__dataset"))
    words = searchtext.terms(query.q)
    if not words:
        return qs.order_by("title", "pk")
    return qs.filter(_text_match(words)).annotate(score=_score(words)).order_by("-score", "title", "pk")


def _facet(name: str, rows: Sequence[Mapping[str, Any]], label, limit: int | None = None) -> dict:
    values = [{"value": r["value"], "label": label(r), "count": r["n"]} for r in rows if r["value"]]
    shown = values[:limit] if limit else values
    return {"name": name, "values": shown, "distinct": len(values), "truncated": len(shown) < len(values)}


def dataset_facets(datasets: QuerySet[Dataset], *, keyword_limit: int = 20) -> list[dict]:
    """Counts of the keyword, licence, organisation and theme values among ``datasets``, most frequent first
    (then alphabetical); each facet says how many distinct values it has and whether it was cut."""
    ids = datasets.order_by().values("pk")
    chosen = Dataset.objects.filter(pk__in=ids).order_by()
    keywords = (
        DatasetKeyword.objects.filter(dataset__in=ids)
        .values(value=F("folded"))
        .annotate(n=Count("dataset", distinct=True), label=Min("label"))
        .order_by("-n", "value")
    )
    licences = chosen.values(value=F("licence")).annotate(n=Count("pk")).order_by("-n", "value")
    organisations = (
        chosen.values(value=F("organisation__slug"), name=F("organisation__name"))
        .annotate(n=Count("pk"))
        .order_by("-n", "name")
    )
    themes = chosen.values(value=F("theme")).annotate(n=Count("pk")).order_by("-n", "value")
    licence_labels, theme_labels = dict(Licence.choices), dict(Theme.choices)
    return [
        _facet("keyword", list(keywords), lambda r: r["label"], keyword_limit),
        _facet("licence", list(licences), lambda r: str(licence_labels.get(r["value"], r["value"]))),
        _facet("organisation", list(organisations), lambda r: r["name"]),
        _facet("theme", list(themes), lambda r: str(theme_labels.get(r["value"], r["value"]))),
    ]


def is_public_dataset(dataset: Dataset) -> bool:
    """Whether an anonymous visitor may see ``dataset``: what public derived objects (indicators,
    dashboards, feeds) check again each time they are fed."""
    return visible_datasets(None).filter(pk=dataset.pk).exists()


def current_version(resource: Resource) -> ResourceVersion | None:
    return resource.versions.filter(is_current=True, status=VersionStatus.READY).first()


def version_path(version: ResourceVersion) -> str:
    """Path on this node of the version's Parquet file, with its query store beside it (both fetched from the
    storage into this node's cache on first use). A path that does not exist when the storage lacks the file:
    the query layer answers its French « absent » message."""
    try:
        path = storage_cache.local_path(version.parquet_path)
    except OSError:
        return str(storage_cache.cache_root() / "missing" / version.parquet_path)
    with contextlib.suppress(OSError):  # an older version may have no stored query store: built on demand
        storage_cache.local_path(store_path(version.parquet_path))
    return str(path)


def _spec(filters, columns, sort, limit, schema: pa.Schema) -> query.QuerySpec:
    items: Iterable[tuple[Any, ...]] = filters.items() if isinstance(filters, dict) else (filters or [])
    spec = query.QuerySpec(size=limit or query.MAX_PAGE_SIZE)
    for item in items:
        if len(item) == 2:
            column, op, value = item[0], "eq", item[1]
        else:
            column, op, value = item
        spec.filters.append(query.Filter(column, op, tuple(value) if op == "in" else value))
    for f in spec.filters:
        if f.column not in schema.names or f.op not in query.spec.OPERATORS:
            raise query.QueryError(
                _("Filtre invalide : « {column} » / « {op} ».").format(column=f.column, op=f.op)
            )
    for col in [*(columns or []), *(c.lstrip("-") for c in sort or [])]:
        if col not in schema.names:
            raise query.QueryError(_("Colonne inconnue : « {name} ».").format(name=col))
    spec.columns = list(columns) if columns else None
    spec.sort = [(c.lstrip("-"), c.startswith("-")) for c in sort or []]
    return spec


def read_rows(version: ResourceVersion, *, columns=None, filters=None, sort=None, limit=None) -> pa.Table:
    """Rows of a ready version as an Arrow table (every row when ``limit`` is None)."""
    path = version_path(version)
    spec = _spec(filters, columns, sort, limit, query.schema_of(path))
    batches = list(query.export_batches(path, spec, limits(), limit=limit))
    schema = batches[0].schema if batches else None
    if schema is None:
        return query.schema_of(path).empty_table().select(spec.columns or query.schema_of(path).names)
    return pa.Table.from_batches(batches, schema=schema)


def written(table: pa.Table, version: ResourceVersion) -> list[dict[str, str]]:
    """Rows of ``table`` as ``{column: text}``, each value as the version's schema writes it ("" for empty)."""
    if table.num_rows and version.schema:
        batch = as_schema_writes(table.combine_chunks().to_batches()[0], load_schema(version.schema))
        table = pa.Table.from_batches([batch])
    return [
        {name: "" if value is None else str(value) for name, value in row.items()}
        for row in table.to_pylist()
    ]


def row_as_written(version: ResourceVersion, row_number: int) -> dict[str, str] | None:
    if row_number < 0 or (version.row_count is not None and row_number >= version.row_count):
        return None
    found = written(query.row_at(version_path(version), row_number, limits()), version)
    return found[0] if found else None


def pending_corrections(resource: Resource) -> QuerySet[RowCorrection]:
    return resource.corrections.filter(status=CorrectionStatus.PENDING).select_related("version", "author")


def datasets_covering(sender, territory, user=None, **kwargs) -> dict:
    """Receiver of ``territory_page_requested``: the visible datasets whose coverage includes the territory."""
    codes = covering_codes(territory)
    datasets = visible_datasets(user).order_by("title")[:500]
    return {"datasets": [d for d in datasets if codes & set(d.coverage or ())][:30]}


def datasets_version(sender, **kwargs) -> str:
    """Receiver of ``territory_page_version``: changes whenever ``datasets_covering`` may for an anonymous
    visitor (a dataset created, edited, published, unpublished or deleted: its ``updated_at`` or the count)."""
    return data_stamp((Dataset, "count(*)", ""), (Dataset, "max(updated_at)", ""))


def dataset_titled(title: str) -> Dataset | None:
    return Dataset.objects.filter(title=title).first()


def stored_files(sender, **kwargs) -> list[tuple[str, str]]:
    """Receiver of ``storage_cache.references_requested``: the stored names of every version and import."""
    found = []
    versions = ResourceVersion.objects.select_related("resource__dataset").exclude(parquet_path="")
    for version in versions:
        label = _("version {number} de « {title} »").format(number=version.number, title=version.resource)
        found += [(version.parquet_path, label), (store_path(version.parquet_path), label)]
        if version.errors_path:
            found.append((version.errors_path, label))
    for job in ImportJob.objects.exclude(stored_file="").select_related("version__resource"):
        found.append(
            (
                job.stored_file,
                _("source de la version {number} de « {title} »").format(
                    number=job.version.number, title=job.version.resource
                ),
            )
        )
    return found


def import_network_policy() -> netguard.Policy:
    """The network guard's policy for URL imports: private or loopback addresses only when
    ``PARVIS_IMPORT_ALLOW_PRIVATE_URLS`` is on (by default in DEBUG only)."""
    return network.policy("PARVIS_IMPORT_ALLOW_PRIVATE_URLS")
