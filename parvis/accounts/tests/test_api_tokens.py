"""API tokens: shown once and stored hashed, scoped per app and access, expiring, revocable, listed with their
last use; Bearer authentication on every endpoint, with rate limits on reads too."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from parvis.accounts.models import ApiToken, Membership
from parvis.accounts.roles import Role
from parvis.accounts.services import tokens
from parvis.api import api


@pytest.fixture
def restricted_dataset(org, partner_org):
    from parvis.catalog.models import Dataset

    dataset = Dataset.objects.create(
        organisation=org,
        title="Fréquentation des médiathèques",
        slug="frequentation",
        access="restricted",
        published=True,
    )
    dataset.shared_with.add(partner_org)
    return dataset


@pytest.fixture
def partner_manager(users, partner_org):
    Membership.objects.filter(user=users["partenaire"]).update(role=Role.GESTIONNAIRE)
    return users["partenaire"]


def bearer(secret: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_a_token_is_shown_once_and_only_its_digest_is_stored(client_as, users):
    client = client_as("citoyen")
    page = client.post("/compte/jetons/", {"name": "Script", "scopes": ["catalog:read"], "days": 30})
    secret = re.search(r'<code class="secret">(parvis_\S+)</code>', page.text).group(1)
    token = ApiToken.objects.get()
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.objects.values().get())
    listing = client.get("/compte/jetons/")
    assert secret not in listing.text and token.prefix in listing.text


def test_an_organisation_token_needs_a_gestionnaire(users, org):
    with pytest.raises(tokens.TokenError, match="Seul un gestionnaire"):
        tokens.create_token(
            user=users["contributeur"], name="x", scopes=["catalog:read"], days=1, organisation=org
        )


def test_a_read_token_of_a_partner_organisation_reads_a_dataset_shared_with_it(
    partner_manager, partner_org, restricted_dataset
):
    created = tokens.create_token(
        user=partner_manager, name="SIG", scopes=["catalog:read"], days=30, organisation=partner_org
    )
    client = bearer(created.secret)
    response = client.get("/api/catalog/datasets/frequentation")
    assert response.status_code == 200
    assert response.json()["title"] == "Fréquentation des médiathèques"
    created.token.refresh_from_db()
    assert created.token.last_used_at is not None
    assert Client().get("/api/catalog/datasets/frequentation").status_code == 404


def test_a_read_token_cannot_write(partner_manager, partner_org, restricted_dataset):
    created = tokens.create_token(user=partner_manager, name="SIG", scopes=["catalog:read"], days=30)
    response = bearer(created.secret).post("/api/catalog/datasets/frequentation/resources/1/versions")
    assert response.status_code == 403
    assert "n'a pas la portée nécessaire (catalog:write)" in response.json()["detail"]


def test_a_revoked_token_stops_working(client_as, users, restricted_dataset):
    created = tokens.create_token(user=users["partenaire"], name="SIG", scopes=["catalog:read"], days=30)
    client_as("partenaire").post(f"/compte/jetons/{created.token.pk}/revoquer/")
    response = bearer(created.secret).get("/api/catalog/datasets")
    assert response.status_code == 401
    assert response.json()["detail"] == "Ce jeton d'accès a été révoqué."


def test_an_expired_token_stops_working(users):
    created = tokens.create_token(user=users["partenaire"], name="SIG", scopes=["catalog:read"], days=1)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = bearer(created.secret).get("/api/catalog/datasets")
    assert response.status_code == 401
    assert "a expiré" in response.json()["detail"]


def test_an_unknown_or_malformed_token_gets_a_french_401(db):
    assert (
        bearer("parvis_nope_nope").get("/api/catalog/datasets").json()["detail"] == "Jeton d'accès inconnu."
    )
    response = Client(headers={"Authorization": "Basic abc"}).get("/api/catalog/datasets")
    assert response.status_code == 401 and "Bearer" in response.json()["detail"]


def test_a_token_in_the_query_string_is_refused_in_french(users):
    created = tokens.create_token(user=users["partenaire"], name="SIG", scopes=["catalog:read"], days=1)
    response = Client().get(f"/api/catalog/datasets?token={created.secret}")
    assert response.status_code == 400
    assert "Ne placez jamais un jeton dans l'adresse" in response.json()["detail"]


def test_a_token_of_another_user_cannot_be_revoked(client_as, users):
    created = tokens.create_token(user=users["partenaire"], name="SIG", scopes=["catalog:read"], days=1)
    assert client_as("citoyen").post(f"/compte/jetons/{created.token.pk}/revoquer/").status_code == 404
    created.token.refresh_from_db()
    assert created.token.revoked_at is None


def test_reads_are_rate_limited_with_ratelimit_headers_and_a_french_429(db, settings):
    settings.PARVIS_API_READ_LIMIT = 3
    client = Client()
    first = client.get("/api/catalog/datasets")
    assert first["RateLimit-Limit"] == "3" and first["RateLimit-Remaining"] == "2"
    assert int(first["RateLimit-Reset"]) <= 60
    for _ in range(2):
        client.get("/api/catalog/datasets")
    response = client.get("/api/catalog/datasets")
    assert response.status_code == 429
    assert response.json()["detail"].startswith("Trop de requêtes : réessayez dans")
    assert response["Retry-After"] and response["RateLimit-Remaining"] == "0"


def test_the_openapi_document_declares_bearer_authentication():
    schema = api.get_openapi_schema()
    assert schema["components"]["securitySchemes"]["BearerToken"] == {"type": "http", "scheme": "bearer"}
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert all({"BearerToken": []} in op["security"] for op in operations)


def every_route():
    """(method, url, app) for every operation of the ninja API, path parameters filled with `1`."""
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            url = "/api/" + re.sub(r"\{[^}]+\}", "1", (prefix + path).lstrip("/"))
            url = url.replace("//", "/")
            app = url.removeprefix("/api/").split("/", 1)[0]
            for operation in path_view.operations:
                for method in operation.methods:
                    yield method, url, app


def test_no_endpoint_accepts_a_token_outside_its_scope(users):
    apps = {app for _, _, app in every_route()}
    assert len(apps) >= 5
    accepted = []
    for method, url, app in every_route():
        others = [f"{other}:write" for other in apps - {app}]
        read_only = [f"{app}:read"]
        for scopes in [others] if method in tokens.READ_METHODS else [others, read_only]:
            secret = tokens.create_token(user=users["admin"], name="t", scopes=scopes, days=1).secret
            response = bearer(secret).generic(method, url)
            if response.status_code != 403 or "portée nécessaire" not in response.json()["detail"]:
                accepted.append((method, url, scopes, response.status_code))
    assert accepted == []
