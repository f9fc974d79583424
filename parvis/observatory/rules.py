"""Permissions of the observatory (registered in ``parvis.accounts.policy``).

* read an indicator: public indicators for everybody; otherwise members of its organisation;
* create/edit an indicator: gestionnaire or contributeur of the organisation; delete: gestionnaire;
* edit a territory's dashboard (choice and order of cards): gestionnaire of the dashboard's
  organisation, or, when the territory has no dashboard yet, of an organisation whose own territory is
  this one or contains it (a gestionnaire cannot claim another collectivité's territory);
* a dashboard is public; each card shows only indicators the reader may see;
* IFN weighting scenarios are public to read and export; gestionnaire or contributeur of an organisation
  save one for it; its author (still an agent) or a gestionnaire of the organisation changes or deletes it.
"""

from parvis.accounts import policy
from parvis.accounts.roles import EDITOR_ROLES, Role
from parvis.observatory.selectors import claiming_organisation


@policy.rule("observatory.view_indicator")
def view_indicator(user, indicator) -> bool:
    return indicator is not None and (indicator.is_public or policy.has_role(user, indicator.organisation_id))


@policy.rule("observatory.add_indicator")
def add_indicator(user, organisation) -> bool:
    if organisation is None:
        return bool(policy.organisation_ids(user, *EDITOR_ROLES))
    return policy.has_role(user, organisation, *EDITOR_ROLES)


@policy.rule("observatory.change_indicator")
def change_indicator(user, indicator) -> bool:
    return indicator is not None and policy.has_role(user, indicator.organisation_id, *EDITOR_ROLES)


@policy.rule("observatory.delete_indicator")
def delete_indicator(user, indicator) -> bool:
    return indicator is not None and policy.has_role(user, indicator.organisation_id, Role.GESTIONNAIRE)


@policy.rule("observatory.view_dashboard")
def view_dashboard(user, territory) -> bool:
    return True


@policy.rule("observatory.change_dashboard")
def change_dashboard(user, territory) -> bool:
    dashboard = getattr(territory, "dashboard", None) if territory is not None else None
    if dashboard is not None:
        return policy.has_role(user, dashboard.organisation_id, Role.GESTIONNAIRE)
    return territory is not None and claiming_organisation(user, territory) is not None


# The agents who may add an indicator for an organisation may save an IFN scenario for it.
policy.rule("observatory.add_ifn_scenario")(add_indicator)


@policy.rule("observatory.delete_ifn_scenario")
def delete_ifn_scenario(user, scenario) -> bool:
    if scenario is None:
        return False
    if policy.has_role(user, scenario.organisation_id, Role.GESTIONNAIRE):
        return True
    return scenario.created_by_id == getattr(user, "pk", None) and policy.has_role(
        user, scenario.organisation_id, *EDITOR_ROLES
    )


@policy.rule("observatory.view_comparison")
def view_comparison(user, obj) -> bool:
    return True  # public: each reader only sees the indicators they may read


@policy.rule("observatory.view_ifn")
def view_ifn(user, obj) -> bool:
    return True  # the IFN, its saved scenarios and their exports are public
