"""Key figure of participation on the home page (see ``parvis.core.figures``)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parvis.participation.selectors import processes_by_state


def summary(user) -> dict | None:
    count = len(processes_by_state()["open"])
    if not count:
        return None
    return {
        "value": count,
        "label": ngettext("consultation ouverte", "consultations ouvertes", count),
        "url": reverse("participation:index"),
        "detail": _("en ligne ou sur papier, en mairie"),
    }
