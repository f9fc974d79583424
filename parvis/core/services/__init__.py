"""Writes of the core app: the instance settings and the images stored for logos."""

import uuid

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from parvis.core.lib.images import image_format
from parvis.core.models import InstanceSettings
from parvis.core.selectors import CACHE_KEY, EDITABLE

MAX_LOGO_BYTES = 1024 * 1024


def store_image(upload, folder: str) -> str:
    """Stores an uploaded PNG, JPEG or WebP image (1 Mo at most) and returns its storage name."""
    if upload.size > MAX_LOGO_BYTES:
        raise ValidationError(_("L'image dépasse 1 Mo : réduisez-la avant de l'envoyer."))
    upload.seek(0)
    kind = image_format(upload.read(16))
    upload.seek(0)
    if kind is None:
        raise ValidationError(_("Le logo doit être une image PNG, JPEG ou WebP."))
    return default_storage.save(f"{folder}/{uuid.uuid4().hex}.{kind}", upload)


@transaction.atomic
def update_instance_settings(values: dict, logo=None) -> dict:
    """Saves the administrator's values; returns {field: (before, after)} for the fields that changed."""
    row, _created = InstanceSettings.objects.select_for_update().get_or_create(pk=1)
    if logo is not None:
        values = {**values, "logo": store_image(logo, "instance")}
    changes = {}
    for field in EDITABLE:
        if field in values and getattr(row, field) != values[field]:
            changes[field] = (getattr(row, field), values[field])
            setattr(row, field, values[field])
    if changes:
        row.save()
        transaction.on_commit(lambda: cache.delete(CACHE_KEY))
        cache.delete(CACHE_KEY)
    return changes
