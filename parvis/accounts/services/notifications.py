"""Notification mails: rendered at once into the outbox, sent by a background task, at most once per key.

``notify(recipient, kind, context)`` is the one way any module sends a mail about an event. The message is
stored with an idempotency key (given by the caller or derived from the event), so calling it again for the
same event, or running the delivery task twice, never sends a second mail.
"""

import hashlib
import json
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from parvis.accounts.models import Invitation, NotificationOptOut, OutboxMessage
from parvis.accounts.notification_kinds import KINDS, optional_kinds
from parvis.accounts.signals import notification_queued
from parvis.core.selectors import instance_settings

# A claim older than this is considered abandoned (worker killed while sending) and may be taken again.
CLAIM_TIMEOUT = timedelta(minutes=10)
MAX_ATTEMPTS = 5
# Sent mails are kept this long for the outbox page and idempotency, then deleted (their text is personal data).
KEEP_SENT = timedelta(days=90)


def absolute_url(path: str) -> str:
    """A link for a mail: mails are often rendered by a background task, which has no request to ask."""
    return settings.PARVIS_PUBLIC_URL.rstrip("/") + path


def is_muted(user, kind: str) -> bool:
    return NotificationOptOut.objects.filter(user=user, kind=kind).exists()


def _event_key(kind: str, email: str, context: dict) -> str:
    digest = hashlib.sha256(json.dumps(context, sort_keys=True, default=str).encode()).hexdigest()
    return f"{kind}:{email}:{digest}"


def _render(kind, context: dict) -> tuple[str, str, str]:
    site = instance_settings()
    full = {
        "site_name": site.site_name,
        "site_url": absolute_url("/"),
        "contact": site.contact_email,
        "preferences_link": absolute_url(reverse("accounts:notifications")),
        **context,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = str(kind.subject) % full
        text = render_to_string(kind.template, full).strip() + "\n"
        html = render_to_string(
            "accounts/mail/base.html",
            {**full, "subject": subject, "text": text},
        )
    return subject, text, html


def notify(recipient, kind: str, context: dict | None = None, *, key: str = "") -> OutboxMessage | None:
    """Queues a notification mail to a user (or to a bare address, for invitations).

    Returns None when nothing is sent: an inactive account, or a non-essential kind the person turned off.
    The same `key` (default: derived from kind, address and context) is sent once, however often called.
    """
    spec = KINDS[kind]
    context = context or {}
    user = recipient if hasattr(recipient, "email") else None
    email = user.email if user is not None else str(recipient).lower()
    if user is not None and (not user.is_active or (not spec.essential and is_muted(user, kind))):
        return None
    key = (key or _event_key(kind, email, context))[:200]
    existing = OutboxMessage.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    subject, text, html = _render(spec, context)
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                idempotency_key=key,
                kind=kind,
                user=user,
                to=email,
                subject=subject[:300],
                body_text=text,
                body_html=html,
            )
    except IntegrityError:  # the same event, queued at the same moment by another process
        return OutboxMessage.objects.get(idempotency_key=key)
    notification_queued.send(sender=OutboxMessage, message=message)
    return message


def _claim(message_id: int) -> bool:
    """Takes the message for this worker; False when it is sent, or being sent by another one."""
    now = timezone.now()
    free = OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True).exclude(
        claimed_at__gt=now - CLAIM_TIMEOUT
    )
    return free.update(claimed_at=now) == 1


def deliver(message_id: int) -> bool:
    """Sends one queued mail; safe to run again (a sent message is never sent twice). True when sent now."""
    if not _claim(message_id):
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    mail = EmailMultiAlternatives(message.subject, message.body_text, None, [message.to])
    mail.attach_alternative(message.body_html, "text/html")
    try:
        mail.send()
    except OSError as error:  # SMTP refusals and network failures: kept for the next attempt
        OutboxMessage.objects.filter(pk=message_id).update(
            claimed_at=None, attempts=message.attempts + 1, last_error=str(error)[:500]
        )
        return False
    OutboxMessage.objects.filter(pk=message_id).update(sent_at=timezone.now(), attempts=message.attempts + 1)
    return True


def undelivered_ids() -> list[int]:
    """Messages still to send (a failed or interrupted delivery), oldest first, within the attempt budget."""
    pending = OutboxMessage.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
    return list(pending.order_by("created_at").values_list("pk", flat=True)[:500])


def purge_sent(now=None) -> int:
    """Deletes the mails sent more than 90 days ago; returns how many."""
    cutoff = (now or timezone.now()) - KEEP_SENT
    deleted, _by_model = OutboxMessage.objects.filter(sent_at__lt=cutoff).delete()
    return deleted


def forget_address(email: str) -> None:
    """RGPD erasure: mails and invitations sent to this address go (a user's own mails go with the account)."""
    OutboxMessage.objects.filter(to=email.lower()).delete()
    Invitation.objects.filter(email=email.lower()).delete()


@transaction.atomic
def set_preferences(user, enabled_kinds: set[str]) -> None:
    """Keeps the optional kinds in `enabled_kinds` on and turns the other optional kinds off."""
    for kind in optional_kinds():
        if kind.key in enabled_kinds:
            NotificationOptOut.objects.filter(user=user, kind=kind.key).delete()
        else:
            NotificationOptOut.objects.get_or_create(user=user, kind=kind.key)
