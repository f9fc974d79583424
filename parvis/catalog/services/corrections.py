"""Corrections of dataset rows proposed by anyone, reviewed by the owning organisation.

- ``check_values(version, row, proposed)``: the proposed values against the version's schema, as French
  messages (empty when they pass), before anything is stored;
- ``submit_correction(...)``: stores a report (no values) or a correction, with the version it was based on;
- ``locate(correction)``: where the row is in the current version, or why it cannot be corrected any more
  (deleted, changed since);
- ``accept_correction(...)``: a new version with the change, through ``start_import`` (credited in its
  note); ``refuse_correction(...)``: with a reason. The contributor is told either way.
"""

from __future__ import annotations

import csv
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parvis.accounts.services import audit, notify
from parvis.accounts.services.notifications import absolute_url
from parvis.catalog import query, selectors
from parvis.catalog.lib.schema_text import as_schema_writes
from parvis.catalog.lib.tableschema import load_schema
from parvis.catalog.lib.validate import validate_table
from parvis.catalog.models import CorrectionStatus, ResourceVersion, RowCorrection
from parvis.catalog.services.imports import tmp_dir
from parvis.core.lib import lazy, typography

pa = lazy.module("pyarrow")
pc = lazy.module("pyarrow.compute")
pacsv = lazy.module("pyarrow.csv")

MAX_VALUE_CHARS = 5000
ROW_PREFIX = re.compile(r"^Ligne \d+, c")


