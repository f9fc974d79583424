"""Permissions of the footprint app (registered in parvis.accounts.policy)."""

from parvis.accounts import policy
from parvis.accounts.roles import Role


@policy.rule("footprint.view_site")
def view_site(user, site) -> bool:
    if site is None:
        return False
    return site.ranking_public or site.is_instance or policy.has_role(user, site.organisation_id)


@policy.rule("footprint.manage_site")
def manage_site(user, site) -> bool:
    return site is not None and policy.has_role(user, site.organisation_id, Role.GESTIONNAIRE)


@policy.rule("footprint.add_site")
def add_site(user, organisation) -> bool:
    """Organisation None: may the user add sites to at least one organisation?"""
    if organisation is None:
        return bool(policy.organisation_ids(user, Role.GESTIONNAIRE))
    return policy.has_role(user, organisation, Role.GESTIONNAIRE)
