"""French typography in one place: plurals, « de »/« à » before a place name, dates and numbers.

Pure Python (no Django) so every app, template filter and test uses the same rules:

- plurals: in French 0 and 1 take the singular (« 0 lieu », « 1 soutien », « 2 soutiens »);
- « de » + article contracts (« de Le Plessis » → « du Plessis », « de Les Lilas » → « des Lilas ») and
  elides before a vowel or mute h (« de Alfortville » → « d'Alfortville »); « à » likewise (« au », « aux »);
- dates « 4 déc. 2026 » (short) and « 4 décembre 2026 » (long), « 1er » for the first day of the month;
- numbers with a narrow no-break space between thousands and a decimal comma, rounded to what a reader needs.
"""

from datetime import date, datetime

NNBSP = "\u202f"  # narrow no-break space: thousands separator and before « % » in French
NBSP = "\u00a0"

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
MONTHS_SHORT = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juill.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
VOWELS = set("aeiouyàâäéèêëîïôöùûüÿæœAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŸÆŒ")
# Place names starting with an aspirated h take no elision (« de Hautefort »… is rare; « de Ham », « de Hem »).
ASPIRATED_H = ("ham", "hem", "hautefort", "haute", "haut", "hérouville", "hyères", "hon", "houilles")


def plural_index(n: float, language: str = "fr") -> int:
    """The count to give ``ngettext`` so the plural follows the language's rule (French: n ≥ 2 is plural)."""
    if (language or "fr").startswith("fr"):
        return 1 if abs(n) < 2 else 2
    return 1 if n == 1 else 2


def plural(n: float, singular: str, plural_form: str | None = None, language: str = "fr") -> str:
    """« 0 lieu », « 1 soutien », « 1 234 soutiens »: the number, formatted, and the agreeing word."""
    word = singular if plural_index(n, language) == 1 else (plural_form or singular + "s")
    return f"{number(n)}{NBSP}{word}"


def number(value: float | int | None, decimals: int | None = None) -> str:
    """1234567.891 → « 1 234 568 »; 12.345 → « 12,3 »; 0.5 → « 0,5 »; integers stay exact.

    Without ``decimals`` the precision follows the size: below 10 two significant decimals at most,
    below 100 one, above none — and trailing zeros are dropped (« 2,50 » → « 2,5 »).
    """
    if value is None:
        return ""
    if decimals is None:
        if float(value).is_integer():
            decimals = 0
        else:
            size = abs(value)
            decimals = 0 if size >= 100 else 1 if size >= 10 else 2
        text = f"{value:,.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{decimals}f}"
    if text in ("-0", "-0.0"):
        text = "0"
    return text.replace(",", NNBSP).replace(".", ",")


def percent(value: float | None, decimals: int | None = None) -> str:
    """42.456 → « 42 % » (with a narrow no-break space before the sign)."""
    if value is None:
        return ""
    return f"{number(value, decimals)}{NNBSP}%"


def _elides(word: str) -> bool:
    if not word:
        return False
    if word[0] in "hH":
        return not word.lower().startswith(ASPIRATED_H)
    return word[0] in VOWELS


def de(name: str) -> str:
    """« de » before a place or organisation name: « du Plessis-Trévise », « des Lilas », « d'Alfortville »,
    « de La Queue-en-Brie », « de L'Haÿ-les-Roses », « de Créteil »."""
    name = (name or "").strip()
    if not name:
        return ""
    first, _, rest = name.partition(" ")
    if first in ("Le", "le") and rest:
        return f"du {rest}"
    if first in ("Les", "les") and rest:
        return f"des {rest}"
    return f"d'{name}" if _elides(name) else f"de {name}"


def a(name: str) -> str:
    """« à » before a place name: « au Plessis-Trévise », « aux Lilas », « à Créteil », « à La Queue-en-Brie »."""
    name = (name or "").strip()
    first, _, rest = name.partition(" ")
    if first in ("Le", "le") and rest:
        return f"au {rest}"
    if first in ("Les", "les") and rest:
        return f"aux {rest}"
    return f"à {name}"


def _day(d: date) -> str:
    return "1er" if d.day == 1 else str(d.day)


def date_short(value: date | datetime | None) -> str:
    """« 4 déc. 2026 »."""
    if value is None:
        return ""
    return f"{_day(value)}{NBSP}{MONTHS_SHORT[value.month - 1]} {value.year}"


def date_long(value: date | datetime | None) -> str:
    """« 4 décembre 2026 », « 1er mars 2027 »."""
    if value is None:
        return ""
    return f"{_day(value)}{NBSP}{MONTHS[value.month - 1]} {value.year}"
