"""Text folding for the catalogue's full-text search (pure Python, no Django).

Both database engines index and query the SAME folded text, so a query finds the same datasets on SQLite
(FTS5) and PostgreSQL (``tsvector`` with the ``simple`` configuration): accents removed (« é » → « e »),
ligatures spelled out (« œ » → « oe »), lower case, every run of characters other than letters and digits
turned into one space. Each engine then only splits on spaces, which both do identically.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_TERMS = 8
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ſ": "s"})
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """« Démarches en ligne – ŒUVRE » → « demarches en ligne oeuvre »."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_LIGATURES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NOT_WORD.sub(" ", plain).strip()


def padded(text: str) -> str:
    """The folded text between spaces, so ``" mot "`` matches a whole word and ``" mo"`` a word start."""
    folded = fold(text)
    return f" {folded} " if folded else ""


def terms(query: str) -> list[str]:
    """The words of a query, folded, at most :data:`MAX_TERMS`; the last one is matched as a prefix."""
    return fold(query[:500]).split()[:MAX_TERMS]


def fts5_match(words: list[str]) -> str:
    """An FTS5 MATCH expression: every word, the last one as a prefix (« "demarches" "vel"* »)."""
    quoted = [f'"{w}"' for w in words]
    if quoted:
        quoted[-1] += "*"
    return " ".join(quoted)


def tsquery(words: list[str]) -> str:
    """A PostgreSQL ``to_tsquery`` expression with the same meaning (« demarches & vel:* »)."""
    parts = list(words)
    if parts:
        parts[-1] += ":*"
    return " & ".join(parts)


def needles(words: list[str]) -> list[str]:
    """What each word looks like inside a :func:`padded` text: whole words, the last one a word start."""
    return [f" {w} " for w in words[:-1]] + [f" {w}" for w in words[-1:]]


def keyword_labels(keywords: Iterable[object] | None) -> dict[str, str]:
    """Folded keyword → keyword as written (the first spelling wins), blanks dropped."""
    found: dict[str, str] = {}
    for raw in keywords or ():
        label = " ".join(str(raw).split())[:200]
        folded = fold(label)[:200]
        if folded and folded not in found:
            found[folded] = label
    return found


def index_columns(
    *, title: str, keywords: Iterable[object] | None, organisation: str, description: str
) -> dict[str, str]:
    """The columns of a dataset's search row: each text :func:`padded`, and ``document``, all of them."""
    columns = {
        "title": padded(title),
        "keywords": padded(" ".join(keyword_labels(keywords))),
        "organisation": padded(organisation),
        "description": padded(description),
    }
    columns["document"] = " ".join(v.strip() for v in columns.values() if v)
    return columns
