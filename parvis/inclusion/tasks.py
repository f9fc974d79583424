"""Background tasks: refresh duplicates and gap indicators after an import; remind owners of stale places."""

from django.tasks import task


@task()
def refresh_after_import():
    from . import gaps, services

    return {"doublons": services.detect_duplicates(), "indicateurs": gaps.compute()}


@task()
def remind_stale_places():
    from . import services

    return services.send_stale_reminders()
