"""Writes of the participation app: contributions, proposals, supports, comments, meetings, budget votes."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from parvis.accounts import selectors as accounts
from parvis.accounts.roles import Role
from parvis.accounts.services import audit, notify
from parvis.accounts.services.notifications import absolute_url
from parvis.core.lib import typography
from parvis.participation.lib.spam import spam_reasons
from parvis.participation.models import (
    Ballot,
    Ban,
    Channel,
    Comment,
    Contribution,
    Meeting,
    ModerationDecision,
    Proposal,
    Question,
    Registration,
    Resident,
    Support,
    Visibility,
)

MAX_ANSWER_CHARS = 5000


class ParticipationError(Exception):
    """A refused write; ``str(error)`` is a French message for the person, saying what and where."""


def check_open(process) -> None:
    if process.imported:
        raise ParticipationError(
            _("Cette consultation extérieure a été importée : elle ne reçoit pas de contribution.")
        )
    today = timezone.localdate()
    if today < process.starts_on:
        raise ParticipationError(
            _("La participation ouvre le %(date)s.") % {"date": typography.date_long(process.starts_on)}
        )
    if today > process.ends_on:
        raise ParticipationError(
            _("La participation est close depuis le %(date)s : votre contribution n'a pas été enregistrée.")
            % {"date": typography.date_long(process.ends_on)}
        )


def check_participant(process, user, postcode: str = "") -> str:
    """Refuses banned people and, when the process is for residents only, other postcodes; returns the postcode."""
    if Ban.objects.filter(organisation_id=process.organisation_id, user=user).exists():
        raise ParticipationError(
            _("Votre compte a été exclu des démarches de cette organisation par la modération.")
        )
    postcode = (postcode or user.postcode or "").strip()
    allowed = process.postcode_list()
    if (
        process.residents_only
        and postcode not in allowed
        and not process.residents.filter(user=user).exists()
    ):
        raise ParticipationError(
            _(
                "Cette démarche est réservée aux habitants du territoire (codes postaux : %(codes)s). "
                "Indiquez votre code postal, ou faites vérifier votre adresse par un agent."
            )
            % {"codes": ", ".join(allowed)}
        )
    return postcode


def verify_resident(*, process, agent, email: str, postcode: str, request=None):
    """An agent records that a person lives in the territory (seen a proof at the counter)."""

    person = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if person is None:
        raise ParticipationError(
            _("Aucun compte n'utilise l'adresse « %(email)s ».") % {"email": email.strip()[:100]}
        )
    postcode = postcode.strip()
    if postcode not in process.postcode_list():
        raise ParticipationError(
            _("Le code postal « %(code)s » n'est pas dans le territoire (%(codes)s).")
            % {"code": postcode[:10], "codes": ", ".join(process.postcode_list())}
        )
    resident, _created = Resident.objects.update_or_create(
        process=process, user=person, defaults={"postcode": postcode, "verified_by": agent}
    )
    audit(
        actor=agent,
        action="participation.resident.verify",
        target=person,
        organisation=process.organisation,
        details={"process": process.slug, "postcode": postcode},
        request=request,
    )
    return resident


def clean_answers(process, raw: dict) -> dict:
    """Validates answers keyed by question id; raises with the question's text when one is wrong."""
    answers = {}
    for question in process.questions.all():
        value = (raw.get(str(question.pk)) or "").strip()
        if not value:
            continue
        if question.kind == Question.Kind.CLOSED and value not in question.choices:
            raise ParticipationError(
                _("Question « %(q)s » : choisissez une des réponses proposées.") % {"q": question.text}
            )
        if len(value) > MAX_ANSWER_CHARS:
            raise ParticipationError(
                _(
                    "Question « %(q)s » : la réponse fait %(n)s caractères, la limite est %(max)s. "
                    "Raccourcissez-la (votre texte est conservé ci-dessous)."
                )
                % {"q": question.text, "n": len(value), "max": MAX_ANSWER_CHARS}
            )
        answers[str(question.pk)] = value
    if not answers:
        raise ParticipationError(_("Votre contribution est vide : répondez à au moins une question."))
    return answers


def notify_moderators(process, *, reason: str | Promise, key: str) -> None:
    """Tells the process's moderators (its organisation's gestionnaires) that a content waits for them."""
    context = {
        "process": process.title,
        "reason": reason,
        "link": absolute_url(reverse("participation:moderation", args=[process.slug])),
    }
    for user in accounts.members(process.organisation_id, Role.GESTIONNAIRE):
        notify(user, "moderation.new_item", context, key=f"{key}:{user.pk}")


