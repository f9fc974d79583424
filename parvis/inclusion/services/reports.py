"""Errors reported, and corrections proposed, by anyone on a published help place; reviewed by the
collectivité's moderators with the same cleaning rules as imports and declarations."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parvis.accounts.services import audit, notify
from parvis.accounts.services.notifications import absolute_url
from parvis.inclusion.lib.standard import clean_row, to_row
from parvis.inclusion.lib.vocab import MULTI_FIELDS
from parvis.inclusion.models import REPORTABLE_FIELDS, Place, PlaceReport, PlaceStatus, SubmissionStatus
from parvis.inclusion.services.imports import apply_record

RELOCATING = ("code_postal", "commune")  # a change of commune moves the place on the map


def report_values(place: Place) -> dict[str, str]:
    """The reportable fields of a place as text (several values joined by « | »)."""
    row = to_row(place.record())
    return {
        name: row[name].replace("|", " | ") if name in MULTI_FIELDS else row[name]
        for name in REPORTABLE_FIELDS
    }


def _corrected_record(place: Place, proposed: dict[str, str]) -> tuple[dict | None, list[str]]:
    """The place's record with the proposed values, cleaned like an import: (record, French messages about
    the proposed fields)."""
    row = to_row(place.record())
    row.update(proposed)
    result = clean_row(row, line=1)
    problems = [f"{i.column} : {i.render(_)}" for i in result.issues if i.column in proposed or i.blocking]
    return result.record, problems


def submit_report(
    *, place: Place, proposed: dict[str, str], comment: str = "", email: str = "", user=None, request=None
):
    original = report_values(place)
    unknown = [name for name in proposed if name not in original]
    if unknown:
        raise ValueError(_("Champ inconnu : « %(name)s ».") % {"name": unknown[0]})
    proposed = {name: value for name, value in proposed.items() if value != original[name]}
    if not proposed and not comment.strip():
        raise ValueError(_("Décrivez l'erreur dans le commentaire ou proposez au moins une nouvelle valeur."))
    if proposed:
        _record, problems = _corrected_record(place, proposed)
        if problems:
            raise ValueError(" ; ".join(problems))
    author = user if user is not None and user.is_authenticated else None
    report = PlaceReport.objects.create(
        place=place,
        based_on=place.updated_at,
        original=original,
        proposed=proposed,
        comment=comment.strip()[:5000],
        email=email or (author.email if author else ""),
        author=author,
    )
    audit(
        actor=author,
        action="inclusion.report.submit",
        target=report,
        organisation=place.organisation,
        details={"lieu": place.pk, "champs": sorted(proposed)},
        request=request,
    )
    return report


def report_problem(report: PlaceReport) -> str:
    """Why the report cannot be applied as it is (French), or "" when the place is as it was when sent."""
    place = report.place
    if place.status == PlaceStatus.MERGED:
        return _("Ce lieu a été fusionné dans un autre depuis le signalement : corrigez le lieu gardé.")
    current = report_values(place)
    changed = [name for name, value in report.original.items() if current.get(name) != value]
    if changed:
        return _(
            "Le lieu a changé depuis le signalement (%(fields)s). Vérifiez les valeurs avant de décider ; "
            "le signalement est gardé."
        ) % {"fields": ", ".join(f"« {name} »" for name in changed)}
    return ""


def _tell(report: PlaceReport) -> None:
    recipient = report.author or report.email
    if not recipient:
        return
    context = {
        "place": report.place.nom,
        "decision": report.get_status_display().lower(),
        "reason": report.reason,
        "link": absolute_url(report.place.get_absolute_url()),
    }
    if report.author is None:
        context["preferences_link"] = ""
    notify(recipient, "inclusion.report_decided", context, key=f"inclusion-report:{report.pk}")


def _decided(report: PlaceReport, user, status: str) -> None:
    report.status = status
    report.reviewed_by, report.reviewed_at = user, timezone.now()
    report.save()


def accept_report(*, report: PlaceReport, user, request=None) -> Place:
    """Applies the proposed values to the place (cleaned like an import, dated today); a report without
    values is marked as handled. ValueError (French) when the place changed since or the values no longer
    pass."""
    if report.status != SubmissionStatus.PENDING:
        raise ValueError(_("Ce signalement a déjà été examiné."))
    place = report.place
    with transaction.atomic():
        if report.proposed:
            problem = report_problem(report)
            if problem:
                raise ValueError(problem)
            record, problems = _corrected_record(place, report.proposed)
            if record is None or problems:
                raise ValueError(" ; ".join(problems))
            record["date_maj"] = timezone.localdate().isoformat()
            if any(name in report.proposed for name in RELOCATING):
                from parvis.inclusion.services import with_coordinates  # the package imports this module

                record = with_coordinates({**record, "latitude": None, "longitude": None})
            apply_record(place, record, place.source or _("signalement"))
            place.save()
        _decided(report, user, SubmissionStatus.APPROVED)
        audit(
            actor=user,
            action="inclusion.report.accept",
            target=report,
            organisation=place.organisation,
            details={"lieu": place.pk, "champs": sorted(report.proposed)},
            request=request,
        )
    _tell(report)
    return place


def refuse_report(*, report: PlaceReport, user, reason: str, request=None) -> None:
    if report.status != SubmissionStatus.PENDING:
        raise ValueError(_("Ce signalement a déjà été examiné."))
    if not reason.strip():
        raise ValueError(_("Indiquez le motif du refus : il est envoyé à la personne."))
    report.reason = reason.strip()[:2000]
    with transaction.atomic():
        _decided(report, user, SubmissionStatus.REJECTED)
        audit(
            actor=user,
            action="inclusion.report.refuse",
            target=report,
            organisation=report.place.organisation,
            details={"motif": report.reason[:200]},
            request=request,
        )
    _tell(report)
