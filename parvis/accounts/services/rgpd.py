"""RGPD rights and duties across every app: access (a ZIP of JSON and CSV), erasure that keeps every vote and
support counted, the register of processing activities, and the scheduled purges past retention."""

import csv
import hashlib
import hmac
import io
import json
import logging
import zipfile

from django.conf import settings
from django.db import transaction

from parvis.accounts.models import AuditEvent, LoginFailure
from parvis.accounts.rgpd import declarations
from parvis.accounts.services import audit
from parvis.accounts.services.notifications import forget_address

logger = logging.getLogger(__name__)

REGISTER_COLUMNS = {
    "module": "Module",
    "name": "Traitement",
    "purpose": "Finalité",
    "legal_basis": "Base légale",
    "people": "Personnes concernées",
    "data": "Données",
    "retention": "Durée de conservation",
    "recipients": "Destinataires",
}


def personal_data(user) -> dict[str, dict[str, list[dict]]]:
    """{app: {table: rows}} of everything each app holds about the person."""
    return {d.app: d.export(user) for d in declarations() if d.export is not None}


def _cell(value) -> str:
    if isinstance(value, list):
        return " ; ".join(_cell(v) for v in value)
    return "" if value is None else str(value)


def _csv(rows: list[dict]) -> str:
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue()


def export_zip(user) -> bytes:
    """RGPD right of access: one JSON file with everything, and one CSV file (UTF-8 with BOM, `;`) per table."""
    data = personal_data(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("donnees.json", json.dumps(data, ensure_ascii=False, indent=2, default=str))
        for app, tables in data.items():
            for table, rows in tables.items():
                archive.writestr(f"csv/{app}-{table}.csv", "\ufeff" + _csv(rows))
    return buffer.getvalue()


def pseudonym(user_id: int) -> str:
    """A stable label for an erased account: the same person's entries stay linkable, never nameable."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"erased-user:{user_id}".encode(), hashlib.sha256)
    return f"compte supprimé {digest.hexdigest()[:10]}"


@transaction.atomic
def erase_account(*, user, request=None) -> str:
    """RGPD right to erasure. Each app anonymises what the person produced (votes and supports stay counted),
    audit entries lose the identity for a pseudonym, then the account row goes. Returns the pseudonym."""
    label = pseudonym(user.pk)
    names = {user.email, str(user)}
    for declaration in declarations():
        if declaration.erase is not None:
            declaration.erase(user)
    AuditEvent.objects.filter(actor=user).update(actor=None, actor_label=label)
    AuditEvent.objects.filter(actor_label__in=names).update(actor_label=label)
    AuditEvent.objects.filter(target_type=user._meta.label_lower, target_id=str(user.pk)).update(
        target_label=label
    )
    AuditEvent.objects.filter(target_label__in=names).update(target_label=label)
    LoginFailure.objects.filter(email=user.email).delete()
    forget_address(user.email)
    audit(actor=None, action="accounts.user.erase", details={"pseudonyme": label}, request=request)
    user.delete()
    return label


def register_rows() -> list[dict]:
    """The register of processing activities (art. 30), one row per processing, from every app's declaration."""
    return [
        {"module": d.app, **{key: getattr(p, key) for key in REGISTER_COLUMNS if key != "module"}}
        for d in declarations()
        for p in d.processings
    ]


def register_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(REGISTER_COLUMNS.values())
    for row in register_rows():
        writer.writerow([row[key] for key in REGISTER_COLUMNS])
    return "\ufeff" + out.getvalue()


def purge_expired() -> dict[str, int]:
    """Deletes, app by app, what is past its declared retention; logged and written to the audit log."""
    removed: dict[str, int] = {}
    for declaration in declarations():
        if declaration.purge is not None:
            for what, count in declaration.purge().items():
                removed[f"{declaration.app}.{what}"] = count
    logger.info("rgpd purge: %s", json.dumps(removed, ensure_ascii=False))
    audit(actor=None, action="accounts.rgpd.purge", details=removed)
    return removed
