"""Permissions of the territory app (registered in ``parvis.accounts.policy``).

The référentiel and custom territories are public (reading). A gestionnaire or contributeur of an
organisation creates and edits its custom territories; only a gestionnaire deletes them. Importing the
référentiel is reserved to the instance administrator (``policy.can`` lets admins do everything).
"""

from parvis.accounts import policy
from parvis.accounts.roles import EDITOR_ROLES, Role


@policy.rule("territory.view_territory")
def view_territory(user, territory) -> bool:
    return True


@policy.rule("territory.add_custom")
def add_custom(user, organisation) -> bool:
    if organisation is None:
        return bool(policy.organisation_ids(user, *EDITOR_ROLES))
    return policy.has_role(user, organisation, *EDITOR_ROLES)


@policy.rule("territory.change_custom")
def change_custom(user, territory) -> bool:
    return territory is not None and policy.has_role(user, territory.organisation_id, *EDITOR_ROLES)


@policy.rule("territory.delete_custom")
def delete_custom(user, territory) -> bool:
    return territory is not None and policy.has_role(user, territory.organisation_id, Role.GESTIONNAIRE)


@policy.rule("territory.import_referentiel")
def import_referentiel(user, obj) -> bool:
    return False
