"""Moderation writes and reads: reports, automatic hiding, hide/restore/ban decisions, the queue."""

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from parvis.accounts.services import audit
from parvis.participation.models import (
    Ban,
    Comment,
    Contribution,
    ModerationDecision,
    Proposal,
    Report,
    Visibility,
)
from parvis.participation.services import ParticipationError, notify_moderators

AUTO_HIDE_REPORTS = 3
KINDS = {"proposal": Proposal, "comment": Comment, "contribution": Contribution}


def process_of(target):
    return target.proposal.process if isinstance(target, Comment) else target.process


def kind_of(target) -> str:
    return next(kind for kind, model in KINDS.items() if isinstance(target, model))


def get_target(kind: str, pk: int):
    """The reported or moderated content, or None for an unknown kind or id."""
    model = KINDS.get(kind)
    return model._default_manager.filter(pk=pk).first() if model is not None else None


def report(*, target, user, reason: str, details: str = "") -> Report:
    """Records a report; the third open report hides the content until a moderator reviews it."""
    if reason not in Report.Reason.values:
        raise ParticipationError(_("Choisissez le motif du signalement."))
    kind, process = kind_of(target), process_of(target)
    try:
        with transaction.atomic():
            created = Report.objects.create(
                target_kind=kind,
                target_id=target.pk,
                process=process,
                reporter=user,
                reason=reason,
                details=details.strip()[:500],
            )
    except IntegrityError:
        raise ParticipationError(_("Vous avez déjà signalé ce contenu.")) from None
    first_open = not Report.objects.filter(
        target_kind=kind, target_id=target.pk, resolved=False, pk__lt=created.pk
    ).exists()
    if first_open:  # the content enters the queue now; later reports add to an entry already there
        notify_moderators(process, reason=Report.Reason(reason).label, key=f"moderation:report:{created.pk}")
    with transaction.atomic():
        open_reports = Report.objects.filter(target_kind=kind, target_id=target.pk, resolved=False).count()
        hidden = type(target).objects.filter(pk=target.pk, visibility=Visibility.VISIBLE)
        if open_reports >= AUTO_HIDE_REPORTS and hidden.update(
            visibility=Visibility.PENDING,
            moderation_reason=_("Signalé plusieurs fois, en attente de modération"),
        ):
            ModerationDecision.objects.create(
                process=process,
                target_kind=kind,
                target_id=target.pk,
                target_label=str(target)[:200],
                action=ModerationDecision.Action.AUTO_HIDE,
                reason=_("%(n)s signalements") % {"n": open_reports},
            )
    return created


def decide(*, target, actor, action: str, reason: str, request=None) -> ModerationDecision:
    """Hide or restore a content, or ban its author from the organisation's processes; always with a reason."""
    reason = reason.strip()
    if not reason:
        raise ParticipationError(
            _("Indiquez le motif de la décision : il est publié dans le journal de modération.")
        )
    kind, process = kind_of(target), process_of(target)
    with transaction.atomic():
        if action == ModerationDecision.Action.RESTORE:
            target.visibility, target.moderation_reason = Visibility.VISIBLE, ""
        elif action in (ModerationDecision.Action.HIDE, ModerationDecision.Action.BAN):
            target.visibility, target.moderation_reason = Visibility.HIDDEN, reason[:300]
        else:
            raise ParticipationError(_("Décision inconnue."))
        target.save(update_fields=["visibility", "moderation_reason"])
        if action == ModerationDecision.Action.BAN:
            author = getattr(target, "author", None)
            if author is None:
                raise ParticipationError(_("Ce contenu n'a pas d'auteur en ligne à exclure."))
            Ban.objects.get_or_create(
                organisation=process.organisation, user=author, defaults={"reason": reason[:300]}
            )
        Report.objects.filter(target_kind=kind, target_id=target.pk).update(resolved=True)
        decision = ModerationDecision.objects.create(
            process=process,
            target_kind=kind,
            target_id=target.pk,
            target_label=str(target)[:200],
            action=action,
            reason=reason[:300],
            decided_by=actor,
        )
    audit(
        actor=actor,
        action=f"participation.moderation.{action}",
        target=target,
        organisation=process.organisation,
        details={"reason": reason[:300]},
        request=request,
    )
    return decision


def queue(process) -> list[dict]:
    """Contents waiting for a moderator: held (spam, 3 reports) or with open reports, most reported first."""
    counts = {
        (row["target_kind"], row["target_id"]): row["n"]
        for row in Report.objects.filter(process=process, resolved=False)
        .values("target_kind", "target_id")
        .annotate(n=Count("pk"))
    }
    entries = []
    pending = {
        "proposal": Proposal.objects.filter(process=process),
        "comment": Comment.objects.filter(proposal__process=process),
        "contribution": Contribution.objects.filter(process=process),
    }
    for kind, qs in pending.items():
        ids = [pk for (k, pk) in counts if k == kind]
        for obj in qs.filter(visibility=Visibility.PENDING) | qs.filter(pk__in=ids):
            reasons = list(
                Report.objects.filter(target_kind=kind, target_id=obj.pk, resolved=False).values_list(
                    "reason", flat=True
                )
            )
            entries.append(
                {
                    "kind": kind,
                    "object": obj,
                    "reports": counts.get((kind, obj.pk), 0),
                    "reasons": [Report.Reason(r).label for r in reasons],
                }
            )
    entries.sort(key=lambda e: (-e["reports"], e["kind"]))
    return entries
