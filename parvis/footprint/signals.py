"""Signals of the footprint app.

`audit_requested(sender=SiteAudit, audit_id=…)` is sent by the services once an audit row is committed;
``footprint.tasks`` queues it, so the services never import the tasks that run them.
"""

from django.dispatch import Signal

audit_requested = Signal()
