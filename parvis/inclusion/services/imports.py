"""Import of help-place files: every valid row becomes (or updates) a place, every invalid cell is
reported in French with its line, rejected rows and the received file are kept."""

from datetime import date, datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parvis.core.lib.slugs import slugify
from parvis.inclusion.lib import messages as M
from parvis.inclusion.lib.datainclusion import structures_to_rows
from parvis.inclusion.lib.hours import parse
from parvis.inclusion.lib.readers import MAX_FILE_BYTES, FileError, check_file, read_table
from parvis.inclusion.lib.standard import clean_row, plausible_update
from parvis.inclusion.lib.vocab import MULTI_FIELDS
from parvis.inclusion.models import ImportBatch, Place, PlaceStatus, PlaceSubmission
from parvis.inclusion.signals import import_file_stored

MAX_STORED_ISSUES = 2000
PLACE_FIELDS = [f for f in MULTI_FIELDS] + [
    "pivot",
    "nom",
    "commune",
    "code_postal",
    "code_insee",
    "adresse",
    "complement_adresse",
    "latitude",
    "longitude",
    "telephone",
    "horaires",
    "presentation_resume",
    "presentation_detail",
    "source",
    "structure_parente",
    "date_maj",
    "autres_formations_labels",
    "fiche_acces_libre",
    "prise_rdv",
]


