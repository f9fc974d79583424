"""Slugs for URLs and codes (no Django): one slugify and one way to make a slug unique."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable


def slugify(value: str) -> str:
    """ASCII, lower case, words joined by hyphens (« Écoles de Créteil » → ``ecoles-de-creteil``);
    the same result as Django's ``slugify``."""
    value = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value.lower())
    return re.sub(r"[-\s]+", "-", value).strip("-_")


def unique_slug(text: str, taken: Callable[[str], bool], *, fallback: str, max_length: int = 100) -> str:
    """The slug of ``text`` (``fallback`` when empty) cut to ``max_length``, then ``-2``, ``-3``… until
    ``taken(slug)`` is false."""
    root = slugify(text)[:max_length] or fallback
    slug, n = root, 2
    while taken(slug):
        slug, n = f"{root}-{n}", n + 1
    return slug
