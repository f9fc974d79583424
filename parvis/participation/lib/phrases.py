"""Multi-word expressions of French answers: features for theme discovery and candidates for theme labels.

« tirage au sort », « transports en commun », « taxe d'habitation », « impôt sur le revenu » are kept as one
phrase: content words joined by at most two linking words (« de », « au », « en », « sur le »…). A phrase is
keyed by the stems of its content words (« tirag sort »), so that its written forms count together.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parvis.participation.lib.textnorm import (
    ANSWER_WORDS,
    ELIDED,
    LINK_WORDS,
    fold,
    meaningful,
    stem,
    written_words,
)

MAX_LINKS = 2
MAX_CONTENT = 3
_BREAK = re.compile(r"[.,;:!?()\[\]{}«»\"“”…/|\n*•+=<>]+")


def _classified(text: str) -> list[tuple[str, str, str]]:
    """(written word, kind, stem) with kind « content », « answer », « link » or « stop »."""
    out = []
    for piece in _BREAK.split(text):
        out += [_kind(raw) for raw in written_words(piece, keep_case=True)]
        out.append(("", "stop", ""))
    return out


@lru_cache(maxsize=300_000)
def _kind(raw: str) -> tuple[str, str, str]:
    w = fold(raw)
    raw = (
        raw if len(raw) > 1 and raw.isupper() else raw.lower()
    )  # acronyms (« TVA », « CSG ») keep their case
    if w in ANSWER_WORDS:
        return (raw, "answer", w)
    if raw not in ELIDED and meaningful(w) and not w[0].isdigit():
        return (raw, "content", stem(w))
    return (raw, "link" if w in LINK_WORDS else "stop", "")


def _written(words: list[tuple[str, str, str]]) -> str:
    return "".join(w if w.endswith("'") else w + " " for w, _, _ in words).strip()


def features(text: str) -> list[str]:
    """Stems of content words, answer words (« aucun », « rien ») and two-word phrase keys."""
    words = _classified(text)
    out = [s for _, kind, s in words if kind in ("content", "answer")]
    previous, links = None, 0
    for _, kind, s in words:
        if kind == "content":
            if previous is not None and links <= MAX_LINKS:
                out.append(f"{previous} {s}")
            previous, links = s, 0
        elif kind == "link":
            links += 1
        else:
            previous = None
    return out


def candidates(text: str) -> list[tuple[str, str]]:
    """Label candidates (key, written form): single content words and phrases of 2 or 3 content words."""
    words = _classified(text)
    out = []
    for start, (raw, kind, s) in enumerate(words):
        if kind != "content":
            continue
        out.append((s, raw))
        keys, links = [s], 0
        for end in range(start + 1, len(words)):
            kind_end = words[end][1]
            if kind_end == "link":
                links += 1
                if links > MAX_LINKS:
                    break
                continue
            if kind_end != "content":
                break
            keys.append(words[end][2])
            links = 0
            out.append((" ".join(keys), _written(words[start : end + 1])))
            if len(keys) == MAX_CONTENT:
                break
    return out
