"""Pure helpers for French administrative codes and search keys (no Django import).

``clean_commune_code(raw)`` repairs the usual damage done to INSEE commune codes by spreadsheets
(lost leading zero, float suffix, spaces, lower-case Corsica letters) and tells why a value cannot be
a commune code. It does not know the référentiel: existence checks and the roll-up of municipal
arrondissements are done by ``parvis.territory.selectors.normalise_commune_code``.
"""

import re
import unicodedata

EMPTY = "empty"
INVALID = "invalid"

_COMMUNE_RE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$")
_FLOAT_SUFFIX_RE = re.compile(r"^(\d+)\.0+$")

# Municipal arrondissements of Paris, Lyon and Marseille -> their commune.
ARRONDISSEMENT_RANGES = (
    ("75101", "75120", "75056"),
    ("69381", "69389", "69123"),
    ("13201", "13216", "13055"),
)


def clean_commune_code(raw: object) -> tuple[str | None, str | None]:
    """Return ``(code, None)`` with a syntactically valid 5-character code, or ``(None, EMPTY|INVALID)``."""
    if raw is None:
        return None, EMPTY
    if isinstance(raw, float):
        if raw != raw:  # NaN
            return None, EMPTY
        if not raw.is_integer():
            return None, INVALID
        raw = int(raw)
    text = str(raw).strip().upper().replace(" ", "")
    if not text:
        return None, EMPTY
    match = _FLOAT_SUFFIX_RE.match(text)
    if match:
        text = match.group(1)
    if text.isdigit() and 1 <= len(text) < 5:
        text = text.zfill(5)
    if not _COMMUNE_RE.match(text):
        return None, INVALID
    return text, None


def arrondissement_parent(code: str) -> str | None:
    """Commune code of a Paris/Lyon/Marseille municipal arrondissement, else ``None``."""
    for first, last, parent in ARRONDISSEMENT_RANGES:
        if first <= code <= last:
            return parent
    return None


def looks_like_siren(raw: object) -> bool:
    """True for a 9-digit SIREN (EPCI, EPT) rather than a commune code."""
    text = str(raw or "").strip()
    return len(text) == 9 and text.isdigit()


def search_key(text: str) -> str:
    """Lower-case, accent-free, punctuation-free form used for matching (« Créteil » -> « creteil »)."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return text.strip()
