"""Permissions of the inclusion app (registered in parvis.accounts.policy).

- gestionnaire: imports, moderates partners' declarations, reviews duplicates, reads gap analysis;
- contributeur: imports and reads gap analysis;
- partenaire (or any member of an organisation): declares places and proposes updates of its own places,
  always moderated.
"""

from parvis.accounts import policy
from parvis.accounts.roles import Role


def _is(user, *roles) -> bool:
    return bool(policy.organisation_ids(user, *roles))


@policy.rule("inclusion.import_places")
def _import_places(user, obj) -> bool:
    return _is(user, Role.GESTIONNAIRE, Role.CONTRIBUTEUR)


@policy.rule("inclusion.view_gaps")
def _view_gaps(user, obj) -> bool:
    return _is(user, Role.GESTIONNAIRE, Role.CONTRIBUTEUR)


@policy.rule("inclusion.moderate")
def _moderate(user, obj) -> bool:
    return _is(user, Role.GESTIONNAIRE)


@policy.rule("inclusion.merge_places")
def _merge(user, obj) -> bool:
    return _is(user, Role.GESTIONNAIRE)


@policy.rule("inclusion.declare_place")
def _declare(user, obj) -> bool:
    return _is(user)


@policy.rule("inclusion.propose_update")
def _propose_update(user, place) -> bool:
    return (
        place is not None
        and place.organisation_id is not None
        and policy.has_role(user, place.organisation_id)
    )


@policy.rule("inclusion.review_report")
def _review_report(user, place) -> bool:
    """Errors reported by anyone on a place: the moderators of declarations (the collectivité's gestionnaires)."""
    return _moderate(user, place)
