import re

import pytest
from django.core import mail

from parvis.accounts.models import User


@pytest.mark.django_db
def test_a_resident_signs_up_and_confirms_the_email(client):
    response = client.post(
        "/compte/inscription/",
        {
            "email": "Habitant@Example.org",
            "display_name": "Léa",
            "postcode": "94000",
            "password": "une-phrase-assez-longue",
        },
    )
    assert response.status_code == 200 and "Vérifiez votre messagerie" in response.text
    user = User.objects.get(email="habitant@example.org")
    assert user.email_verified is False
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    client.get(link)
    user.refresh_from_db()
    assert user.email_verified is True


@pytest.mark.django_db
def test_signup_explains_each_problem_in_french(client):
    response = client.post(
        "/compte/inscription/", {"email": "nouveau@example.org", "postcode": "9400", "password": "1234"}
    )
    assert response.status_code == 200
    assert "Le code postal doit comporter 5 chiffres." in response.text


def same_page(page: str, email: str) -> str:
    """The page without what differs by design: the address typed, the CSP nonce and the CSRF token (masked
    anew on every page, here in the header's language switch)."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.replace(email, "@"))
    return re.sub(r'nonce="[^"]+"', "", page)


@pytest.mark.django_db
def test_signup_does_not_reveal_that_an_account_exists(client, users):
    fields = {"display_name": "X", "postcode": "94000", "password": "une-phrase-assez-longue"}
    existing = client.post("/compte/inscription/", {"email": "citoyen@test.parvis.local", **fields})
    new = client.post("/compte/inscription/", {"email": "inconnu@example.org", **fields})
    assert existing.status_code == new.status_code == 200
    assert same_page(existing.text, "citoyen@test.parvis.local") == same_page(new.text, "inconnu@example.org")
    assert User.objects.get(email="citoyen@test.parvis.local").check_password("motdepasse-de-test")
    assert [m.subject for m in mail.outbox] == [
        "Votre compte existe déjà",
        "Confirmez votre adresse électronique",
    ]


@pytest.mark.django_db
def test_a_tampered_verification_link_is_refused(client):
    response = client.get("/compte/verifier/pas-un-jeton/")
    assert response.status_code == 400
    assert "invalide ou expiré" in response.text
