"""Second factor: TOTP (RFC 6238) with single-use recovery codes, through django-otp.

Decision record: docs/decisions/0006-second-factor-django-otp.md. A login with a confirmed device is two steps:
the password opens a short "pending" state in the session, the code finishes the login.
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from parvis.accounts.services import audit
from parvis.accounts.signals import security_event

RECOVERY_CODES = 10
DEVICE_NAME = "Application d'authentification"


def confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user) -> bool:
    return confirmed_totp(user) is not None


def second_factor_required(user) -> bool:
    """True when the instance requires a second factor for one of the person's roles (PARVIS_2FA_REQUIRED_ROLES)."""
    roles = set(settings.PARVIS_2FA_REQUIRED_ROLES)
    if not roles or not user.is_authenticated:
        return False
    if "admin" in roles and user.is_superuser:
        return True
    return user.memberships.filter(role__in=roles).exists()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (a new secret the first time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_for_manual_entry(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice, label: str) -> str:
    """An inline SVG QR code of the otpauth:// URL (no image request, no script)."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Codes de secours", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def confirm_enrolment(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirms the device when `code` is right; returns the recovery codes (shown once) or None."""
    if not device.verify_token(code.strip().replace(" ", "")):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(request.user)
    otp_login(request, device)
    audit(actor=request.user, action="accounts.otp.enable", target=request.user, request=request)
    security_event.send(sender=None, user=request.user, kind="security.two_factor_enabled")
    return codes


def verify_login_code(user, code: str):
    """The device that accepts `code` (TOTP, or a recovery code, which is then spent), or None.

    A TOTP code is refused when replayed (django-otp remembers the last time step used); a recovery code is
    deleted when used, so it never works twice."""
    code = code.strip().replace(" ", "").lower()
    if not code:
        return None
    totp = confirmed_totp(user)
    if totp is not None and code.isdigit() and totp.verify_token(code):
        return totp
    recovery = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if recovery is not None and recovery.verify_token(code):
        audit(actor=user, action="accounts.otp.recovery_used", target=user)
        security_event.send(
            sender=None,
            user=user,
            kind="security.recovery_code_used",
            context={"remaining": remaining_recovery_codes(user)},
        )
        return recovery
    return None


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def regenerate_recovery_codes(request) -> list[str]:
    audit(actor=request.user, action="accounts.otp.recovery_regenerate", target=request.user, request=request)
    return _new_recovery_codes(request.user)


@transaction.atomic
def disable(request) -> None:
    TOTPDevice.objects.filter(user=request.user).delete()
    StaticDevice.objects.filter(user=request.user).delete()
    audit(actor=request.user, action="accounts.otp.disable", target=request.user, request=request)
    security_event.send(sender=None, user=request.user, kind="security.two_factor_disabled")
