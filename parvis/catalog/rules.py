"""Permissions of the catalogue, registered in ``parvis.accounts.policy``.

- ``catalog.view_dataset``: everybody for a published public dataset; any member of the owning
  organisation; members of a partner organisation named in ``shared_with`` for a published
  restricted dataset. Nobody else, anonymous users included.
- ``catalog.add_dataset`` (obj: an organisation, or None for "some organisation"),
  ``catalog.change_dataset`` (edit, import, attach a schema, rollback): gestionnaire or
  contributeur of the owning organisation.
- ``catalog.publish_dataset``, ``catalog.delete_dataset``: gestionnaire of the owning organisation.
"""

from parvis.accounts import policy
from parvis.accounts.roles import EDITOR_ROLES, Role
from parvis.catalog.models import Access


@policy.rule("catalog.view_dataset")
def can_view(user, dataset) -> bool:
    if dataset is None:
        return False
    if dataset.is_open:
        return True
    orgs = policy.organisation_ids(user)
    if not orgs:
        return False
    if dataset.organisation_id in orgs:
        return True
    if dataset.published and dataset.access == Access.RESTRICTED:
        return dataset.shared_with.filter(pk__in=orgs).exists()
    return False


@policy.rule("catalog.add_dataset")
def can_add(user, organisation) -> bool:
    if organisation is None:
        return bool(policy.organisation_ids(user, *EDITOR_ROLES))
    return policy.has_role(user, organisation, *EDITOR_ROLES)


@policy.rule("catalog.change_dataset")
def can_change(user, dataset) -> bool:
    return dataset is not None and policy.has_role(user, dataset.organisation_id, *EDITOR_ROLES)


@policy.rule("catalog.publish_dataset")
def can_publish(user, dataset) -> bool:
    return dataset is not None and policy.has_role(user, dataset.organisation_id, Role.GESTIONNAIRE)


@policy.rule("catalog.delete_dataset")
def can_delete(user, dataset) -> bool:
    return dataset is not None and policy.has_role(user, dataset.organisation_id, Role.GESTIONNAIRE)


@policy.rule("catalog.review_correction")
def can_review_correction(user, dataset) -> bool:
    """Corrections proposed on a dataset's rows: the editors of the owning organisation, who can also import."""
    return can_change(user, dataset)
