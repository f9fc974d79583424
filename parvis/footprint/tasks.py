"""Background tasks of the footprint app (Django tasks, run by ``parvis worker``)."""

from django.tasks import task

from parvis.footprint.services import run_audit


@task()
def audit_site(audit_id: int) -> None:
    """Background audit of a site (home page plus up to N pages), with progress saved per page."""
    run_audit(audit_id)


def enqueue_audit(sender, *, audit_id: int, **kwargs) -> None:
    """Receiver of ``audit_requested`` (sent once the audit row is committed)."""
    audit_site.enqueue(audit_id)
