"""Key figure of the catalogue on the home page (see ``parvis.core.figures``)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parvis.catalog.selectors import visible_datasets


def summary(user) -> dict | None:
    count = visible_datasets(user).filter(published=True).count()
    if not count:
        return None
    return {
        "value": count,
        "label": ngettext("jeu de données publié", "jeux de données publiés", count),
        "url": reverse("catalog:index"),
        "detail": _("validés, versionnés, téléchargeables en CSV, JSON, Parquet ou XLSX"),
    }
