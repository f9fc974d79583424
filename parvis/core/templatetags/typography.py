"""Template filters over ``parvis.core.lib.typography``: ``{% load typography %}``.

``{{ n|plural:_("lieu,lieux") }}`` → « 0 lieu » · ``{{ name|de }}`` → « du Plessis-Trévise » ·
``{{ d|short_date }}`` → « 4 déc. 2026 » · ``{{ x|number }}`` → « 1 234,5 » ·
``{% blocktranslate count k=n|plural_key with n=n %}`` chooses singular or plural by the active
language's rule (French: 0 and 1 are singular), which Django's fallback (n == 1) gets wrong for 0.
"""

from datetime import datetime

from django import template
from django.template.defaultfilters import date as django_date
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from parvis.core.lib import typography

register = template.Library()


def _local(value):
    """Aware datetimes are shown in the instance's time zone, as Django's own ``date`` filter does."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _french() -> bool:
    return (get_language() or "fr").startswith("fr")


@register.filter
def plural_key(n) -> int:
    try:
        return typography.plural_index(float(n), get_language() or "fr")
    except (TypeError, ValueError):
        return 2


@register.filter
def plural(n, forms: str) -> str:
    """``forms`` is « singulier,pluriel » (translated in the template with ``_("…")``)."""
    singular, _, plural_form = str(forms).partition(",")
    try:
        value = float(n)
    except (TypeError, ValueError):
        return ""
    return typography.plural(
        int(value) if value.is_integer() else value, singular, plural_form or None, get_language() or "fr"
    )


@register.filter
def number(value, decimals=None):
    try:
        value = float(value) if not isinstance(value, int) else value
    except (TypeError, ValueError):
        return value
    return typography.number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def percent(value, decimals=None):
    try:
        value = float(value)
    except (TypeError, ValueError):
        return value
    return typography.percent(value, None if decimals in (None, "") else int(decimals))


@register.filter
def de(name) -> str:
    return typography.de(str(name)) if _french() else f"of {name}"


@register.filter
def a(name) -> str:
    return typography.a(str(name)) if _french() else f"in {name}"


@register.filter
def short_date(value) -> str:
    if not value:
        return ""
    return typography.date_short(_local(value)) if _french() else django_date(value, "j M Y")


@register.filter
def long_date(value) -> str:
    if not value:
        return ""
    return typography.date_long(_local(value)) if _french() else django_date(value, "j F Y")


@register.filter
def page_title(title, site_name) -> str:
    """« Page — Site »; the page's own title alone when it already names the site; « Site » when empty.

    ``title`` is the rendered (already escaped) title block; the site's name is escaped here."""
    title = " ".join(str(title).split())
    site = conditional_escape(site_name)
    if not title or site in title.split(" — "):
        return title or site
    return mark_safe(f"{title} — {site}")  # noqa: S308 - both parts are escaped
