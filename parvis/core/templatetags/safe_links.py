"""Links whose address comes from a user or a crawled page: only http(s) (and mailto/tel where meant) reach
an ``href``; anything else (``javascript:``, ``data:``, ``vbscript:``…) becomes an empty string, which the
templates treat as no link at all. Autoescaping still applies on top."""

from django import template

from parvis.core.lib.links import safe_href

register = template.Library()


@register.filter
def http_url(value) -> str:
    """``value`` when it is an http(s) URL, else ``""``."""
    return safe_href(value)


@register.filter
def contact_url(value) -> str:
    """``value`` when it is an http(s), mailto: or tel: URL, else ``""``."""
    return safe_href(value, schemes=("http", "https", "mailto", "tel"))
