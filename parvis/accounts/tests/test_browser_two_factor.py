"""A gestionnaire enrols TOTP and logs in with it, in a real browser; wrong and replayed codes grant nothing."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import assert_no_axe_violations, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_for(device, drift=0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def password_step(page):
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill("gestionnaire@test.parvis.local")
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/compte/connexion/code/")


def give_code(page, code):
    page.get_by_label("Code à usage unique").fill(code)
    page.get_by_role("button", name="Valider le code").click()


def log_out(page):
    page.get_by_role("button", name="Se déconnecter").click()


def test_a_gestionnaire_enrols_totp_and_logs_in_with_it(browser_page, users, settings):
    # The wrong codes below would otherwise delay the right ones by 1 s: a wrong code counts against both the
    # TOTP device and the recovery codes, and a fast machine gives a recovery code within that second.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    page = browser_page
    log_in(page, "gestionnaire@test.parvis.local")
    page.get_by_role("link", name="Double authentification").click()
    assert page.get_by_role(
        "img", name="Code QR à scanner avec votre application d'authentification"
    ).is_visible()
    assert_no_axe_violations(page)
    device = TOTPDevice.objects.get(user=users["gestionnaire"], confirmed=False)
    page.get_by_label("Code à usage unique").fill("000000")
    page.get_by_role("button", name="Activer la double authentification").click()
    assert "Code incorrect" in page.inner_text("main")
    page.get_by_label("Code à usage unique").fill(code_for(device))
    page.get_by_role("button", name="Activer la double authentification").click()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert_no_axe_violations(page)
    log_out(page)

    password_step(page)
    assert_no_axe_violations(page)
    give_code(page, "123456")
    assert "Code incorrect, expiré ou déjà utilisé. Aucun accès n'a été accordé." in page.inner_text("main")
    assert page.request.get("/compte/", max_redirects=0).status == 302
    give_code(page, code_for(device, drift=1))
    page.wait_for_url("**/compte/")
    log_out(page)

    password_step(page)
    give_code(page, codes[0])
    page.wait_for_url("**/compte/")
    assert "Il vous en reste 9" in page.inner_text("main")
    log_out(page)
    password_step(page)
    give_code(page, codes[0])
    assert "Code incorrect, expiré ou déjà utilisé" in page.inner_text("main")
    assert page.request.get("/compte/", max_redirects=0).status == 302
