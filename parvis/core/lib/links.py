"""Which user-provided addresses may become links (no Django): http(s) only unless told otherwise."""

from urllib.parse import urlsplit

WEB = ("http", "https")


def safe_href(value: object, schemes: tuple[str, ...] = WEB) -> str:
    """``value`` stripped when its scheme is one of ``schemes`` (and an http(s) URL has a host), else ``""``.
    Browsers ignore tabs, newlines and leading spaces in a scheme (``java\\tscript:``): they are refused."""
    text = str(value or "").strip()
    if not text or any(ch in text for ch in "\t\r\n\x00"):
        return ""
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme.lower() not in schemes:
        return ""
    if parts.scheme.lower() in WEB and not parts.netloc:
        return ""
    return text
