"""Open data: anonymised export in the Grand Débat CSV layout, and import of a file in that layout."""

import hashlib
import io
import logging
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from parvis.accounts.services import audit
from parvis.catalog import selectors as catalog_selectors
from parvis.catalog import services as catalog
from parvis.participation.lib import grandebat
from parvis.participation.models import Channel, Contribution, ImportReport, Question, Visibility
from parvis.participation.services import ParticipationError
from parvis.participation.signals import grand_debat_file_stored

logger = logging.getLogger(__name__)
MAX_IMPORT_BYTES = 200 * 1024 * 1024
AUTHOR_TYPES: dict[str, str] = {
    Channel.ONLINE: "Citoyen",
    Channel.PAPER: "Saisie par un agent",
    Channel.MEETING: "Saisie par un agent",
    Channel.IMPORT: "Import",
}


def pseudonym(user_id) -> str:
    """A stable pseudonymous author id that cannot be reversed without the instance's secret key."""
    if user_id is None:
        return ""
    return hashlib.sha256(f"{settings.SECRET_KEY}:participation:{user_id}".encode()).hexdigest()[:16]


def export_rows(process) -> tuple[list[tuple[str, str]], list[dict]]:
    """Anonymised rows (no name, no email; postcode kept); masked contents are listed as trashed, without text."""
    questions = [(q.code, q.text) for q in process.questions.all()]
    codes = {str(q.pk): q.code for q in process.questions.all()}
    rows = []
    for c in Contribution.objects.filter(process=process).order_by("pk").iterator(chunk_size=5000):
        visible = c.visibility == Visibility.VISIBLE
        rows.append(
            {
                "id": c.external_id or f"{process.slug}-{c.pk}",
                "reference": c.pk,
                "title": "",
                "createdAt": c.created_at,
                "publishedAt": c.created_at if visible else None,
                "updatedAt": c.updated_at,
                "trashed": not visible,
                "trashedStatus": "" if visible else "invisible",
                "authorId": pseudonym(c.author_id or c.entered_by_id),
                "authorType": AUTHOR_TYPES.get(c.channel, ""),
                "authorZipCode": c.postcode,
                "answers": {codes[k]: v for k, v in c.answers.items() if k in codes} if visible else {},
            }
        )
    return questions, rows


def export_csv(process) -> str:
    questions, rows = export_rows(process)
    out = io.StringIO()
    grandebat.write(questions, rows, out)
    return out.getvalue()


def _aware(value):
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


TOO_LARGE = gettext_noop("Le fichier dépasse 200 Mo : découpez-le en plusieurs fichiers.")


def _parse(data: bytes, name: str) -> grandebat.Parsed:
    if len(data) > MAX_IMPORT_BYTES:
        raise ParticipationError(_(TOO_LARGE))
    try:
        return grandebat.parse(data, name=name)
    except grandebat.GrandDebatError as exc:
        raise ParticipationError(str(exc)) from None


def _audit(*, process, parsed: grandebat.Parsed, filename: str, actor, request) -> None:
    audit(
        actor=actor,
        action="participation.import",
        target=process,
        organisation=process.organisation,
        details={"file": filename[:200], "rows": len(parsed.rows), "errors": len(parsed.errors)},
        request=request,
    )


def start_grand_debat_import(*, process, upload, actor, request=None) -> ImportReport:
    """Checks the uploaded file at once (a wrong file gets its French message in the same page), then
    leaves the insertion of its rows to a background task: a 100,000-row file takes 15 to 30 s to insert."""
    if upload.size > MAX_IMPORT_BYTES:
        raise ParticipationError(_(TOO_LARGE))
    data = upload.read()
    parsed = _parse(data, upload.name)
    report = ImportReport.objects.create(
        process=process,
        filename=upload.name[:200],
        encoding=parsed.encoding,
        status=ImportReport.Status.PENDING,
        created_by=actor,
    )
    _audit(process=process, parsed=parsed, filename=report.filename, actor=actor, request=request)
    path = default_storage.save(f"participation/imports/{report.pk}.csv", ContentFile(data))
    grand_debat_file_stored.send(sender=ImportReport, report=report, path=path)
    report.refresh_from_db()
    return report


def finish_grand_debat_import(report_id: int, path: str) -> ImportReport:
    """The background part: inserts the stored file's rows into the report's process, then deletes it."""
    report = ImportReport.objects.select_related("process").get(pk=report_id)
    if report.status != ImportReport.Status.PENDING:
        # A retry after the worker died between the commit of the rows and the end of the task: the rows
        # are in, importing them again would duplicate every contribution.
        default_storage.delete(path)
        return report
    try:
        with default_storage.open(path, "rb") as stored:
            return _insert(report.process, _parse(stored.read(), report.filename), report)
    except ParticipationError as exc:
        report.status, report.failure = ImportReport.Status.FAILED, str(exc)
    except Exception:
        logger.exception("Grand Débat import %s failed", report_id)
        report.status = ImportReport.Status.FAILED
        report.failure = _(
            "L'import a échoué sur le serveur : rien n'a été enregistré. Réessayez ou prévenez l'administrateur."
        )
    finally:
        default_storage.delete(path)
    report.save(update_fields=["status", "failure"])
    return report


