import pytest
from django.core import mail
from django.test import Client

from parvis.accounts.models import AuditEvent

LOGIN = "/compte/connexion/"


def _login(client, email, password):
    return client.post(LOGIN, {"username": email, "password": password})


@pytest.mark.django_db
def test_a_user_logs_in_with_email_and_password(client, users):
    response = _login(client, "Gestionnaire@Test.Parvis.Local", "motdepasse-de-test")
    assert response.status_code == 302
    assert client.get("/compte/").status_code == 200


def test_passwords_are_hashed_with_argon2_outside_tests():
    from parvis import settings as parvis_settings

    production_hashers = [h for h in parvis_settings.PASSWORD_HASHERS if "MD5" not in h]
    assert production_hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.django_db
def test_a_wrong_password_gives_a_french_message(client, users):
    response = _login(client, "gestionnaire@test.parvis.local", "mauvais")
    assert response.status_code == 200
    assert "mot de passe incorrect" in response.text


def _login_from(address, email, password):
    return Client(REMOTE_ADDR=address).post(LOGIN, {"username": email, "password": password})


@pytest.mark.django_db
def test_repeated_wrong_passwords_slow_down_that_address_with_a_clear_message(client, users):
    for _ in range(6):
        response = _login(client, "gestionnaire@test.parvis.local", "mauvais")
    assert "Trop de tentatives de connexion échouées depuis cette connexion : réessayez dans" in response.text
    response = _login(client, "gestionnaire@test.parvis.local", "motdepasse-de-test")
    assert response.status_code == 200, "the right password is not even checked during the delay"
    assert AuditEvent.objects.filter(action="accounts.user.login_throttled").exists()


@pytest.mark.django_db
def test_an_attacker_cannot_lock_someone_else_out(users):
    for _ in range(20):
        _login_from("203.0.113.9", "gestionnaire@test.parvis.local", "mauvais")
    owner = _login_from("198.51.100.7", "gestionnaire@test.parvis.local", "motdepasse-de-test")
    assert owner.status_code == 302


@pytest.mark.django_db
def test_one_address_failing_on_many_accounts_is_throttled(users, settings):
    settings.PARVIS_LOGIN_MAX_FAILURES_PER_ADDRESS = 4
    for n in range(4):
        _login_from("203.0.113.9", f"personne{n}@example.org", "mauvais")
    response = _login_from("203.0.113.9", "citoyen@test.parvis.local", "motdepasse-de-test")
    assert response.status_code == 200 and "réessayez dans" in response.text
    assert _login_from("198.51.100.7", "citoyen@test.parvis.local", "motdepasse-de-test").status_code == 302


@pytest.mark.django_db
def test_the_delay_expires(client, users, settings):
    settings.PARVIS_LOGIN_LOCKOUT_MINUTES = 0
    for _ in range(6):
        _login(client, "gestionnaire@test.parvis.local", "mauvais")
    assert _login(client, "gestionnaire@test.parvis.local", "motdepasse-de-test").status_code == 302


@pytest.mark.django_db
def test_a_forged_csrf_token_gets_a_french_403(users):
    client = Client(enforce_csrf_checks=True)
    client.get(LOGIN)
    response = client.post(
        LOGIN,
        {
            "username": "gestionnaire@test.parvis.local",
            "password": "motdepasse-de-test",
            "csrfmiddlewaretoken": "forge",
        },
    )
    assert response.status_code == 403
    assert "Formulaire expiré ou invalide" in response.text


@pytest.mark.django_db
def test_logout_needs_a_post(client_as):
    client = client_as("citoyen")
    assert client.get("/compte/deconnexion/").status_code == 405
    assert client.post("/compte/deconnexion/").status_code == 302
    assert client.get("/compte/").status_code == 302


@pytest.mark.django_db
def test_password_reset_sends_a_french_email_with_a_working_link(client, users):
    client.post("/compte/mot-de-passe/", {"email": "citoyen@test.parvis.local"})
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "nouveau mot de passe" in body
    link = next(word for word in body.split() if "/compte/mot-de-passe/" in word)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert "Choisir un nouveau mot de passe" in form_page.text
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "un-nouveau-secret-2026", "new_password2": "un-nouveau-secret-2026"},
    )
    assert response.status_code == 302
    assert _login(Client(), "citoyen@test.parvis.local", "un-nouveau-secret-2026").status_code == 302


@pytest.mark.django_db
def test_session_cookie_is_secure_and_http_only():
    from parvis import settings as parvis_settings

    assert parvis_settings.SESSION_COOKIE_HTTPONLY is True
    assert parvis_settings.SESSION_COOKIE_SECURE is True
    assert parvis_settings.CSRF_COOKIE_SECURE is True


@pytest.mark.django_db
def test_a_password_reset_is_audited_and_mailed_to_the_person(client, users):
    from parvis.accounts.models import OutboxMessage

    client.post("/compte/mot-de-passe/", {"email": "citoyen@test.parvis.local"})
    link = next(word for word in mail.outbox[0].body.split() if "/compte/mot-de-passe/" in word)
    form_page = client.get(link.split("testserver", 1)[1], follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "un-nouveau-secret-2026", "new_password2": "un-nouveau-secret-2026"},
    )
    assert OutboxMessage.objects.filter(kind="security.password_changed", user=users["citoyen"]).exists()
    assert AuditEvent.objects.filter(action="accounts.user.password_reset").exists()
