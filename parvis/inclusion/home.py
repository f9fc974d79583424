"""Key figure of the help finder on the home page (see ``parvis.core.figures``)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parvis.inclusion.selectors import published_count


def summary(user) -> dict | None:
    count = published_count()
    if not count:
        return None
    return {
        "value": count,
        "label": ngettext("lieu d'aide au numérique", "lieux d'aide au numérique", count),
        "url": reverse("inclusion:search"),
        "detail": _("avec leurs horaires et la façon d'être aidé sans internet"),
    }