def _hold_if_spam(process, obj, kind: str, text: str, recent: tuple[str, ...] = ()) -> None:
    reasons = spam_reasons(text, recent)
    if reasons:
        obj.visibility = Visibility.PENDING
        obj.moderation_reason = ", ".join(reasons)
        obj.save(update_fields=["visibility", "moderation_reason"])
        decision = ModerationDecision.objects.create(
            process=process,
            target_kind=kind,
            target_id=obj.pk,
            target_label=str(obj)[:200],
            action=ModerationDecision.Action.SPAM,
            reason=obj.moderation_reason,
        )
        notify_moderators(
            process, reason=_("retenu par le filtre anti-spam"), key=f"moderation:decision:{decision.pk}"
        )


def submit_contribution(*, process, user, answers: dict, postcode: str = "") -> Contribution:
    check_open(process)
    postcode = check_participant(process, user, postcode)
    answers = clean_answers(process, answers)
    try:
        with transaction.atomic():
            contribution = Contribution.objects.create(
                process=process, author=user, channel=Channel.ONLINE, postcode=postcode, answers=answers
            )
    except IntegrityError:
        raise ParticipationError(_("Vous avez déjà répondu à ce questionnaire.")) from None
    _hold_if_spam(process, contribution, "contribution", " ".join(answers.values()))
    return contribution


def enter_paper_contribution(
    *,
    process,
    agent,
    answers: dict,
    place: str,
    collected_on,
    postcode: str = "",
    channel=Channel.PAPER,
    request=None,
) -> Contribution:
    """An agent types in a contribution collected on paper or at a meeting (flagged « saisie par un agent »)."""
    if process.imported:
        check_open(process)
    check_collection(place, collected_on)
    answers = clean_answers(process, answers)
    contribution = Contribution.objects.create(
        process=process,
        channel=channel,
        entered_by=agent,
        place=place.strip()[:200],
        collected_on=collected_on,
        postcode=postcode.strip()[:10],
        answers=answers,
    )
    audit(
        actor=agent,
        action="participation.contribution.enter_paper",
        target=contribution,
        organisation=process.organisation,
        details={"place": contribution.place},
        request=request,
    )
    return contribution


def check_collection(place: str, collected_on) -> None:
    """What every entry from paper states: where and when it was collected (today or before)."""
    if not place.strip():
        raise ParticipationError(_("Indiquez le lieu où la contribution a été recueillie."))
    if collected_on is None or collected_on > timezone.localdate():
        raise ParticipationError(_("Indiquez la date de recueil (aujourd'hui ou avant)."))


def create_proposal(*, process, user, title: str, body: str, postcode: str = "") -> Proposal:
    check_open(process)
    postcode = check_participant(process, user, postcode)
    title, body = title.strip(), body.strip()
    if not title or not body:
        raise ParticipationError(_("Donnez un titre et une description à votre proposition."))
    if len(title) > 150 or len(body) > MAX_ANSWER_CHARS:
        raise ParticipationError(
            _("Le titre est limité à 150 caractères et la description à %(max)s (reçus : %(t)s et %(b)s).")
            % {"max": MAX_ANSWER_CHARS, "t": len(title), "b": len(body)}
        )
    proposal = Proposal.objects.create(
        process=process, author=user, title=title, body=body, postcode=postcode
    )
    recent = tuple(
        Proposal.objects.filter(author=user)
        .exclude(pk=proposal.pk)
        .order_by("-created_at")
        .values_list("body", flat=True)[:5]
    )
    _hold_if_spam(process, proposal, "proposal", f"{title} {body}", recent)
    return proposal


def follow_threshold(proposal_id: int) -> None:
    """The state the page promises: « À l'étude » from the support threshold on, until an official answer.

    Only the two automatic states move; a proposal the authority answered keeps its answer's state.
    """
    proposal = Proposal.objects.select_related("process").get(pk=proposal_id)
    if proposal.answered_at is not None or proposal.status not in (
        Proposal.Status.SUPPORTS,
        Proposal.Status.STUDY,
    ):
        return
    reached = proposal.supports_count >= proposal.process.support_threshold
    status = Proposal.Status.STUDY if reached else Proposal.Status.SUPPORTS
    if status != proposal.status:
        Proposal.objects.filter(pk=proposal_id).update(status=status)


def support(*, proposal, user) -> Support:
    """One support per person and proposal, guaranteed by the database's unique constraint."""
    check_open(proposal.process)
    check_participant(proposal.process, user)
    if not proposal.is_visible:
        raise ParticipationError(_("Cette proposition est masquée : elle ne peut pas recevoir de soutien."))
    try:
        with transaction.atomic():
            created = Support.objects.create(proposal=proposal, user=user)
            Proposal.objects.filter(pk=proposal.pk).update(supports_count=F("supports_count") + 1)
            follow_threshold(proposal.pk)
    except IntegrityError:
        raise ParticipationError(_("Vous soutenez déjà cette proposition.")) from None
    return created


