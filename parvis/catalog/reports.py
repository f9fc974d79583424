"""Validation reports of a version: the summary is in the database, every error in a Parquet file
next to the data (``v<n>.errors.parquet``: type, row, field, value, message), paged with DuckDB."""

from __future__ import annotations

import csv

from django.core.paginator import Paginator

from parvis.catalog.models import ResourceVersion
from parvis.catalog.query.connect import Limits, new_connection
from parvis.core import storage_cache

PAGE_SIZE = 100
COLUMNS = ("type", "row", "field", "value", "message")


def errors_path(version: ResourceVersion) -> str | None:
    """Path on this node of the version's error file (fetched from the storage on first use)."""
    if not version.errors_path:
        return None
    try:
        return str(storage_cache.local_path(version.errors_path))
    except OSError:
        return None


class _ErrorList:
    """A lazily sliced list of the errors of a version, for Django's Paginator."""

    def __init__(self, version: ResourceVersion):
        self.path, self.count_value = errors_path(version), version.error_count

    def count(self) -> int:
        return self.count_value if self.path else 0

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[dict]:
        if not self.path:
            return []
        start, stop = item.start or 0, item.stop or self.count_value
        con = new_connection(Limits())
        try:
            cur = con.execute(
                "SELECT * FROM read_parquet(?) LIMIT ? OFFSET ?", [self.path, stop - start, start]
            )
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
        finally:
            con.close()


def page(version: ResourceVersion, number) -> object:
    # Paginator only counts and slices it; django-stubs also wants iteration and integer indexing.
    return Paginator(_ErrorList(version), PAGE_SIZE).get_page(number)  # type: ignore[arg-type]


def iter_errors(version: ResourceVersion, batch: int = 50_000):
    path = errors_path(version)
    if not path:
        return
    con = new_connection(Limits())
    try:
        reader = con.sql("SELECT * FROM read_parquet(?)", params=[path]).to_arrow_reader(batch)
        for rb in reader:
            yield from rb.to_pylist()
    finally:
        con.close()


def write_csv(version: ResourceVersion, out) -> None:
    """Every error as CSV (French headers): type, ligne, champ, valeur, message."""
    writer = csv.writer(out)
    writer.writerow(["type", "ligne", "champ", "valeur", "message"])
    for err in iter_errors(version):
        value = err.get("value")
        if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            value = "'" + value
        writer.writerow([err.get("type"), err.get("row"), err.get("field"), value, err.get("message")])
