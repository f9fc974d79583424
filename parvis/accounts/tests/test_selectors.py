import pytest

from parvis.accounts import selectors
from parvis.accounts.roles import Role


@pytest.mark.django_db
def test_organisations_for_a_user_follow_the_roles(users, org, partner_org):
    assert list(selectors.organisations_for(users["gestionnaire"], Role.GESTIONNAIRE)) == [org]
    assert list(selectors.organisations_for(users["contributeur"], Role.GESTIONNAIRE)) == []
    assert list(selectors.organisations_for(users["partenaire"])) == [partner_org]
    assert set(selectors.organisations_for(users["admin"], Role.GESTIONNAIRE)) == {org, partner_org}
    assert list(selectors.organisations_for(users["citoyen"])) == []


@pytest.mark.django_db
def test_member_emails_skip_deactivated_members(users, org):
    users["contributeur"].is_active = False
    users["contributeur"].save()
    assert selectors.member_emails(org.pk) == {"gestionnaire@test.parvis.local"}
    assert selectors.member_emails(org.pk, Role.CONTRIBUTEUR) == set()


@pytest.mark.django_db
def test_lookups_by_slug_and_email(users, org):
    assert selectors.organisation_by_slug("gpsea") == org
    assert selectors.organisation_by_slug("inconnue") is None
    assert selectors.user_by_email("Citoyen@Test.Parvis.Local") == users["citoyen"]
