"""Writes of the inclusion app: partner declarations and their moderation, merges of duplicates,
detection of duplicates, reminders for stale places. Imports: importing.py; gap analysis: gaps.py."""

import uuid
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parvis.accounts import selectors as accounts
from parvis.accounts.services import audit, notify
from parvis.accounts.services.notifications import absolute_url
from parvis.inclusion.geocoding import locate
from parvis.inclusion.lib import dedup
from parvis.inclusion.lib.standard import clean_row
from parvis.inclusion.lib.vocab import MULTI_FIELDS, fold
from parvis.inclusion.models import (
    DuplicateCandidate,
    DuplicateStatus,
    Place,
    PlaceStatus,
    PlaceSubmission,
    SubmissionStatus,
)
from parvis.inclusion.selectors import stale_places
from parvis.inclusion.services.imports import apply_record, import_file, start_import  # noqa: F401  (public)

REMIND_EVERY_DAYS = 30


def check_submission(data: dict) -> tuple[dict | None, list[str]]:
    """Cleans a declaration with the same rules as imports; returns (record, French messages)."""
    result = clean_row(data, line=1)
    labels = {i.column: i.render(_) for i in result.issues}
    return result.record, [f"{column} : {message}" for column, message in labels.items()]


def submit_place(
    *, user, organisation, data: dict, place: Place | None = None, request=None
) -> PlaceSubmission:
    data = dict(data)
    data["id"] = place.identifier if place else f"parvis-{uuid.uuid4().hex[:12]}"
    data["date_maj"] = timezone.localdate().isoformat()
    data["source"] = organisation.name
    record, errors = check_submission(data)
    if record is None:
        raise ValueError("; ".join(errors))
    record = with_coordinates(record)
    submission = PlaceSubmission.objects.create(
        place=place, organisation=organisation, submitted_by=user, data=record
    )
    audit(
        actor=user,
        action="inclusion.place.submit",
        target=submission,
        organisation=organisation,
        request=request,
    )
    return submission


def with_coordinates(record: dict) -> dict:
    """A declared place without coordinates is placed at the centre of its commune (the help finder's
    geocoding: the référentiel, then the published places of that commune); if the commune cannot be
    found, the declaration is refused with a message (a place without coordinates is never found)."""
    if record.get("latitude") is not None and record.get("longitude") is not None:
        return record
    wanted = fold(record.get("commune") or "")
    lookup = locate(record.get("code_postal") or "")
    found = lookup.location or next(
        (c for c in lookup.choices if fold(c.label.split(" (")[0]) == wanted), None
    )
    if found is None:
        found = locate(record.get("commune") or "").location
    if found is None:
        raise ValueError(
            _(
                "Impossible de placer ce lieu sur la carte : la commune « %(commune)s » (%(cp)s) est inconnue. "
                "Vérifiez le code postal et la commune, ou indiquez la latitude et la longitude."
            )
            % {"commune": record.get("commune"), "cp": record.get("code_postal")}
        )
    return {**record, "latitude": round(found.lat, 6), "longitude": round(found.lon, 6)}


@transaction.atomic
def approve_submission(*, submission: PlaceSubmission, user, request=None) -> Place:
    """Publishes a declaration; ValueError (French) when it has no coordinates and none can be found."""
    record = with_coordinates(submission.data)
    place = submission.place or Place(
        identifier=record["id"], source_key=f"parvis:{record['id']}", organisation=submission.organisation
    )
    apply_record(place, record, record.get("source") or submission.organisation.name)
    place.status = PlaceStatus.PUBLISHED
    place.reminded_at = None
    place.save()
    submission.place = place
    submission.status = SubmissionStatus.APPROVED
    submission.reviewed_by, submission.reviewed_at = user, timezone.now()
    submission.save()
    audit(
        actor=user,
        action="inclusion.place.approve",
        target=place,
        organisation=submission.organisation,
        details={"submission": submission.pk},
        request=request,
    )
    return place


def reject_submission(*, submission: PlaceSubmission, user, note: str = "", request=None) -> None:
    submission.status = SubmissionStatus.REJECTED
    submission.review_note = note[:2000]
    submission.reviewed_by, submission.reviewed_at = user, timezone.now()
    submission.save()
    audit(
        actor=user,
        action="inclusion.place.reject",
        target=submission,
        organisation=submission.organisation,
        details={"note": note[:200]},
        request=request,
    )


def _item(place: Place) -> dedup.Item[int]:
    return dedup.Item(
        place.pk,
        place.nom,
        place.adresse,
        place.code_postal,
        place.pivot,
        place.latitude,
        place.longitude,
        place.source,
    )


