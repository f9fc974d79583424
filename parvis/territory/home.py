"""Key figure of the home territory on the home page (see ``parvis.core.figures``)."""

from django.utils.translation import gettext as _

from parvis.core.lib import typography
from parvis.territory.selectors import communes_of, home_territory


def summary(user) -> dict | None:
    territory = home_territory()
    if territory is None or not territory.population:
        return None
    return {
        "value": typography.number(territory.population),
        "label": _("habitants %(of_name)s") % {"of_name": typography.de(territory.name)},
        "url": territory.get_absolute_url(),
        "detail": _("%(n)s communes") % {"n": len(communes_of(territory))},
    }
