"""Objects the cross-app security tests (fuzzing, bad-input corpus) need, built the ordinary way."""

from datetime import timedelta

from django.utils import timezone


def open_process(org, slug: str):
    """A participation process open for ten more days on Créteil's postcode."""
    from parvis.participation.models import Process

    today = timezone.localdate()
    return Process.objects.create(
        organisation=org,
        title=slug.capitalize(),
        slug=slug,
        territory_kind="commune",
        territory_code="94028",
        postcodes="94000",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=10),
    )
