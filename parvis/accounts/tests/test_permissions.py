"""Every accounts view, for every role: who may see, who is sent to log in, who is refused."""

import pytest

from parvis.accounts import policy

ALL_ROLES = ["anonyme", "citoyen", "partenaire", "contributeur", "gestionnaire", "admin"]

# url -> roles allowed (200); anonymous users are redirected to the login page; others get 403.
MATRIX = {
    "/compte/": ["citoyen", "partenaire", "contributeur", "gestionnaire", "admin"],
    "/compte/mes-donnees/": ["citoyen", "partenaire", "contributeur", "gestionnaire", "admin"],
    "/compte/supprimer/": ["citoyen", "partenaire", "contributeur", "gestionnaire", "admin"],
    "/compte/journal/": ["admin"],
    "/compte/organisations/gpsea/": ["contributeur", "gestionnaire", "admin"],
    "/compte/organisations/gpsea/journal/": ["gestionnaire", "admin"],
    "/compte/organisations/mediatheques/": ["partenaire", "admin"],
    "/compte/notifications/": ["citoyen", "partenaire", "contributeur", "gestionnaire", "admin"],
    "/compte/journal/export.csv": ["admin"],
    "/compte/organisations/gpsea/journal/export.csv": ["gestionnaire", "admin"],
    "/compte/organisations/gpsea/modifier/": ["gestionnaire", "admin"],
    "/compte/organisations/mediatheques/modifier/": ["admin"],
    "/compte/admin/organisations/": ["admin"],
    "/compte/admin/organisations/nouvelle/": ["admin"],
    "/compte/admin/utilisateurs/": ["admin"],
    "/compte/admin/reglages/": ["admin"],
    "/compte/admin/courriels/": ["admin"],
}

# POST-only actions: url -> (data, roles allowed to act). Others are refused (403) or sent to log in.
ACTIONS = {
    "/compte/admin/organisations/nouvelle/": (
        {"name": "Commune de Noiseau", "kind": "collectivite"},
        ["admin"],
    ),
    "/compte/organisations/gpsea/inviter/": (
        {"invite-email": "nouveau@exemple.fr", "invite-role": "contributeur"},
        ["gestionnaire", "admin"],
    ),
    "/compte/organisations/gpsea/modifier/": (
        {"name": "GPSEA", "kind": "collectivite"},
        ["gestionnaire", "admin"],
    ),
    "/compte/admin/reglages/": ({"site_name": "Noiseau"}, ["admin"]),
}


@pytest.mark.django_db
@pytest.mark.parametrize("url", MATRIX)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_accounts_pages_per_role(client_as, url, role):
    response = client_as(role).get(url)
    if role in MATRIX[url]:
        assert response.status_code == 200
    elif role == "anonyme":
        assert response.status_code == 302
        assert response["Location"].startswith("/compte/connexion/")
    else:
        assert response.status_code == 403
        assert "Accès refusé" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_gestionnaire_or_admin_adds_members(client_as, users, role):
    response = client_as(role).post(
        "/compte/organisations/gpsea/", {"email": "citoyen@test.parvis.local", "role": "contributeur"}
    )
    added = users["citoyen"].memberships.filter(organisation__slug="gpsea").exists()
    assert added is (role in ("gestionnaire", "admin"))
    if role not in ("gestionnaire", "admin"):
        assert response.status_code in (302, 403)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_gestionnaire_or_admin_removes_members(client_as, users, role):
    membership = users["contributeur"].memberships.get()
    client_as(role).post(f"/compte/organisations/gpsea/membres/{membership.pk}/retirer/")
    still_there = users["contributeur"].memberships.exists()
    assert still_there is (role not in ("gestionnaire", "admin"))


@pytest.mark.django_db
def test_api_me_describes_the_roles(client_as):
    data = client_as("gestionnaire").get("/api/accounts/me").json()
    assert data["memberships"] == [
        {"organisation": "Grand Paris Sud Est Avenir", "slug": "gpsea", "role": "gestionnaire"}
    ]
    assert client_as("anonyme").get("/api/accounts/me").json() == {
        "authenticated": False,
        "email": None,
        "is_admin": False,
        "memberships": [],
    }


@pytest.mark.django_db
def test_an_unregistered_permission_is_refused(users):
    assert policy.can(users["gestionnaire"], "nobody.registered_this") is False
    assert policy.can(users["admin"], "nobody.registered_this") is True


@pytest.mark.django_db
def test_a_deactivated_member_loses_its_rights(users, org):
    users["gestionnaire"].is_active = False
    assert policy.can(users["gestionnaire"], "accounts.manage_organisation", org) is False


@pytest.mark.django_db
@pytest.mark.parametrize("url", ACTIONS)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_administration_actions_per_role(client_as, url, role):
    from parvis.accounts.models import AuditEvent

    data, allowed = ACTIONS[url]
    response = client_as(role).post(url, data)
    acted = AuditEvent.objects.exists()
    if role in allowed:
        assert response.status_code == 302 and acted
    else:
        assert response.status_code in (302, 403) and not acted
        if role == "anonyme":
            assert response["Location"].startswith("/compte/connexion/")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_admin_deactivates_accounts(client_as, users, role):
    client_as(role).post(f"/compte/admin/utilisateurs/{users['citoyen'].pk}/activation/", {"active": "0"})
    users["citoyen"].refresh_from_db()
    assert users["citoyen"].is_active is (role != "admin")
