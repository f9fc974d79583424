"""Background tasks of the accounts app."""

from datetime import timedelta

from django.tasks import task

from parvis.accounts.services import rgpd
from parvis.core.periodic import periodic


@periodic(every=timedelta(days=1))
@task()
def purge_expired_personal_data() -> dict[str, int]:
    """Deletes every app's personal data past its declared retention; logged and audited."""
    return rgpd.purge_expired()
