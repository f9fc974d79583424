"""Flags the places already stored with an impossible update date (before 1990, or in the future)."""

import datetime

from django.db import migrations
from django.db.models import Q


def flag(apps, schema_editor):
    Place = apps.get_model("inclusion", "Place")
    today = datetime.date.today()
    Place.objects.filter(Q(date_maj__lt=datetime.date(1990, 1, 1)) | Q(date_maj__gt=today)).update(
        date_maj_ok=False
    )


def unflag(apps, schema_editor):
    apps.get_model("inclusion", "Place").objects.update(date_maj_ok=True)


class Migration(migrations.Migration):
    dependencies = [("inclusion", "0003_place_reports_and_date_maj_ok")]

    operations = [migrations.RunPython(flag, unflag)]
