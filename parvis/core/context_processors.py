from functools import cache
from typing import Any, Protocol, cast

from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse

from parvis.core.colors import accessible_primary
from parvis.core.selectors import instance_settings


class _InNavigation(Protocol):
    """An AppConfig that names a ``nav_url`` also gives its label and its place in the header."""

    nav_label: str
    nav_order: int


@cache  # apps and URLs are fixed once the process has started; labels are translated lazily
def _navigation() -> list[dict[str, Any]]:
    items = []
    for config in apps.get_app_configs():
        url_name = getattr(config, "nav_url", None)
        if not url_name:
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append(
            {
                "label": cast(_InNavigation, config).nav_label,
                "url": url,
                "order": cast(_InNavigation, config).nav_order,
                "description": getattr(config, "nav_description", ""),
            }
        )
    return sorted(items, key=lambda item: item["order"])


def site(request):
    instance = instance_settings()
    return {
        "site_name": instance.site_name,
        # The layout's own name for the instance: Django's LoginView puts the request's host:port in
        # « site_name », which must not become the page title or the header's brand.
        "parvis_site_name": instance.site_name,
        "site_logo": instance.logo_url,
        "site_contact": instance.contact_email,
        "site_primary": accessible_primary(instance.primary_color),
        "navigation": _navigation(),
        "oidc_providers": [
            (name, config["label"]) for name, config in settings.PARVIS_OIDC_PROVIDERS.items()
        ],
    }
