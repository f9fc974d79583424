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
    assert response.status_code == 302
    user = User.objects.get(email="habitant@example.org")
    assert user.email_verified is False
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    client.get(link)
    user.refresh_from_db()
    assert user.email_verified is True


@pytest.mark.django_db
def test_signup_explains_each_problem_in_french(client, users):
    response = client.post(
        "/compte/inscription/", {"email": "citoyen@test.parvis.local", "postcode": "9400", "password": "1234"}
    )
    assert response.status_code == 200
    assert "Un compte existe déjà avec cette adresse." in response.text
    assert "Le code postal doit comporter 5 chiffres." in response.text


@pytest.mark.django_db
def test_a_tampered_verification_link_is_refused(client):
    response = client.get("/compte/verifier/pas-un-jeton/")
    assert response.status_code == 400
    assert "invalide ou expiré" in response.text
