"""Reads other modules need about organisations and people; they never query accounts models themselves."""

from datetime import datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from parvis.accounts import policy
from parvis.accounts.models import (
    AuditEvent,
    Invitation,
    Membership,
    NotificationOptOut,
    Organisation,
    OutboxMessage,
    User,
)
from parvis.accounts.notification_kinds import optional_kinds


def organisations_for(user, *roles: str) -> QuerySet[Organisation]:
    """Organisations where `user` holds one of `roles` (any role when none given); all of them for an admin."""
    return policy.filter_organisations(Organisation.objects.all(), user, *roles, field="pk").order_by("name")


def organisation_by_slug(slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first()


def organisation_by_pk(pk) -> Organisation | None:
    return Organisation.objects.filter(pk=pk).first()


def user_by_email(email: str) -> User | None:
    return User.objects.filter(email=email.lower()).first()


def member_emails(organisation_id: int, *roles: str) -> set[str]:
    """E-mail addresses of the active members of an organisation (with one of `roles` when given)."""
    members = Membership.objects.filter(organisation_id=organisation_id, user__is_active=True)
    if roles:
        members = members.filter(role__in=roles)
    return set(members.values_list("user__email", flat=True))


def organisations() -> QuerySet[Organisation]:
    """Every organisation, for the choices of forms and the filters of other apps."""
    return Organisation.objects.all()


def enabled_notification_kinds(user) -> set[str]:
    """The optional notification kinds the person has not turned off."""
    muted = set(NotificationOptOut.objects.filter(user=user).values_list("kind", flat=True))
    return {kind.key for kind in optional_kinds()} - muted


def outbox_messages() -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.all()


def outbox_counts() -> dict[str, int]:
    messages = OutboxMessage.objects.all()
    return {
        "sent": messages.filter(sent_at__isnull=False).count(),
        "pending": messages.filter(sent_at__isnull=True).count(),
        "failed": messages.filter(sent_at__isnull=True, attempts__gt=0).count(),
    }


def audit_events(
    *, organisation=None, who: str = "", action: str = "", since=None, until=None
) -> QuerySet[AuditEvent]:
    """The audit log, newest first, narrowed by organisation, author (address contains), action and dates."""
    events = AuditEvent.objects.select_related("organisation")
    if organisation is not None:
        events = events.filter(organisation=organisation)
    if who:
        events = events.filter(actor_label__icontains=who)
    if action:
        events = events.filter(action=action)
    # Day bounds in local time, compared with the indexed timestamp itself (no per-row date conversion).
    if since:
        events = events.filter(created_at__gte=_start_of(since))
    if until:
        events = events.filter(created_at__lt=_start_of(until + timedelta(days=1)))
    return events


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def search_users(query: str = "") -> QuerySet[User]:
    """Every account (for the administrator), matching `query` in the address or the displayed name."""
    users = User.objects.order_by("email")
    if query:
        users = users.filter(Q(email__icontains=query) | Q(display_name__icontains=query))
    return users


def invitations_of(organisation) -> QuerySet[Invitation]:
    return organisation.invitations.select_related("invited_by")


def members(organisation_id: int, *roles: str) -> QuerySet[User]:
    """Active accounts of an organisation's members (with one of `roles` when given), for notifications."""
    memberships = Membership.objects.filter(organisation_id=organisation_id)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return User.objects.filter(is_active=True, memberships__in=memberships).distinct().order_by("email")
