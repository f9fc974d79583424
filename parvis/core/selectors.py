"""Reads of the core app: the instance's effective settings (database values over environment defaults)."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from parvis.core.models import InstanceSettings

CACHE_KEY = "parvis:instance-settings:v1"
EDITABLE = [
    "site_name",
    "logo",
    "primary_color",
    "home_territory",
    "contact_email",
    "legal_notice",
    "accessibility_statement",
    "privacy_page",
    "audit_retention_days",
]


@dataclass(frozen=True)
class Effective:
    site_name: str
    logo_url: str
    primary_color: str
    home_territory: str
    contact_email: str
    legal_notice: str  # Markdown written by the administrator; empty: the text shipped with Parvis
    accessibility_statement: str
    privacy_page: str
    audit_retention_days: int


def stored_values() -> dict:
    """The administrator's values (empty when never saved); cached in the shared cache, cleared on save."""
    values = cache.get(CACHE_KEY)
    if values is None:
        row = InstanceSettings.objects.filter(pk=1).values(*EDITABLE, "updated_at").first()
        values = row or {}
        cache.set(CACHE_KEY, values, None)
    return values


def instance_settings() -> Effective:
    stored = stored_values()

    def pick(field: str, default):
        value = stored.get(field)
        return default if value in (None, "") else value

    logo_url = settings.PARVIS_SITE_LOGO
    if stored.get("logo"):
        logo_url = reverse("core:instance_logo") + f"?v={stored['updated_at']:%Y%m%d%H%M%S}"
    values = {
        "site_name": pick("site_name", settings.PARVIS_SITE_NAME),
        "logo_url": logo_url,
        "primary_color": pick("primary_color", settings.PARVIS_PRIMARY_COLOR),
        "home_territory": pick("home_territory", settings.PARVIS_HOME_TERRITORY),
        "contact_email": pick("contact_email", settings.PARVIS_CONTACT_EMAIL),
        "legal_notice": stored.get("legal_notice", ""),
        "accessibility_statement": stored.get("accessibility_statement", ""),
        "privacy_page": stored.get("privacy_page", ""),
        "audit_retention_days": pick("audit_retention_days", settings.PARVIS_AUDIT_RETENTION_DAYS),
    }
    return Effective(**values)


def instance_logo_path() -> str:
    return stored_values().get("logo", "")