def fail_abandoned_imports(calls: list[tuple[int, str]]) -> int:
    """The imports the task queue gave up on, as (report id, stored file) calls of the background part:
    reports still pending become failed and their stored files are deleted. Returns how many."""
    stored = dict(calls)
    pending = ImportReport.objects.filter(pk__in=stored, status=ImportReport.Status.PENDING)
    for pk in pending.values_list("pk", flat=True):
        default_storage.delete(stored[pk])
    return pending.update(
        status=ImportReport.Status.FAILED,
        failure=_(
            "L'import a été interrompu à chaque essai (le travailleur de tâches s'est arrêté) et a été "
            "abandonné : rien n'a été enregistré. Envoyez le fichier à nouveau."
        ),
    )


def import_grand_debat(*, process, data: bytes, filename: str, actor, request=None) -> ImportReport:
    """Creates the questions and contributions of a Grand Débat file at once; bad rows are listed in the
    report."""
    parsed = _parse(data, filename)
    report = _insert(
        process, parsed, ImportReport(process=process, filename=filename[:200], created_by=actor)
    )
    _audit(process=process, parsed=parsed, filename=filename, actor=actor, request=request)
    return report


def _insert(process, parsed: grandebat.Parsed, report: ImportReport) -> ImportReport:
    """Questions and contributions of a parsed file, and the report completed, in one transaction."""
    with transaction.atomic():
        existing = {q.external_id: q for q in process.questions.all()}
        position = len(existing)
        ids = {}
        for q in parsed.questions:
            question = existing.get(q.qid)
            if question is None:
                position += 1
                question = Question.objects.create(
                    process=process,
                    position=position,
                    kind=Question.Kind.OPEN,
                    text=q.text[:500],
                    external_id=q.qid[:64],
                )
            ids[q.qid] = str(question.pk)
        now = timezone.now()
        batch = [
            Contribution(
                process=process,
                channel=Channel.IMPORT,
                postcode=row.author_zip_code[:10],
                external_id=row.id[:64],
                created_at=_aware(row.created_at) or now,
                answers={ids[k]: v for k, v in row.answers.items()},
                visibility=Visibility.HIDDEN if row.trashed else Visibility.VISIBLE,
                moderation_reason=row.trashed_status[:300],
            )
            for row in parsed.rows
        ]
        Contribution.objects.bulk_create(batch, batch_size=5000)
        report.encoding, report.imported, report.status = (
            parsed.encoding,
            len(batch),
            ImportReport.Status.DONE,
        )
        report.errors = parsed.errors[:1000] + (
            [_("… et %(n)s autres erreurs.") % {"n": len(parsed.errors) - 1000}]
            if len(parsed.errors) > 1000
            else []
        )
        report.save()
    return report


def table_schema(process) -> dict:
    """Table Schema of the published file (Grand Débat layout), documenting each column in French."""
    described = {
        "id": "Identifiant stable de la contribution",
        "reference": "Numéro de la contribution dans Parvis",
        "title": "Titre (vide pour un questionnaire)",
        "createdAt": "Date de dépôt (AAAA-MM-JJ HH:MM:SS)",
        "publishedAt": "Date de publication (vide si masquée)",
        "updatedAt": "Date de dernière modification",
        "trashed": "true si la contribution a été masquée par la modération",
        "trashedStatus": "« invisible » pour une contribution masquée",
        "authorId": "Pseudonyme stable de l'auteur (ni nom ni adresse électronique)",
        "authorType": "Citoyen (en ligne), Saisie par un agent (papier, réunion) ou Import",
        "authorZipCode": "Code postal déclaré",
    }
    fields = [{"name": name, "type": "string", "description": text} for name, text in described.items()]
    fields += [
        {
            "name": grandebat.question_column(q.code, q.text),
            "type": "string",
            "description": f"Réponse à : {q.text}",
        }
        for q in process.questions.all()
    ]
    return {"fields": fields}


def publish(*, process, actor, request=None) -> int:
    """Creates or updates the process's anonymised dataset in the catalogue; returns the dataset id."""

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"contributions-{process.slug}.csv"
        path.write_text(export_csv(process), encoding="utf-8")
        dataset = None
        if process.open_dataset_id:
            dataset = catalog_selectors.visible_datasets(actor).filter(pk=process.open_dataset_id).first()
        if dataset is None:
            dataset, _version = catalog.create_dataset_from_file(
                organisation=process.organisation,
                title=(_("Contributions à « %(t)s »") % {"t": process.title})[:180],
                path=str(path),
                schema=table_schema(process),
                schema_source="parvis:participation:grand-debat",
                actor=actor,
                published=True,
                keywords=["participation", "consultation", "grand débat"],
                description=_(
                    "Contributions anonymisées (sans nom ni adresse électronique, code postal conservé), "
                    "au format CSV du Grand Débat National. Les contributions masquées par la modération "
                    "figurent avec trashed=true et sans texte."
                ),
            )
        else:
            resource = dataset.resources.first()
            assert resource is not None  # the dataset is created with its one resource
            catalog.start_import(
                resource=resource, actor=actor, path=str(path), run_now=True, request=request
            )
    process.open_dataset_id = dataset.pk
    process.save(update_fields=["open_dataset_id"])
    audit(
        actor=actor,
        action="participation.opendata.publish",
        target=process,
        organisation=process.organisation,
        details={"dataset": dataset.pk},
        request=request,
    )
    return dataset.pk
