from django.tasks import task


@task()
def audit_site(audit_id: int) -> None:
    """Background audit of a site (home page plus up to N pages), with progress saved per page."""
    from parvis.footprint.services import run_audit

    run_audit(audit_id)
