"""Retention of the audit log: entries older than the instance's setting are purged, and the purge is logged."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from parvis.accounts.models import AuditEvent
from parvis.accounts.services import audit
from parvis.core.selectors import instance_settings


@transaction.atomic
def purge_audit_log(now=None) -> int:
    """Deletes the entries older than the retention setting; returns how many (the purge itself is kept)."""
    days = instance_settings().audit_retention_days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _by_model = AuditEvent.objects.filter(created_at__lt=cutoff).delete()
    if deleted:
        audit(
            actor=None,
            action="accounts.audit.purge",
            details={"supprimees": deleted, "conservation_jours": days, "avant": cutoff.isoformat()},
        )
    return deleted
