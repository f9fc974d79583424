"""Background tasks of the accounts app: sending notification mails and retrying those that failed."""

from datetime import timedelta

from django.tasks import task

from parvis.accounts.services import audit_log, notifications
from parvis.core.periodic import periodic
from parvis.core.tasks import enqueue_after_commit


@task()
def deliver_notification(message_id: int) -> bool:
    return notifications.deliver(message_id)


@periodic(every=timedelta(minutes=15))
@task()
def retry_notifications() -> int:
    """Sends again the mails whose delivery failed (SMTP down) or was interrupted."""
    return sum(notifications.deliver(pk) for pk in notifications.undelivered_ids())


@periodic(every=timedelta(days=1))
@task()
def purge_sent_notifications() -> int:
    return notifications.purge_sent()


def enqueue_delivery(sender, *, message, **kwargs) -> None:
    """Receiver of ``notification_queued``: sends once the row that describes the mail is committed."""
    enqueue_after_commit(deliver_notification, message.pk)


@periodic(every=timedelta(days=1))
@task()
def purge_audit_log() -> int:
    """Applies the audit log's retention setting (the purge itself is written to the log)."""
    return audit_log.purge_audit_log()
