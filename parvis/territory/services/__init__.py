"""Write services of the territory app.

* ``import_files(paths=(), stdout=None)`` – load the référentiel (see ``importer``); idempotent.
* ``parse_commune_list(text)`` – turn a pasted list (codes INSEE, postcodes or names, one per line or
  separated by commas/semicolons) into communes, with a French problem per line that did not resolve.
* ``save_custom_territory(*, actor, organisation, name, description, communes, territory=None, request=None)``
  – create or update a custom territory (audited).
* ``delete_custom_territory(*, actor, territory, request=None)`` (audited).
Read services are in ``parvis.territory.selectors``; maps in ``parvis.territory.maps``.
"""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from parvis.accounts.services import audit
from parvis.core.lib.slugs import unique_slug
from parvis.territory.lib.codes import search_key
from parvis.territory.models import Kind, Territory
from parvis.territory.selectors import CURRENT, communes_for_postcode, resolver
from parvis.territory.services.imports import import_files  # noqa: F401  (re-exported service)


def parse_commune_list(text: str) -> tuple[list[Territory], list[str]]:
    items = [item.strip() for item in re.split(r"[\n;,]+", text or "") if item.strip()]
    resolve = resolver(roll_up_arrondissements=True)
    communes, problems, seen = [], [], set()
    current = Territory.objects.filter(kind=Kind.COMMUNE, subtype=CURRENT)
    for number, item in enumerate(items, start=1):
        found = []
        if item.replace(" ", "").isdigit() or item[:2].upper() in ("2A", "2B"):
            code, problem = resolve(item)
            found = list(current.filter(code=code)) if code else []
            if not found and len(item) == 5 and item.isdigit():
                found = communes_for_postcode(item)
                problem = None if found else problem
        else:
            key = search_key(item)
            found = list(current.filter(search_name=key)) if key else []
            problem = _("aucune commune ne s’appelle « %(name)s »") % {"name": item[:60]}
        if len(found) > 1:
            names = ", ".join(f"{c.name} ({c.code})" for c in found[:5])
            problems.append(
                _("élément %(n)s « %(item)s » : plusieurs communes (%(names)s), indiquez le code INSEE")
                % {"n": number, "item": item[:60], "names": names}
            )
        elif not found:
            problems.append(_("élément %(n)s : %(problem)s") % {"n": number, "problem": problem})
        elif found[0].code not in seen:
            seen.add(found[0].code)
            communes.append(found[0])
    return communes, problems


def _unique_code(name: str, organisation) -> str:
    return unique_slug(
        f"{organisation.pk}-{name}",
        lambda code: Territory.objects.filter(kind=Kind.CUSTOM, code=code).exists(),
        fallback="territoire",
        max_length=56,
    )


@transaction.atomic
def save_custom_territory(*, actor, organisation, name, description, communes, territory=None, request=None):
    created = territory is None
    if created:
        territory = Territory(
            kind=Kind.CUSTOM,
            code=_unique_code(name, organisation),
            organisation=organisation,
            created_by=actor,
        )
    territory.name = name
    territory.search_name = search_key(name)
    territory.description = description
    territory.population = sum(c.population or 0 for c in communes)
    territory.save()
    territory.members.set(communes)
    audit(
        actor=actor,
        action="territory.custom." + ("create" if created else "update"),
        target=territory,
        organisation=organisation,
        details={"communes": [c.code for c in communes]},
        request=request,
    )
    return territory


@transaction.atomic
def delete_custom_territory(*, actor, territory, request=None):
    audit(
        actor=actor,
        action="territory.custom.delete",
        target=territory,
        organisation=territory.organisation,
        details={"code": territory.code},
        request=request,
    )
    territory.delete()
