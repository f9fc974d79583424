"""The catalogue's search index: one ``DatasetSearch`` row and the ``DatasetKeyword`` rows of each dataset.

Kept in the database, so every node sees the same index: written on every save of a dataset (post_save,
so creation, edition, publication and access changes through any path are covered), of its organisation
(its name is searched), removed with the dataset (foreign key cascade; on SQLite the FTS5 table follows through
triggers). ``rebuild()`` rewrites everything (``parvis catalog_reindex``; migration 0003 fills it first).
"""

from __future__ import annotations

from django.db import transaction

from parvis.catalog.lib import searchtext
from parvis.catalog.models import Dataset, DatasetKeyword, DatasetSearch


def index_dataset(dataset: Dataset) -> None:
    """Write the search row and keyword rows of ``dataset`` (idempotent)."""
    keywords = searchtext.keyword_labels(dataset.keywords)
    columns = searchtext.index_columns(
        title=dataset.title,
        keywords=dataset.keywords,
        organisation=dataset.organisation.name,
        description=dataset.description,
    )
    with transaction.atomic():
        DatasetSearch.objects.update_or_create(dataset=dataset, defaults=columns)
        DatasetKeyword.objects.filter(dataset=dataset).exclude(folded__in=list(keywords)).delete()
        existing = dict(DatasetKeyword.objects.filter(dataset=dataset).values_list("folded", "label"))
        for folded, label in keywords.items():
            if folded not in existing:
                DatasetKeyword.objects.create(dataset=dataset, folded=folded, label=label)
            elif existing[folded] != label:
                DatasetKeyword.objects.filter(dataset=dataset, folded=folded).update(label=label)


def index_organisation(organisation_id: int) -> int:
    """Re-index the datasets of an organisation (its name changed); returns how many."""
    datasets = Dataset.objects.filter(organisation_id=organisation_id).select_related("organisation")
    for dataset in datasets:
        index_dataset(dataset)
    return len(datasets)


def rebuild() -> int:
    """Re-index every dataset and drop index rows left without one; returns the number of datasets."""
    DatasetSearch.objects.exclude(dataset__in=Dataset.objects.all()).delete()
    count = 0
    for dataset in Dataset.objects.select_related("organisation").iterator(chunk_size=500):
        index_dataset(dataset)
        count += 1
    return count


INDEXED_FIELDS = {"title", "keywords", "description", "organisation"}


def dataset_saved(sender, instance: Dataset, raw: bool = False, update_fields=None, **kwargs) -> None:
    """Receiver of ``post_save`` for datasets (a save of other fields only, e.g. publication, is skipped)."""
    if not raw and (update_fields is None or INDEXED_FIELDS & set(update_fields)):
        index_dataset(instance)


def organisation_saved(sender, instance, raw: bool = False, created: bool = False, **kwargs) -> None:
    """Receiver of ``post_save`` for organisations: their name is part of their datasets' index."""
    if raw or created:
        return
    stale = DatasetSearch.objects.filter(dataset__organisation_id=instance.pk).exclude(
        organisation=searchtext.padded(instance.name)
    )
    if stale.exists():
        index_organisation(instance.pk)