def withdraw_support(*, proposal, user) -> None:
    """A person takes back their support while the participation is open."""
    check_open(proposal.process)
    with transaction.atomic():
        deleted, _rows = Support.objects.filter(proposal=proposal, user=user).delete()
        if not deleted:
            raise ParticipationError(_("Vous ne souteniez pas cette proposition."))
        Proposal.objects.filter(pk=proposal.pk, supports_count__gt=0).update(
            supports_count=F("supports_count") - 1
        )
        follow_threshold(proposal.pk)


def add_comment(*, proposal, user, body: str, parent=None) -> Comment:
    check_open(proposal.process)
    check_participant(proposal.process, user)
    if not proposal.is_visible:
        raise ParticipationError(
            _("Cette proposition est masquée : elle ne peut pas recevoir de commentaire.")
        )
    body = body.strip()
    if not body:
        raise ParticipationError(_("Votre commentaire est vide."))
    if len(body) > MAX_ANSWER_CHARS:
        raise ParticipationError(
            _("Votre commentaire fait %(n)s caractères, la limite est %(max)s.")
            % {"n": len(body), "max": MAX_ANSWER_CHARS}
        )
    if parent is not None and parent.proposal_id != proposal.pk:
        raise ParticipationError(
            _("Le commentaire auquel vous répondez n'appartient pas à cette proposition.")
        )
    comment = Comment.objects.create(proposal=proposal, author=user, body=body, parent=parent)
    recent = tuple(
        Comment.objects.filter(author=user).exclude(pk=comment.pk).values_list("body", flat=True)[:5]
    )
    _hold_if_spam(proposal.process, comment, "comment", body, recent)
    return comment


def register(*, meeting: Meeting, user) -> Registration:
    """Registration within the meeting's capacity (the meeting row is locked while counting)."""
    if meeting.starts_at < timezone.now():
        raise ParticipationError(_("Cette réunion a déjà eu lieu : les inscriptions sont closes."))
    check_participant(meeting.process, user)
    try:
        with transaction.atomic():
            locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
            if locked.registrations.count() >= locked.capacity:
                raise ParticipationError(
                    _("Cette réunion est complète (%(n)s places).") % {"n": locked.capacity}
                )
            return Registration.objects.create(meeting=locked, user=user)
    except IntegrityError:
        raise ParticipationError(_("Vous êtes déjà inscrit à cette réunion.")) from None


def budget_selection(process, project_ids: list[int]) -> tuple[list, int]:
    """The projects chosen on a ballot and their total, refused when empty or beyond the ceiling."""
    if process.budget_ceiling is None:
        raise ParticipationError(_("Cette démarche n'a pas de budget participatif."))
    projects = list(process.budget_projects.filter(pk__in=project_ids))
    if not projects or len(projects) != len(set(project_ids)):
        raise ParticipationError(_("Choisissez au moins un projet de la liste."))
    total = sum(p.cost for p in projects)
    if total > process.budget_ceiling:
        raise ParticipationError(
            _("Cette sélection coûte %(total)s €, au-delà du plafond de %(ceiling)s € : retirez un projet.")
            % {"total": typography.number(total), "ceiling": typography.number(process.budget_ceiling)}
        )
    return projects, total


def vote_budget(*, process, user, project_ids: list[int]) -> Ballot:
    """A whole ballot at once: total within the ceiling, one ballot per person (unique constraint)."""
    check_open(process)
    check_participant(process, user)
    projects, total = budget_selection(process, project_ids)
    try:
        with transaction.atomic():
            ballot = Ballot.objects.create(process=process, user=user, total=total)
            ballot.projects.set(projects)
    except IntegrityError:
        raise ParticipationError(_("Vous avez déjà voté pour ce budget participatif.")) from None
    return ballot


def answer_proposal(*, proposal, actor, status: str, answer: str, request=None) -> Proposal:
    if status not in Proposal.Status.values:
        raise ParticipationError(_("État de proposition inconnu."))
    if status != Proposal.Status.STUDY and not answer.strip():
        raise ParticipationError(_("Rédigez la réponse officielle qui explique cette décision."))
    proposal.status, proposal.official_answer = status, answer.strip()
    proposal.answered_at = timezone.now()
    proposal.save(update_fields=["status", "official_answer", "answered_at"])
    audit(
        actor=actor,
        action="participation.proposal.answer",
        target=proposal,
        organisation=proposal.process.organisation,
        details={"status": status},
        request=request,
    )
    if proposal.author is not None:
        notify(
            proposal.author,
            "participation.proposal_answered",
            {
                "organisation": proposal.process.organisation.name,
                "proposal": proposal.title,
                "status": proposal.get_status_display(),
                "answer": proposal.official_answer,
                "link": absolute_url(
                    reverse("participation:proposal", args=[proposal.process.slug, proposal.pk])
                ),
            },
            key=f"proposal-answer:{proposal.pk}:{proposal.answered_at.isoformat()}",
        )
    return proposal
