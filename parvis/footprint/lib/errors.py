"""Audit failures as stable codes with parameters; the Django layer turns them into French."""

from parvis.core.lib import netguard


class AuditError(netguard.Refused):
    """A page or site could not be audited. `code` is one of CODES, `params` fill the message."""

    CODES: tuple[str, ...] = (
        "invalid_url",
        "private_address",
        "unresolvable",
        "timeout",
        "too_heavy",
        "not_html",
        "http_status",
        "redirect_loop",
        "tls",
        "connection",
        "robots_disallowed",
        "browser",
        "no_browser",
        "no_axe",
    )


def check_destination(url: str, *, policy: netguard.Policy) -> None:
    """The shared network guard, its refusals raised as audit failures."""
    try:
        netguard.check_destination(url, policy=policy)
    except netguard.Refused as refusal:
        raise AuditError(refusal.code, **refusal.params) from None


def normalise_url(raw: str) -> str:
    """The shared URL normalisation, its refusals raised as audit failures."""
    try:
        return netguard.normalise_url(raw)
    except netguard.Refused as refusal:
        raise AuditError(refusal.code, **refusal.params) from None
