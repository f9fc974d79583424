"""Key figure of the home territory on the home page (see ``parvis.core.figures``)."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

from parvis.territory.selectors import communes_of, home_territory


def summary(user) -> dict | None:
    territory = home_territory()
    if territory is None or not territory.population:
        return None
    return {
        "value": intcomma(territory.population),
        "label": _("habitants de %(name)s") % {"name": territory.name},
        "url": territory.get_absolute_url(),
        "detail": _("%(n)s communes") % {"n": len(communes_of(territory))},
    }
