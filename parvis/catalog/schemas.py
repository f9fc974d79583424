"""Schemas of resources: load them (bundled catalogue, URL, upload), infer and edit them, and the
glue between the import pipeline and the validation library (``lib.validate``)."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext as _

from parvis.catalog import selectors
from parvis.catalog.lib import fetch
from parvis.catalog.lib.errors import SchemaError
from parvis.catalog.lib.infer import infer_schema, infer_schema_streamed
from parvis.catalog.lib.ingest import IngestResult
from parvis.catalog.lib.schema_catalog import get_schema, list_schemas
from parvis.catalog.lib.tableschema import TYPE_LABELS, load_schema
from parvis.catalog.lib.validate import ERROR_LABELS, Report, validate_table
from parvis.core.lib import lazy

if TYPE_CHECKING:
    import pyarrow as pa
else:
    pa = lazy.module("pyarrow")

MAX_SCHEMA_BYTES = 2 << 20


def catalogue_choices() -> list[tuple[str, str]]:

    return [(s["id"], f"{s['title']} ({s['id']})") for s in list_schemas()]


def from_catalogue(schema_id: str) -> dict:

    return get_schema(schema_id).to_dict()


def from_url(url: str) -> dict:
    path, _ctype = fetch.download(
        url,
        max_bytes=MAX_SCHEMA_BYTES,
        timeout=float(getattr(settings, "PARVIS_IMPORT_URL_TIMEOUT", 60)),
        policy=selectors.import_network_policy(),
        suffix=".json",
    )
    try:
        with open(path, "rb") as fh:
            return load_schema(fh.read()).to_dict()
    finally:
        os.unlink(path)


def from_upload(upload) -> dict:
    if upload.size > MAX_SCHEMA_BYTES:
        raise SchemaError(_("Le fichier de schéma est trop volumineux (2 Mo au plus)."))
    return load_schema(upload.read()).to_dict()


CODE_NAME = re.compile(
    r"(^|_)(code|insee|siren|siret|cp|postal|telephone|tel|uai|finess)(_|$)", re.IGNORECASE
)


def infer(result: IngestResult) -> dict:
    """Infer a schema; identifiers (INSEE codes, SIREN, postcodes...) stay text, keeping leading zeros."""
    return keep_codes_as_text(infer_schema(result))


def keep_codes_as_text(schema: dict) -> dict:
    for item in schema["fields"]:
        if item.get("type") in ("integer", "number") and CODE_NAME.search(item["name"]):
            item["type"] = "string"
            item.pop("format", None)
    return schema


def edited(schema: dict, post) -> tuple[dict, list[str]]:
    """Apply the edit form (``type_i``, ``required_i``, ``unique_i``, ``description_i``) to ``schema``."""
    fields, errors = [], []
    for i, original in enumerate(schema["fields"]):
        item = {k: v for k, v in original.items() if k not in ("constraints", "description")}
        ftype = post.get(f"type_{i}", original.get("type", "string"))
        if ftype not in TYPE_LABELS:
            errors.append(
                _("Colonne « {name} » : type « {type} » inconnu.").format(name=original["name"], type=ftype)
            )
            ftype = "string"
        if ftype != original.get("type"):
            item.pop("format", None)
            item.pop("trueValues", None)
            item.pop("falseValues", None)
        item["type"] = ftype
        constraints = {}
        if post.get(f"required_{i}"):
            constraints["required"] = True
        if post.get(f"unique_{i}"):
            constraints["unique"] = True
        if constraints:
            item["constraints"] = constraints
        description = (post.get(f"description_{i}") or "").strip()[:500]
        if description:
            item["description"] = description
        fields.append(item)
    result = {**schema, "fields": fields}
    try:
        load_schema(result)
    except SchemaError as exc:
        errors.append(exc.message_fr)
    return result, errors


def validate(result: IngestResult, schema: dict) -> Report:
    return validate_table(result, schema)


def infer_streamed(path, read_options: dict) -> dict:
    """A schema inferred from the first rows of a file read as a stream (codes kept as text)."""
    return keep_codes_as_text(infer_schema_streamed(path, **read_options))


def validate_streamed(path, schema: dict, sink, read_options: dict) -> Report:
    """Validate a file chunk by chunk, each chunk's typed table going to ``sink``."""
    return validate_table(path, schema, typed_sink=sink, **read_options)


def summary(report: Report) -> dict:
    return {
        "by_type": report.summary,
        "labels": {k: ERROR_LABELS[k] for k in report.summary},
        "rows": report.row_count,
    }


def _errors_schema():
    """Columns of an error report file (a function: importing this module must not load pyarrow)."""
    return pa.schema(
        [
            ("type", pa.string()),
            ("row", pa.int64()),
            ("field", pa.string()),
            ("value", pa.string()),
            ("message", pa.string()),
        ]
    )


def write_errors(report: Report, path) -> None:
    """Every error of the report to a Parquet file, composed and written batch by batch."""
    import os
    import tempfile

    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    schema = _errors_schema()
    try:
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
            for batch in report.batches():
                writer.write_table(batch.select(schema.names).to_arrow().cast(schema))
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
