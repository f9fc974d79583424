"""Verdicts on French values used by the Validata custom checks, on whole columns.

SIRET/SIREN keys (python-stdnum's rules, La Poste included), year intervals, the Actes
nomenclature and the GPS boxes of France are polars expressions. Telephone numbers and
OpenStreetMap opening hours need their reference libraries (``phonenumbers``,
``opening_hours``, as Validata uses): those run once per *distinct* value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from parvis.core.lib import lazy

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy.module("polars")

# La Poste's establishments share SIREN 356000000 and use a digit-sum rule (stdnum.fr.siret).
_LA_POSTE, _LA_POSTE_HEAD = "356000000", "35600000000048"
ACTES_PREFIXES = (
    "commande publique",
    "urbanisme",
    "domaine et patrimoine",
    "fonction publique",
    "institutions et vie politique",
    "libertes publiques et pouvoirs de police",
    "finances locales",
    "domaines de competences par themes",
    "autres domaines de competences",
)
# Validata's bounding boxes (lon min, lat min, lon max, lat max): metropolitan France and
# the overseas départements. Points on an edge are outside, as shapely's ``within`` says.
FRANCE_BOXES = (
    (-61.809839, 15.832041, -61.001959, 16.514488),  # Guadeloupe
    (-61.229033, 14.388646, -60.809655, 14.878723),  # Martinique
    (-54.60239, 2.111055, -51.619041, 5.748138),  # Guyane
    (55.216526, -21.389631, 55.836654, -20.8718),  # La Réunion
    (45.01833, -13.005254, 45.299985, -12.63659),  # Mayotte
    (-5.141277, 41.333571, 9.560091, 51.088989),  # métropole
)


def compact_number(text: pl.Series) -> pl.Series:
    """stdnum's ``compact``: spaces and dots removed, then stripped."""
    return text.str.replace_all(r"[ .]", "").str.strip_chars()


def _luhn_ok(digits: pl.Expr, length: int) -> pl.Expr:
    """Luhn check of a ``length``-digit text (every second digit from the right doubled)."""
    total = pl.lit(0, pl.Int64)
    for index in range(length):
        digit = digits.str.slice(index, 1).cast(pl.Int64, strict=False)
        if (length - 1 - index) % 2 == 1:
            digit = digit * 2
            digit = pl.when(digit > 9).then(digit - 9).otherwise(digit)
        total = total + digit
    return total % 10 == 0


def identifier_verdicts(values: pl.Series, length: int) -> tuple[pl.Series, pl.Series]:
    """(wrong shape, wrong key) masks of SIREN (9) or SIRET (14) numbers, stdnum's way."""
    number = compact_number(values.cast(pl.String))
    frame = pl.DataFrame({"n": number})
    n = pl.col("n")
    shape_ok = n.str.contains(rf"^[0-9]{{{length}}}$")
    if length == 14:
        la_poste = n.str.starts_with(_LA_POSTE) & (n != _LA_POSTE_HEAD)
        digit_sum = pl.sum_horizontal([n.str.slice(i, 1).cast(pl.Int64, strict=False) for i in range(14)])
        key_ok = pl.when(la_poste).then(digit_sum % 5 == 0).otherwise(_luhn_ok(n, 14)) & _luhn_ok(
            n.str.slice(0, 9), 9
        )
    else:
        key_ok = _luhn_ok(n, length)
    result = frame.select(bad_shape=~shape_ok, bad_key=shape_ok & ~key_ok.fill_null(False))
    return result["bad_shape"].fill_null(False), result["bad_key"].fill_null(False)


def actes_prefix(values: pl.Series) -> pl.Series:
    """The part before the first « / », lower-cased and without accents (Validata's ``norm_str``)."""
    prefix = values.str.split_exact("/", 1).struct.field("field_0")
    return prefix.str.to_lowercase().str.normalize("NFD").str.replace_all(r"\p{Mn}", "")


def in_france(lon: pl.Series, lat: pl.Series) -> pl.Series:
    inside = pl.repeat(False, len(lon), eager=True)
    for lon_min, lat_min, lon_max, lat_max in FRANCE_BOXES:
        inside = inside | ((lon > lon_min) & (lon < lon_max) & (lat > lat_min) & (lat < lat_max))
    return inside.fill_null(False)


def per_distinct(values: pl.Series, verdict: Callable[[str], bool]) -> pl.Series:
    """``verdict`` applied once per distinct non-null value, spread back (null stays null)."""
    distinct = values.drop_nulls().unique()
    verdicts = pl.Series([bool(verdict(v)) for v in distinct.to_list()], dtype=pl.Boolean)
    return values.replace_strict(distinct, verdicts, default=None, return_dtype=pl.Boolean)


def is_phone_number(value: str) -> bool:
    """A French number (short numbers included) or an international one (Validata's rule)."""
    import phonenumbers

    for region in ("FR", None):
        try:
            number = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return True
        if region and phonenumbers.is_valid_short_number(number):
            return True
    return False


def is_opening_hours(value: str) -> bool:
    import opening_hours

    return bool(opening_hours.validate(value))
