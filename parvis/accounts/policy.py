"""The one place where permissions are decided.

Each app registers its rules in its own `rules.py` with `@rule("app.action")`; views and API endpoints
ask `can(user, perm, obj)` or `ensure(...)`. A permission nobody registered is refused, loudly in logs.
"""

import logging
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from parvis.accounts.roles import Role

logger = logging.getLogger(__name__)
Predicate = Callable[[object, object], bool]
_RULES: dict[str, Predicate] = {}


def rule(perm: str) -> Callable[[Predicate], Predicate]:
    def register(predicate: Predicate) -> Predicate:
        if perm in _RULES and _RULES[perm] is not predicate:
            raise ValueError(f"permission {perm!r} registered twice")
        _RULES[perm] = predicate
        return predicate

    return register


def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def organisation_ids(user, *roles: str) -> set[int]:
    """Ids of the organisations where the user holds one of `roles` (any role when none given)."""
    if not (user and user.is_authenticated and user.is_active):
        return set()
    cache_key = "_parvis_memberships"
    memberships = getattr(user, cache_key, None)
    if memberships is None:
        memberships = list(user.memberships.values_list("organisation_id", "role"))
        setattr(user, cache_key, memberships)
    return {org for org, role in memberships if not roles or role in roles}


def has_role(user, organisation, *roles: str) -> bool:
    org_id = getattr(organisation, "pk", organisation)
    return org_id is not None and org_id in organisation_ids(user, *roles)


def can(user, perm: str, obj=None) -> bool:
    if is_admin(user):
        return True
    predicate = _RULES.get(perm)
    if predicate is None:
        logger.error("unknown permission %s", perm)
        return False
    return bool(predicate(user, obj))


def ensure(user, perm: str, obj=None) -> None:
    if not can(user, perm, obj):
        raise PermissionDenied("Vous n'avez pas les droits nécessaires pour cette action.")


def filter_organisations(queryset: QuerySet, user, *roles: str, field: str = "organisation") -> QuerySet:
    """Restricts a queryset to objects of organisations where the user holds one of `roles`."""
    if is_admin(user):
        return queryset
    return queryset.filter(**{f"{field}__in": organisation_ids(user, *roles)})


# Rules of the accounts app itself.
@rule("accounts.view_audit_log")
def _view_audit_log(user, organisation) -> bool:
    return organisation is not None and has_role(user, organisation, Role.GESTIONNAIRE)


@rule("accounts.manage_organisation")
def _manage_organisation(user, organisation) -> bool:
    return organisation is not None and has_role(user, organisation, Role.GESTIONNAIRE)


@rule("accounts.view_organisation")
def _view_organisation(user, organisation) -> bool:
    return organisation is not None and has_role(user, organisation)


@rule("accounts.manage_instance")
def _manage_instance(user, obj) -> bool:
    return False  # instance administrators only (is_admin short-circuits)
