"""``pattern`` constraints: vectorised matching and a plain-French description of the pattern.

Messages never quote the regular expression itself (« motif ^\\d{14}$ » means nothing to an
agent): simple patterns are described (« 14 chiffres »), others by the field's example or,
failing that, by a generic wording.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from parvis.catalog.lib.tableschema import Field
from parvis.core.lib import lazy
from parvis.translation import _, gettext_noop

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy.module("polars")

_UNSAFE_FOR_POLARS = re.compile(r"\[:|\[\[|\(\?(?!:)|&&|~~|--|\\[1-9]")
_CLASSES = {
    r"\d": (gettext_noop("chiffre"), gettext_noop("chiffres")),
    "[0-9]": (gettext_noop("chiffre"), gettext_noop("chiffres")),
    "[A-Z]": (gettext_noop("lettre majuscule"), gettext_noop("lettres majuscules")),
    "[a-z]": (gettext_noop("lettre minuscule"), gettext_noop("lettres minuscules")),
    "[A-Za-z]": (gettext_noop("lettre"), gettext_noop("lettres")),
    "[a-zA-Z]": (gettext_noop("lettre"), gettext_noop("lettres")),
    "[0-9A-Z]": (gettext_noop("chiffre ou lettre majuscule"), gettext_noop("chiffres ou lettres majuscules")),
    "[A-Z0-9]": (gettext_noop("chiffre ou lettre majuscule"), gettext_noop("chiffres ou lettres majuscules")),
    "[0-9A-Za-z]": (gettext_noop("chiffre ou lettre"), gettext_noop("chiffres ou lettres")),
    "[A-Za-z0-9]": (gettext_noop("chiffre ou lettre"), gettext_noop("chiffres ou lettres")),
    "[a-zA-Z0-9]": (gettext_noop("chiffre ou lettre"), gettext_noop("chiffres ou lettres")),
}
_TOKEN = re.compile(
    r"(?P<cls>\\d|\[[0-9A-Za-z\-]+\])(?P<q>\{\d+(?:,\d*)?\}|[+*?])?|(?P<lit>\\[.\-/ ]|[-/ :_.A-Za-z0-9])"
)


def _quantity(quantifier: str | None) -> tuple[str, bool] | None:
    """(« 14 », plural) for ``{14}``; None for a quantifier this module does not describe."""
    if not quantifier:
        return "1", False
    if quantifier == "+":
        return _("au moins 1"), False
    if quantifier.startswith("{"):
        low, _sep, high = quantifier[1:-1].partition(",")
        if not _sep:
            return low, int(low) > 1
        if high:
            return _("de {low} à {high}").format(low=low, high=high), True
        return _("au moins {low}").format(low=low), int(low) > 1
    return None


def _simple_description(pattern: str) -> str | None:
    body = pattern.removeprefix("^").removesuffix("$")
    parts, position = [], 0
    while position < len(body):
        match = _TOKEN.match(body, position)
        if not match:
            return None
        position = match.end()
        if match["lit"]:
            parts.append(_("« {char} »").format(char=match["lit"].removeprefix("\\")))
            continue
        names = _CLASSES.get(match["cls"])
        quantity = _quantity(match["q"])
        if names is None or quantity is None:
            return None
        count, plural = quantity
        parts.append(f"{count} {_(names[1] if plural else names[0])}")
    if not parts:
        return None
    return _(", puis ").join(parts)


def describe_pattern(field: Field) -> str:
    """The expected shape of a ``pattern`` field, in words an agent understands."""
    described = _simple_description(field.constraints.get("pattern") or "")
    if described:
        return described
    example = field.descriptor.get("example")
    if isinstance(example, str | int | float) and str(example):
        return _("comme dans l'exemple « {example} »").format(example=example)
    return _("le format décrit par le schéma pour la colonne « {field} »").format(field=field.name)


def pattern_mask(raw: pl.Series, present: pl.Series, pattern: str) -> pl.Series:
    """Cells failing ``re.match('^{pattern}$')``, as Frictionless does.

    polars' regex engine runs when it agrees with Python's ``re`` on this pattern; otherwise
    Python decides once per distinct value.
    """
    # re.match anchors every alternative at the start: ^(?:^a|b$) searched == re.match(^a|b$).
    anchored = f"^(?:^{pattern}$)"
    if not _UNSAFE_FOR_POLARS.search(pattern):
        try:
            matched = raw.str.contains(anchored)
            # Python's $ also matches before a final newline: such cells go to Python.
            if not (present & raw.str.contains("\n", literal=True)).any():
                return present & ~matched.fill_null(True)
        except pl.exceptions.ComputeError:
            pass
    compiled = re.compile(f"^{pattern}$")
    distinct = raw.filter(present).unique()
    verdicts = pl.Series([bool(compiled.match(v)) for v in distinct], dtype=pl.Boolean)
    ok = raw.replace_strict(distinct, verdicts, default=True, return_dtype=pl.Boolean)
    return present & ~ok.fill_null(True)