def _jsonable(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


def _slug(text: str) -> str:
    """« Médiathèque de Créteil » → ``mediatheque-de-creteil`` (accents folded, not dropped)."""
    return slugify(text)[:40].strip("-") or "source"


def apply_record(place: Place, record: dict, source: str) -> Place:
    """Copies a cleaned record onto a place and records the source of each multi-value."""
    for name in PLACE_FIELDS:
        value = record.get(name)
        if name == "date_maj" and isinstance(value, str):  # always given: a blocking field of the standard
            value = date.fromisoformat(value)
        setattr(place, name, value if value is not None or name in ("latitude", "longitude") else "")
    sources = place.value_sources or {}
    for name in MULTI_FIELDS:
        known = sources.get(name, {})
        sources[name] = {v: sorted(set(known.get(v, [])) | {source}) for v in record.get(name) or []}
    place.value_sources = sources
    place.date_maj_ok = plausible_update(place.date_maj)
    place.refresh_masks()
    return place


def _unique_identifier(wanted: str, source: str, taken: set[str]) -> str:
    candidate = wanted
    if candidate in taken:
        candidate = f"{_slug(source)}-{wanted}"
    n = 2
    base = candidate
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


INLINE_BYTES = 2 * 1024 * 1024  # a larger file is parsed by the worker, not in the request


def too_large_message(size: int) -> str:
    return _("Fichier trop volumineux (%(size)s Mo, maximum 50 Mo).") % {"size": size // 2**20}


def import_file(
    *, data: bytes, filename: str, user=None, organisation=None, archive: bool = True
) -> ImportBatch:
    batch = ImportBatch.objects.create(
        filename=filename[:300],
        created_by=user if user and user.is_authenticated else None,
        organisation=organisation,
    )
    if len(data) > MAX_FILE_BYTES:
        batch.error = too_large_message(len(data))
        batch.save()
        return batch
    if archive:
        batch.archive.save(_slug(filename) + "-" + str(batch.pk), ContentFile(data), save=False)
    return _parse_and_import(batch, data)


def _parse_and_import(batch: ImportBatch, data: bytes) -> ImportBatch:
    batch.pending = False
    try:
        table = read_table(data, batch.filename)
    except FileError as exc:
        batch.error = exc.render(_)
        batch.save()
        return batch
    rows = structures_to_rows(table.payload or {}) if table.kind == "datainclusion" else table.rows
    batch.kind = table.kind
    _import_rows(batch, rows, batch.organisation)
    return batch


def start_import(*, data: bytes, filename: str, user=None, organisation=None) -> ImportBatch:
    """Import a file from a request: small files at once; a larger one is checked by the file guard here
    (sizes and ratios only: fast), stored, and parsed by the worker (``import_file_stored``)."""
    if len(data) <= INLINE_BYTES:
        return import_file(data=data, filename=filename, user=user, organisation=organisation)
    batch = ImportBatch.objects.create(
        filename=filename[:300],
        created_by=user if user and user.is_authenticated else None,
        organisation=organisation,
    )
    try:
        check_file(data, filename, inflate=False)
    except FileError as exc:
        batch.error = exc.render(_)
        batch.save()
        return batch
    batch.pending = True
    batch.archive.save(_slug(filename) + "-" + str(batch.pk), ContentFile(data), save=True)
    import_file_stored.send(sender=ImportBatch, batch=batch)
    return batch


def finish_import(batch_id: int) -> ImportBatch:
    """The background part of :func:`start_import`: parse the stored file and import its rows."""
    batch = ImportBatch.objects.select_related("organisation").get(pk=batch_id)
    with batch.archive.open("rb") as stored:
        data = stored.read()
    return _parse_and_import(batch, data)


def _keyed_places(organisation) -> tuple[dict[str, Place], dict[str, Place]]:
    """Places by ``source:id``: the actor's organisation's own (an import may update them) and the other
    organisations' published ones (an import may only propose an update, moderated).

    Each place is also keyed by the stable id Parvis gave it with its source (``id:<source>:<identifier>``),
    and Parvis's own ids (``parvis-…``, given to declared places) alone (``id:<identifier>``): re-importing
    Parvis's own export finds the places it came from instead of duplicating them."""
    keyed = Place.objects.exclude(status=PlaceStatus.MERGED).exclude(source_key="")
    own_filter = {"organisation": organisation} if organisation else {"organisation__isnull": True}
    own = _with_stable_ids(keyed.filter(**own_filter))
    others = _with_stable_ids(keyed.filter(status=PlaceStatus.PUBLISHED).exclude(**own_filter))
    return own, others


PARVIS_ID_PREFIX = "parvis-"


def _with_stable_ids(places) -> dict[str, Place]:
    found: dict[str, Place] = {}
    for place in places:
        found[place.source_key] = place
        found.setdefault(f"id:{place.source}:{place.identifier}", place)
        if place.identifier.startswith(PARVIS_ID_PREFIX):
            found.setdefault(f"id:{place.identifier}", place)
    return found


def _match(keyed: dict[str, Place], key: str, record: dict, source: str) -> Place | None:
    return (
        keyed.get(key)
        or keyed.get(f"id:{source}:{record['id']}")
        or (keyed.get(f"id:{record['id']}") if record["id"].startswith(PARVIS_ID_PREFIX) else None)
    )


def _propose_update(batch: ImportBatch, place: Place, record: dict, line: int, organisation) -> M.Issue:
    """An import touching another organisation's published place becomes a declaration to moderate."""
    if organisation is None:
        return M.Issue(line, "id", record["id"], M.OTHER_ORGANISATION_NO_ACTOR, {"value": record["id"]}, True)
    PlaceSubmission.objects.create(
        place=place, organisation=organisation, submitted_by=batch.created_by, data=_jsonable(record)
    )
    return M.Issue(line, "id", record["id"], M.OTHER_ORGANISATION, {"value": record["id"]})


@transaction.atomic
def _import_rows(batch: ImportBatch, rows: list[tuple[int, dict]], organisation) -> None:
    existing, others = _keyed_places(organisation)
    taken = set(Place.objects.values_list("identifier", flat=True))
    first_line: dict[str, int] = {}
    issues, rejected, to_create, to_update = [], [], [], []
    for line, raw in rows:
        result = clean_row(raw, line=line)
        row_issues = list(result.issues)
        record = result.record
        if record is not None:
            if record["id"] in first_line:
                row_issues.append(
                    M.Issue(
                        line,
                        "id",
                        record["id"],
                        M.DUPLICATE_ID,
                        {"value": record["id"], "first": first_line[record["id"]]},
                        True,
                    )
                )
                record = None
            else:
                first_line[record["id"]] = line
        issues.extend(row_issues)
        if record is None:
            rejected.append(
                {
                    "ligne": line,
                    "ligne_brute": _jsonable(raw),
                    "erreurs": [f"{i.column} : {i.render(_)}" for i in row_issues if i.blocking],
                }
            )
            continue
        source = record["source"] or batch.filename
        key = f"{source}:{record['id']}"
        place = _match(existing, key, record, source)
        other = _match(others, key, record, source) if place is None else None
        if other is not None and _unchanged(other, record):
            continue  # the other organisation's place as it is (a re-imported export): nothing to propose
        if other is not None:
            issue = _propose_update(batch, other, record, line, organisation)
            issues.append(issue)
            if issue.blocking:
                rejected.append(
                    {"ligne": line, "ligne_brute": _jsonable(raw), "erreurs": [f"id : {issue.render(_)}"]}
                )
            continue
        stored_row = {"import": batch.pk, "ligne": line, "ligne_brute": _jsonable(raw)}
        if place is None:
            place = Place(source_key=key, organisation=organisation)
            place.identifier = _unique_identifier(record["id"], source, taken)
            place.source_rows = [stored_row]
            to_create.append(apply_record(place, record, source))
            existing[key] = place
        else:
            place.source_rows = (place.source_rows or [])[-2:] + [stored_row]
            if place.pk:
                to_update.append(apply_record(place, record, source))
            else:
                apply_record(place, record, source)
    for place in to_create:
        place.hours_ok = _hours_ok(place.horaires)
    now = timezone.now()
    for place in to_update:
        place.hours_ok = _hours_ok(place.horaires)
        place.updated_at = now
    Place.objects.bulk_create(to_create, batch_size=500)
    fields = PLACE_FIELDS + [
        "date_maj_ok",
        "value_sources",
        "source_rows",
        "hours_ok",
        "services_mask",
        "publics_mask",
        "prise_en_charge_mask",
        "frais_mask",
        "accompagnement_mask",
        "acces_mask",
        "updated_at",
    ]
    Place.objects.bulk_update(to_update, fields, batch_size=500)
    batch.rows_total = len(rows)
    batch.created, batch.updated, batch.rejected = len(to_create), len(to_update), len(rejected)
    batch.issues_count = len(issues)
    batch.issues = [i.as_dict(_) for i in issues[:MAX_STORED_ISSUES]]
    batch.rejected_rows = rejected
    batch.save()


def _unchanged(place: Place, record: dict) -> bool:
    current = place.record()
    return all(current.get(name) == record.get(name) for name in PLACE_FIELDS)


def _hours_ok(raw: str) -> bool:

    return parse(raw).ok
