"""Single sign-on against a real OpenID Connect provider process (django-oauth-toolkit in OIDC mode, see
``oidc_provider/``): login, eIDAS level asked and checked, logout at the provider, linking by `sub`, SIRET →
organisation; a forged `state` and an unverified e-mail grant nothing."""

import html
import json
import os
import socket
import subprocess
import sys
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client

from parvis.accounts.models import AuditEvent, ExternalIdentity, Membership, User

PASSWORD = "secret-du-fournisseur"
CLIENT_ID, CLIENT_SECRET = "parvis-test", "secret-client-de-test"
RP = "http://testserver"


class Provider:
    def __init__(self, base: str, claims_file):
        self.base, self.claims_file = base, claims_file

    def set_claims(self, **claims) -> None:
        self.claims_file.write_text(json.dumps(claims))


@pytest.fixture(scope="module")
def oidc_provider(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc-provider")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "OIDC_TEST_DB": str(folder / "provider.sqlite3"),
        "OIDC_TEST_KEY": str(folder / "key.pem"),
        "OIDC_TEST_ISSUER": f"{base}/o",
        "OIDC_TEST_CLAIMS": str(folder / "claims.json"),
        "OIDC_TEST_PORT": str(port),
        "OIDC_TEST_PASSWORD": PASSWORD,
        "OIDC_TEST_CLIENT_ID": CLIENT_ID,
        "OIDC_TEST_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_TEST_REDIRECT_URIS": f"{RP}/compte/connexion/proconnect/retour/",
        "OIDC_TEST_POST_LOGOUT_URIS": f"{RP}/",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "parvis.accounts.tests.oidc_provider.serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    ready = process.stdout.readline().strip()
    if ready != "ready":
        process.kill()
        pytest.fail(f"le fournisseur OIDC de test n'a pas démarré : {process.stderr.read()[-2000:]}")
    provider = Provider(base, folder / "claims.json")
    yield provider
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def proconnect(oidc_provider, settings, db):
    oidc_provider.set_claims(
        sub="agent-42",
        email="agent@gpsea.fr",
        email_verified=True,
        given_name="Camille",
        usual_name="Martin",
        siret="20005800600015",
        uid="42",
    )
    settings.PARVIS_OIDC_PROVIDERS = {
        "proconnect": {
            "label": "ProConnect",
            "discovery_url": f"{oidc_provider.base}/o/.well-known/openid-configuration",
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "scopes": "openid email given_name usual_name siret uid",
            "acr_values": ["eidas1"],
            "prompt": "login",
            "trust_email_verified": False,
            "siret_role": "contributeur",
        }
    }
    return oidc_provider


def sign_in(client: Client, provider: Provider, browser: requests.Session | None = None):
    """Clicks « Se connecter avec ProConnect », signs in at the provider, comes back; returns the last response
    of Parvis and the URL the provider was first asked (to read what was requested)."""
    browser = browser or requests.Session()
    start = client.get("/compte/connexion/proconnect/")
    assert start.status_code == 302, start.content
    asked = start["Location"]
    location = asked
    while not location.startswith(RP):
        response = browser.get(location, allow_redirects=False, timeout=10)
        if urlparse(response.headers.get("Location", "")).path == "/login/":
            login_url = urljoin(provider.base, response.headers["Location"])
            response = browser.post(
                login_url, data={"username": "agent", "password": PASSWORD}, allow_redirects=False
            )
        location = urljoin(location, response.headers["Location"])
    return client.get(location.removeprefix(RP)), asked


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_login_with_the_provider_creates_the_account_linked_by_sub(proconnect):
    client = Client()
    response, asked = sign_in(client, proconnect)
    assert response.status_code == 302 and response["Location"] == "/compte/"
    user = User.objects.get(email="agent@gpsea.fr")
    assert user.display_name == "Camille Martin"
    assert user.email_verified is False, "email_verified is not trusted by default"
    assert ExternalIdentity.objects.get(provider="proconnect").subject == "agent-42"
    assert client.get("/compte/").status_code == 200
    query = parse_qs(urlparse(asked).query)
    assert query["scope"] == ["openid email given_name usual_name siret uid"]
    assert query["acr_values"] == ["eidas1"] and query["prompt"] == ["login"]
    assert query["code_challenge_method"] == ["S256"]


def test_the_login_page_offers_the_provider(proconnect):
    assert "Se connecter avec ProConnect" in text(Client().get("/compte/connexion/"))


def test_an_acr_below_the_level_asked_is_refused(proconnect):
    proconnect.set_claims(sub="agent-42", email="agent@gpsea.fr", acr="eidas0")
    client = Client()
    response, _ = sign_in(client, proconnect)
    assert response.status_code == 400
    assert "niveau de garantie de l'identité fourni (eidas0) est insuffisant" in text(response)
    assert client.get("/compte/").status_code == 302
    assert not User.objects.filter(email="agent@gpsea.fr").exists()


def test_the_same_sub_finds_the_same_account_even_with_a_new_email(proconnect):
    sign_in(Client(), proconnect)
    proconnect.set_claims(sub="agent-42", email="camille.martin@gpsea.fr", email_verified=True)
    client = Client()
    sign_in(client, proconnect)
    assert User.objects.count() == 1
    assert client.get("/compte/").context["user"].email == "agent@gpsea.fr"


def test_an_existing_account_is_never_taken_over_by_email(proconnect, users):
    proconnect.set_claims(sub="someone-else", email="gestionnaire@test.parvis.local", email_verified=True)
    client = Client()
    response, _ = sign_in(client, proconnect)
    assert response.status_code == 400
    assert "Un compte Parvis existe déjà avec cette adresse" in text(response)
    assert client.get("/compte/").status_code == 302
    assert not ExternalIdentity.objects.exists()


def test_a_signed_in_person_links_the_provider_to_their_account(proconnect, users):
    proconnect.set_claims(sub="gest-7", email="autre@gpsea.fr", email_verified=True)
    client = Client()
    client.force_login(users["gestionnaire"])
    sign_in(client, proconnect)
    assert ExternalIdentity.objects.get(subject="gest-7").user == users["gestionnaire"]
    assert AuditEvent.objects.filter(action="accounts.oidc.link", actor=users["gestionnaire"]).exists()


def test_an_unverified_email_grants_nothing(proconnect):
    proconnect.set_claims(sub="new-1", email="nouveau@gpsea.fr", email_verified=False)
    client = Client()
    response, _ = sign_in(client, proconnect)
    assert response.status_code == 400
    assert "n'a pas vérifié votre adresse électronique" in text(response)
    assert not User.objects.filter(email="nouveau@gpsea.fr").exists()
    assert client.get("/compte/").status_code == 302


def test_a_forged_or_replayed_state_grants_nothing(proconnect):
    client = Client()
    response = client.get("/compte/connexion/proconnect/retour/?code=abc&state=forged")
    assert response.status_code == 400
    assert "paramètre « state » inconnu ou déjà utilisé" in text(response)
    client.get("/compte/connexion/proconnect/")
    response = client.get("/compte/connexion/proconnect/retour/?code=abc&state=forged")
    assert response.status_code == 400
    assert client.get("/compte/").status_code == 302


def test_the_siret_claim_makes_the_agent_a_member_of_the_matching_organisation(proconnect, org):
    org.siret = "20005800600015"
    org.save()
    sign_in(Client(), proconnect)
    membership = Membership.objects.get(user__email="agent@gpsea.fr")
    assert membership.organisation == org and membership.role == "contributeur"


def test_an_unknown_siret_gives_no_membership(proconnect, org):
    sign_in(Client(), proconnect)
    assert not Membership.objects.filter(user__email="agent@gpsea.fr").exists()


def test_logout_also_ends_the_session_at_the_provider(proconnect):
    client, browser = Client(), requests.Session()
    sign_in(client, proconnect, browser)
    assert browser.get(f"{proconnect.base}/whoami/", timeout=10).text == "agent"
    response = client.post("/compte/deconnexion/")
    assert response["Location"].startswith(f"{proconnect.base}/o/logout/")
    assert "id_token_hint" in parse_qs(urlparse(response["Location"]).query)
    back = browser.get(response["Location"], allow_redirects=False, timeout=10)
    assert back.status_code == 302 and back.headers["Location"].startswith(f"{RP}/")
    assert browser.get(f"{proconnect.base}/whoami/", timeout=10).text == "anonyme"
    assert client.get("/compte/").status_code == 302
