"""Background tasks: refresh duplicates and gap indicators after an import; remind owners of stale places."""

from datetime import timedelta

from django.tasks import task

from parvis.core.periodic import periodic
from parvis.inclusion import gaps, services


@task()
def refresh_after_import():

    return {"doublons": services.detect_duplicates(), "indicateurs": gaps.compute()}


@periodic(every=timedelta(days=1))
@task()
def remind_stale_places():

    return services.send_stale_reminders()
