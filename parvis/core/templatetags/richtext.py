from django import template
from django.utils.safestring import mark_safe

from parvis.core.lib.richtext import markdown_to_html

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    """Renders the administrator's Markdown; raw HTML in it comes out escaped (see core.lib.richtext)."""
    return mark_safe(markdown_to_html(text or ""))  # noqa: S308  (markdown-it escapes every raw HTML tag)
