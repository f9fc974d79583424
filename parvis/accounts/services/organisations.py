"""Organisations edited from the administration pages: identity, SIRET, logo."""

from django.db import transaction

from parvis.accounts.models import Organisation
from parvis.accounts.services import audit
from parvis.core.lib.slugs import unique_slug
from parvis.core.services import store_image

EDITABLE = ("name", "kind", "siret", "territory_code")


@transaction.atomic
def save_organisation(*, values: dict, actor, organisation=None, logo=None, request=None) -> Organisation:
    """Creates (no `organisation`) or updates one; every change is audited with the fields it touched."""
    creating = organisation is None
    if creating:
        organisation = Organisation(
            slug=unique_slug(
                values["name"],
                lambda slug: Organisation.objects.filter(slug=slug).exists(),
                fallback="organisation",
                max_length=70,
            )
        )
    changed = [
        field for field in EDITABLE if field in values and getattr(organisation, field) != values[field]
    ]
    for field in changed:
        setattr(organisation, field, values[field])
    if values.get("siret"):
        organisation.siren = values["siret"][:9]
    if logo is not None:
        organisation.logo = store_image(logo, f"organisations/{organisation.slug}")
        changed.append("logo")
    if not (creating or changed):
        return organisation
    organisation.save()
    audit(
        actor=actor,
        action="accounts.organisation.create" if creating else "accounts.organisation.update",
        target=organisation,
        organisation=organisation,
        details={"champs": changed},
        request=request,
    )
    return organisation