class CorrectionError(Exception):
    """A correction that cannot be stored or applied; ``message`` is in French, for the page."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _key(version: ResourceVersion) -> list[str]:
    pk = (version.schema or {}).get("primaryKey") or []
    return [pk] if isinstance(pk, str) else list(pk)


def check_values(version: ResourceVersion, original: dict[str, str], proposed: dict[str, str]) -> list[str]:
    """French messages for what is wrong with ``proposed`` (unknown column, too long, fails the schema)."""
    unknown = [name for name in proposed if name not in original]
    if unknown:
        return [_("Colonne inconnue : « {name} ».").format(name=name) for name in unknown]
    too_long = [name for name, value in proposed.items() if len(value) > MAX_VALUE_CHARS]
    if too_long:
        return [
            _("La valeur proposée pour « {name} » dépasse {n} caractères.").format(
                name=n, n=typography.number(MAX_VALUE_CHARS)
            )
            for n in too_long
        ]
    if not version.schema:
        return []
    row = {**original, **proposed}
    with tempfile.TemporaryDirectory(dir=tmp_dir()) as folder:
        path = Path(folder) / "ligne.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(list(row))
            writer.writerow(list(row.values()))
        report = validate_table(str(path), version.schema, format="csv", encoding="utf-8", delimiter=",")
        # The messages say where the error is in that one-row file (« Ligne 2, colonne « x » : … »): the
        # column is what matters to the person, not the line of a file they never saw.
        return [
            ROW_PREFIX.sub("C", e.message_fr) for e in report.errors if e.field is None or e.field in proposed
        ]


def submit_correction(
    *,
    version: ResourceVersion,
    row_number: int,
    proposed: dict[str, str],
    comment: str = "",
    email: str = "",
    user=None,
    request=None,
) -> RowCorrection:
    """Stores a report (``proposed`` empty: a comment is then required) or a correction of one row."""
    original = selectors.row_as_written(version, row_number)
    if original is None:
        raise CorrectionError(_("Cette ligne n'existe pas dans la version {n}.").format(n=version.number))
    proposed = {name: value for name, value in proposed.items() if original.get(name) != value}
    if not proposed and not comment.strip():
        raise CorrectionError(
            _("Décrivez l'erreur dans le commentaire ou proposez au moins une nouvelle valeur.")
        )
    problems = check_values(version, original, proposed)
    if problems:
        raise CorrectionError(" ; ".join(problems))
    author = user if user is not None and user.is_authenticated else None
    correction = RowCorrection.objects.create(
        resource=version.resource,
        version=version,
        row_number=row_number,
        original=original,
        proposed=proposed,
        comment=comment.strip()[:5000],
        email=email or (author.email if author else ""),
        author=author,
    )
    audit(
        actor=author,
        action="catalog.correction.submit",
        target=correction,
        organisation=version.resource.dataset.organisation,
        details={"version": version.number, "ligne": correction.line, "colonnes": sorted(proposed)},
        request=request,
    )
    return correction


@dataclass
class Location:
    """Where the corrected row is in the current version, or ``problem`` (French) when it cannot be found."""

    version: ResourceVersion | None
    row_number: int | None
    current: dict[str, str] | None
    problem: str = ""

    def found(self) -> tuple[ResourceVersion, int, dict[str, str]]:
        """The version, row number and values of a location found (else its problem is raised)."""
        if self.version is None or self.row_number is None or self.current is None:
            raise CorrectionError(self.problem)
        return self.version, self.row_number, self.current


def _find_by_key(version: ResourceVersion, original: dict[str, str], key: list[str]) -> int | None:
    """Position of the row whose primary key is the original one, in ``version`` (None when absent)."""
    path = selectors.version_path(version)
    if any(k not in query.schema_of(path).names for k in key):
        return None
    schema = load_schema(version.schema) if version.schema else None
    offset = 0
    for batch in query.export_batches(path, query.QuerySpec(columns=key), selectors.limits()):
        if schema is not None and batch.num_rows:
            batch = as_schema_writes(batch, schema)
        match = None
        for name in key:
            equal = pc.equal(pc.cast(batch.column(name), pa.string()), original.get(name) or "")
            match = equal if match is None else pc.and_(match, equal)
        hits = pc.indices_nonzero(pc.fill_null(match, False)) if match is not None else []
        if len(hits):
            return offset + hits[0].as_py()
        offset += batch.num_rows
    return None


def locate(correction: RowCorrection) -> Location:
    current = selectors.current_version(correction.resource)
    if current is None:
        return Location(None, None, None, _("Cette ressource n'a plus de version en ligne."))
    based = correction.version
    key = _key(current) if _key(current) == _key(based) else []
    position: int | None
    if current.pk == based.pk or not key:
        position = correction.row_number
    else:
        position = _find_by_key(current, correction.original, key)
    row = selectors.row_as_written(current, position) if position is not None else None
    if row is None:
        return Location(
            current,
            None,
            None,
            _(
                "La ligne {line} n'existe plus dans la version en ligne (version {n}) : elle a été supprimée."
            ).format(line=correction.line, n=current.number),
        )
    changed = [name for name, value in correction.original.items() if row.get(name) != value]
    if changed:
        return Location(
            current,
            position,
            row,
            _(
                "La ligne a changé depuis la proposition (faite sur la version {old}, la version en ligne est "
                "la {new}) : {columns}. Vérifiez les valeurs avant de décider ; la proposition est gardée."
            ).format(old=based.number, new=current.number, columns=", ".join(f"« {c} »" for c in changed)),
        )
    return Location(current, position, row)


def contributor_label(correction) -> str:
    if correction.author is not None:
        return correction.author.display_name or _("une personne inscrite")
    return _("une personne sans compte")


def _corrected_csv(
    version: ResourceVersion, position: int, expected: dict[str, str], proposed: dict[str, str], dest: Path
) -> None:
    """The whole version as its schema writes it, with the row at ``position`` changed. The export streams
    the file in its order (DuckDB keeps insertion order); the row found there is checked against
    ``expected`` (the row read by its position in the query store) so a wrong row is never changed."""
    schema = load_schema(version.schema) if version.schema else None
    batches = query.export_batches(selectors.version_path(version), query.QuerySpec(), selectors.limits())
    offset, first = 0, True
    with open(dest, "wb") as fh:
        for batch in batches:
            if schema is not None and batch.num_rows:
                batch = as_schema_writes(batch, schema)
            columns = [pc.cast(col, pa.string()) for col in batch.columns]
            if offset <= position < offset + batch.num_rows:
                index = position - offset
                found = {name: columns[i][index].as_py() or "" for i, name in enumerate(batch.schema.names)}
                if found != expected:
                    raise CorrectionError(
                        _(
                            "La ligne n'a pas pu être retrouvée dans le fichier en ligne : rien n'a été modifié."
                        )
                    )
                for i, name in enumerate(batch.schema.names):
                    if name in proposed:
                        values = columns[i].to_pylist()
                        values[index] = proposed[name] or None
                        columns[i] = pa.array(values, pa.string())
            out = pa.RecordBatch.from_arrays(columns, names=batch.schema.names)
            pacsv.write_csv(out, fh, pacsv.WriteOptions(include_header=first, quoting_style="needed"))
            offset, first = offset + batch.num_rows, False


def _tell(correction: RowCorrection) -> None:
    """Tells the contributor the decision (their account, or the address they gave)."""
    recipient = correction.author or correction.email
    if not recipient:
        return
    dataset = correction.resource.dataset
    context = {
        "dataset": dataset.title,
        "resource": correction.resource.title,
        "line": correction.line,
        "decision": correction.get_status_display().lower(),
        "reason": correction.reason,
        "link": absolute_url(correction.resource.get_absolute_url()),
    }
    if correction.author is None:
        context["preferences_link"] = ""  # a bare address has no preferences page
    notify(recipient, "catalog.correction_decided", context, key=f"catalog-correction:{correction.pk}")


def accept_correction(*, correction: RowCorrection, actor, request=None) -> ResourceVersion | None:
    """Applies a correction: a new version with the changed row, credited in its note, queued like any
    import (it goes online once valid, as the current version would). A report without values is only
    marked as handled. Raises :class:`CorrectionError` when the row was deleted or changed since."""
    if correction.status != CorrectionStatus.PENDING:
        raise CorrectionError(_("Cette proposition a déjà été examinée."))
    new_version = None
    if correction.proposed:
        where = locate(correction)
        if where.problem:
            raise CorrectionError(where.problem)
        version, row_number, current = where.found()
        from parvis.catalog.services import start_import  # the package imports this module

        note = _("Correction proposée par {who} (ligne {line})").format(
            who=contributor_label(correction), line=row_number + 1
        )
        with tempfile.TemporaryDirectory(dir=tmp_dir()) as folder:
            path = Path(folder) / f"correction-{correction.pk}.csv"
            _corrected_csv(version, row_number, current, correction.proposed, path)
            new_version = start_import(
                resource=correction.resource,
                actor=actor,
                path=str(path),
                note=note,
                options={"format": "csv", "publish_invalid": version.valid is False},
                request=request,
            )
    with transaction.atomic():
        correction.result_version = new_version
        _decided(correction, actor, CorrectionStatus.ACCEPTED)
        audit(
            actor=actor,
            action="catalog.correction.accept",
            target=correction,
            organisation=correction.resource.dataset.organisation,
            details={"version": new_version.number if new_version else None},
            request=request,
        )
    _tell(correction)
    return new_version


def _decided(correction: RowCorrection, actor, status: str) -> None:
    correction.status = status
    correction.reviewed_by, correction.reviewed_at = actor, timezone.now()
    correction.save()


def refuse_correction(*, correction: RowCorrection, actor, reason: str, request=None) -> RowCorrection:
    if correction.status != CorrectionStatus.PENDING:
        raise CorrectionError(_("Cette proposition a déjà été examinée."))
    if not reason.strip():
        raise CorrectionError(_("Indiquez le motif du refus : il est envoyé à la personne."))
    with transaction.atomic():
        correction.reason = reason.strip()[:2000]
        _decided(correction, actor, CorrectionStatus.REFUSED)
        audit(
            actor=actor,
            action="catalog.correction.refuse",
            target=correction,
            organisation=correction.resource.dataset.organisation,
            details={"motif": correction.reason[:200]},
            request=request,
        )
    _tell(correction)
    return correction