def detect_duplicates(threshold: float = dedup.THRESHOLD) -> int:
    """Scores every published pair that blocking proposes; stores new open candidates."""
    places = Place.objects.filter(status=PlaceStatus.PUBLISHED).only(
        "pk", "nom", "adresse", "code_postal", "pivot", "latitude", "longitude", "source"
    )
    found = dedup.find_duplicates([_item(p) for p in places], threshold)
    known = set(DuplicateCandidate.objects.values_list("place_a_id", "place_b_id"))
    new = [
        DuplicateCandidate(place_a_id=min(a, b), place_b_id=max(a, b), score=value, details=parts)
        for a, b, value, parts in found
        if (min(a, b), max(a, b)) not in known
    ]
    DuplicateCandidate.objects.bulk_create(new, batch_size=1000)
    return len(new)


@transaction.atomic
def merge_places(*, candidate: DuplicateCandidate, keep: Place, user, request=None) -> Place:
    """Keeps `keep`, folds the other place into it: union of multi-value fields with the source of each
    value, empty scalar fields filled from the other place, the other one marked as merged."""
    other = candidate.place_b if keep.pk == candidate.place_a_id else candidate.place_a
    values, sources = dedup.merge_values(
        list(MULTI_FIELDS), keep.record(), other.record(), keep.value_sources or {}, other.value_sources or {}
    )
    for name, merged in values.items():
        setattr(keep, name, merged)
    keep.value_sources = sources
    for name in (
        "telephone",
        "horaires",
        "presentation_resume",
        "presentation_detail",
        "complement_adresse",
        "code_insee",
        "fiche_acces_libre",
        "prise_rdv",
        "structure_parente",
        "autres_formations_labels",
    ):
        if not getattr(keep, name) and getattr(other, name):
            setattr(keep, name, getattr(other, name))
    if keep.latitude is None and other.latitude is not None:
        keep.latitude, keep.longitude = other.latitude, other.longitude
    if keep.pivot == "00000000000000" and other.pivot != keep.pivot:
        keep.pivot = other.pivot
    keep.date_maj = max(keep.date_maj, other.date_maj)
    keep.source_rows = (keep.source_rows or []) + (other.source_rows or [])
    keep.save()
    other.status, other.merged_into = PlaceStatus.MERGED, keep
    other.save(update_fields=["status", "merged_into", "updated_at"])
    candidate.status, candidate.decided_by, candidate.decided_at = (
        DuplicateStatus.MERGED,
        user,
        timezone.now(),
    )
    candidate.save()
    DuplicateCandidate.objects.filter(status=DuplicateStatus.OPEN).filter(place_a=other).delete()
    DuplicateCandidate.objects.filter(status=DuplicateStatus.OPEN, place_b=other).delete()
    audit(
        actor=user, action="inclusion.place.merge", target=keep, details={"merged": other.pk}, request=request
    )
    return keep


def mark_distinct(*, candidate: DuplicateCandidate, user, request=None) -> None:
    candidate.status, candidate.decided_by, candidate.decided_at = (
        DuplicateStatus.DISTINCT,
        user,
        timezone.now(),
    )
    candidate.save()
    audit(
        actor=user,
        action="inclusion.duplicate.distinct",
        target=candidate.place_a,
        details={"other": candidate.place_b_id},
        request=request,
    )


def send_stale_reminders(now=None) -> dict[str, int]:
    """Notifies the members of each owning organisation about its places not updated for 12 months, with a
    link to update each one; at most once every 30 days per place. Returns counts."""
    now = now or timezone.now()
    due = (
        stale_places()
        .filter(organisation__isnull=False)
        .exclude(reminded_at__gte=now - timedelta(days=REMIND_EVERY_DAYS))
    )
    by_org: dict[int, list[Place]] = {}
    for place in due.select_related("organisation"):
        by_org.setdefault(place.organisation_id, []).append(place)
    sent = 0
    for org_id, places in by_org.items():
        recipients = list(accounts.members(org_id))
        if not recipients:
            continue
        context = {
            "organisation": places[0].organisation.name if places[0].organisation else "",
            "places": [
                {
                    "name": p.nom,
                    "commune": p.commune,
                    "updated": f"{p.date_maj:%d/%m/%Y}",
                    "link": absolute_url(reverse("inclusion:propose-update", args=[p.pk])),
                }
                for p in places
            ],
        }
        for user in recipients:
            notify(
                user, "inclusion.places_stale", context, key=f"places-stale:{org_id}:{user.pk}:{now:%Y-%m-%d}"
            )
        Place.objects.filter(pk__in=[p.pk for p in places]).update(reminded_at=now)
        sent += 1
    return {"organisations": sent, "lieux": sum(len(p) for p in by_org.values())}
