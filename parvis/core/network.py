"""The outbound network policy of each feature, read from the settings (the guard itself is lib/netguard)."""

from django.conf import settings

from parvis.core.lib import netguard

# The settings that open the guard to private addresses; `parvis check --deploy` warns when one is on.
ALLOW_PRIVATE_SETTINGS = ("PARVIS_IMPORT_ALLOW_PRIVATE_URLS", "PARVIS_FOOTPRINT_ALLOW_PRIVATE")


def policy(
    allow_setting: str, *, allow_private: bool | None = None, trusted_urls: tuple[str, ...] = ()
) -> netguard.Policy:
    """The policy of a feature: private addresses only when its ``*_ALLOW_PRIVATE`` setting (``DEBUG`` by
    default) or the caller says so; the origins of ``trusted_urls`` (this instance's own) are allowed
    wherever they resolve, without opening any other private address; ``PARVIS_NETGUARD_PUBLIC_NETWORKS``
    (tests only) lists networks to treat as public."""
    if allow_private is None:
        allow_private = bool(getattr(settings, allow_setting, settings.DEBUG))
    return netguard.Policy(
        allow_private=allow_private,
        public_networks=tuple(getattr(settings, "PARVIS_NETGUARD_PUBLIC_NETWORKS", ())),
        trusted=tuple(netguard.trusted_endpoint(url) for url in trusted_urls),
    )
