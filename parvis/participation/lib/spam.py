"""A small explainable spam filter: links, repeated characters or words, known patterns, duplicates."""

from __future__ import annotations

import re

from parvis.translation import _

_LINK = re.compile(r"(https?://|www\.|\b[\w-]+\.(?:com|net|ru|xyz|top|click|info|biz)\b)", re.I)
_REPEATED_CHAR = re.compile(r"(.)\1{9,}")
_KNOWN = re.compile(
    r"\b(viagra|casino|crypto(?:monnaie)?s? gratuite?s?|bitcoin|gagnez de l'argent|loan|porn|xxx|seo services)\b",
    re.I,
)
MAX_LINKS = 2


def spam_reasons(text: str, recent_texts: tuple[str, ...] = ()) -> list[str]:
    """French reasons why ``text`` looks like spam (empty list: looks fine)."""
    reasons = []
    if len(_LINK.findall(text)) > MAX_LINKS:
        reasons.append("trop de liens")
    if _REPEATED_CHAR.search(text):
        reasons.append(_("caractères répétés"))
    words = re.findall(r"\w+", text.lower())
    if len(words) >= 12 and len(set(words)) / len(words) < 0.25:
        reasons.append(_("mots répétés"))
    if _KNOWN.search(text):
        reasons.append("motif de spam connu")
    normalized = " ".join(words)
    if normalized and any(" ".join(re.findall(r"\w+", t.lower())) == normalized for t in recent_texts):
        reasons.append(_("message identique déjà envoyé"))
    return reasons
