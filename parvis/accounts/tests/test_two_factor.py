"""Second factor: TOTP enrolment, login in two steps, recovery codes that work once, roles that require it."""

import html
import re
import time

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from parvis.accounts.models import AuditEvent

LOGIN = "/compte/connexion/"
CODE = "/compte/connexion/code/"
TWO_FACTOR = "/compte/double-authentification/"
PASSWORD = "motdepasse-de-test"


def text(response) -> str:
    return html.unescape(response.content.decode())


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def enrol(client) -> tuple[TOTPDevice, list[str]]:
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(confirmed=False)
    page = client.post(TWO_FACTOR, {"code": code_for(device)})
    codes = re.findall(r"<li><code>(\w+)</code></li>", page.text)
    device.refresh_from_db()
    return device, codes


@pytest.fixture
def enrolled(client_as):
    device, codes = enrol(client_as("gestionnaire"))
    return device, codes


def password_step(email="gestionnaire@test.parvis.local") -> Client:
    client = Client()
    response = client.post(LOGIN, {"username": email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == CODE
    return client


def test_enrolment_shows_a_qr_code_and_a_manual_key(client_as):
    page = client_as("gestionnaire").get(TWO_FACTOR)
    assert '<svg role="img" aria-label="Code QR' in text(page)
    assert "Clé à saisir à la main" in text(page)


def test_enrolment_confirms_the_device_and_shows_ten_recovery_codes_once(client_as, users):
    client = client_as("gestionnaire")
    device, codes = enrol(client)
    assert device.confirmed is True
    assert len(codes) == 10
    assert AuditEvent.objects.filter(action="accounts.otp.enable", actor=users["gestionnaire"]).exists()
    assert not any(code in client.get(TWO_FACTOR).text for code in codes)


def test_a_wrong_enrolment_code_enables_nothing(client_as):
    client = client_as("gestionnaire")
    client.get(TWO_FACTOR)
    page = client.post(TWO_FACTOR, {"code": "000000"})
    assert "Code incorrect" in text(page)
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_the_password_alone_does_not_log_in_once_a_device_is_enrolled(enrolled):
    client = password_step()
    assert client.get("/compte/").status_code == 302  # still anonymous


def test_login_with_password_then_code(enrolled):
    device, _ = enrolled
    client = password_step()
    response = client.post(CODE, {"code": code_for(device, offset=1)})
    assert response.status_code == 302
    assert client.get("/compte/").status_code == 200


def test_a_wrong_code_gives_a_french_message_and_grants_nothing(enrolled):
    client = password_step()
    page = client.post(CODE, {"code": "123456"})
    assert "Code incorrect, expiré ou déjà utilisé. Aucun accès n'a été accordé." in text(page)
    assert client.get("/compte/").status_code == 302


def test_a_totp_code_cannot_be_replayed(enrolled):
    device, _ = enrolled
    code = code_for(device, offset=1)
    first = password_step()
    assert first.post(CODE, {"code": code}).status_code == 302
    second = password_step()
    page = second.post(CODE, {"code": code})
    assert "déjà utilisé" in text(page)
    assert second.get("/compte/").status_code == 302


def test_a_recovery_code_works_once_and_its_replay_is_refused(enrolled, users):
    _, codes = enrolled
    first = password_step()
    assert first.post(CODE, {"code": codes[0]}).status_code == 302
    assert "Il vous en reste 9" in text(first.get("/compte/"))
    assert AuditEvent.objects.filter(action="accounts.otp.recovery_used").exists()
    replay = password_step()
    page = replay.post(CODE, {"code": codes[0]})
    assert "Code incorrect, expiré ou déjà utilisé" in text(page)
    assert replay.get("/compte/").status_code == 302


def test_five_wrong_codes_send_back_to_the_password(enrolled):
    client = password_step()
    for _ in range(4):
        client.post(CODE, {"code": "000000"})
    response = client.post(CODE, {"code": "000000"}, follow=True)
    assert "Trop de codes erronés" in text(response)
    assert client.get(CODE).status_code == 302


def test_the_code_step_expires(enrolled, monkeypatch):
    client = password_step()
    later = time.time() + 301
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post(CODE, {"code": "000000"}, follow=True)
    assert "Votre session de connexion a expiré" in text(response)


def test_disabling_needs_a_valid_code(enrolled, users, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp otherwise waits 1 s after the wrong code below
    device, _ = enrolled
    client = Client()
    client.force_login(users["gestionnaire"])
    page = client.post(TWO_FACTOR, {"code": "000000", "action": "disable"})
    assert "rien n'a été modifié" in text(page)
    assert TOTPDevice.objects.filter(confirmed=True).exists()
    client.post(TWO_FACTOR, {"code": code_for(device, offset=1), "action": "disable"})
    assert not TOTPDevice.objects.exists()


def test_a_role_that_requires_the_second_factor_must_enrol_before_anything_else(client_as, settings):
    settings.PARVIS_2FA_REQUIRED_ROLES = ["gestionnaire"]
    gestionnaire = client_as("gestionnaire")
    response = gestionnaire.get("/donnees/")
    assert response.status_code == 302 and response["Location"] == TWO_FACTOR
    assert gestionnaire.get("/api/accounts/me").status_code == 403
    assert client_as("citoyen").get("/donnees/").status_code == 200
    device, _ = enrol(gestionnaire)
    assert gestionnaire.get("/donnees/").status_code == 200


def test_the_person_is_mailed_when_the_second_factor_changes_or_a_recovery_code_is_used(enrolled):
    from parvis.accounts.models import OutboxMessage

    _, codes = enrolled
    password_step().post(CODE, {"code": codes[0]})
    kinds = list(OutboxMessage.objects.order_by("created_at").values_list("kind", flat=True))
    assert kinds == ["security.two_factor_enabled", "security.recovery_code_used"]
    assert "Il reste 9 code(s)" in OutboxMessage.objects.get(kind="security.recovery_code_used").body_text
