"""Reads other modules need about organisations and people; they never query accounts models themselves."""

from django.db.models import QuerySet

from parvis.accounts import policy
from parvis.accounts.models import Membership, Organisation, User


def organisations_for(user, *roles: str) -> QuerySet[Organisation]:
    """Organisations where `user` holds one of `roles` (any role when none given); all of them for an admin."""
    return policy.filter_organisations(Organisation.objects.all(), user, *roles, field="pk").order_by("name")


def organisation_by_slug(slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first()


def organisation_by_pk(pk) -> Organisation | None:
    return Organisation.objects.filter(pk=pk).first()


def user_by_email(email: str) -> User | None:
    return User.objects.filter(email=email.lower()).first()


def member_emails(organisation_id: int, *roles: str) -> set[str]:
    """E-mail addresses of the active members of an organisation (with one of `roles` when given)."""
    members = Membership.objects.filter(organisation_id=organisation_id, user__is_active=True)
    if roles:
        members = members.filter(role__in=roles)
    return set(members.values_list("user__email", flat=True))


def organisations() -> QuerySet[Organisation]:
    """Every organisation, for the choices of forms and the filters of other apps."""
    return Organisation.objects.all()
