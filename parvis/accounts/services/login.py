"""Login throttling that nobody can turn against someone else.

A hard lock by account alone lets anyone lock any account with a few wrong passwords. Instead:
- one address (IP) that fails too often within the window is refused for the rest of it, whatever the account;
- one account tried from one address gets progressive delays (1 s, 2 s, 4 s… up to the window) after a few
  failures; the same account from another address (its owner's) is not slowed by the attacker's failures.
Failures are rows in the database, so every node of a cluster agrees.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from parvis.accounts.models import LoginFailure, User
from parvis.accounts.services import audit, client_ip


def _window_start():
    return timezone.now() - timedelta(minutes=settings.PARVIS_LOGIN_LOCKOUT_MINUTES)


def seconds_to_wait(email: str, request) -> int:
    """0 when a login attempt for `email` from this request's address may be checked now; else the wait."""
    ip = client_ip(request)
    window_end_seconds = settings.PARVIS_LOGIN_LOCKOUT_MINUTES * 60
    from_address = LoginFailure.objects.filter(ip_address=ip, created_at__gte=_window_start())
    if from_address.count() >= settings.PARVIS_LOGIN_MAX_FAILURES_PER_ADDRESS:
        oldest = from_address.order_by("created_at").values_list("created_at", flat=True).first()
        return _remaining(oldest, window_end_seconds)
    pair = from_address.filter(email=email.lower())
    failures = pair.count()
    if failures < settings.PARVIS_LOGIN_MAX_FAILURES:
        return 0
    delay = min(2 ** (failures - settings.PARVIS_LOGIN_MAX_FAILURES), window_end_seconds)
    latest = pair.order_by("-created_at").values_list("created_at", flat=True).first()
    return _remaining(latest, delay)


def _remaining(since, seconds: int) -> int:
    left = (since + timedelta(seconds=seconds) - timezone.now()).total_seconds()
    return max(0, math.ceil(left))


def record_login_failure(email: str, request) -> None:
    LoginFailure.objects.create(email=email.lower()[:254], ip_address=client_ip(request))
    if seconds_to_wait(email, request):
        user = User.objects.filter(email=email.lower()).first()
        audit(
            actor=None,
            action="accounts.user.login_throttled",
            target=user,
            details={"adresse_ip": client_ip(request)},
            request=request,
        )


def clear_login_failures(email: str, request) -> None:
    """A success from this address forgets this account's failures from it (not those from elsewhere)."""
    LoginFailure.objects.filter(email=email.lower(), ip_address=client_ip(request)).delete()
