"""What the public pages show about a place, and the search's result cards kept per process.

A result card only changes with the place (its updated_at), the day (the staleness badge) and the
language, so its HTML is rendered once and reused; distance and « ouvert maintenant » are computed per
request. Loading and rendering the places was most of the search page's cost."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .lib import hours_fr
from .lib.hours import Hours, parse
from .models import Place
from .selectors import places_by_pk


def display_phone(e164: str) -> str:
    if e164.startswith("+33") and len(e164) == 12:
        digits = "0" + e164[3:]
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    return e164


def present(place: Place, distance: float | None, now) -> dict:
    """Hours in plain French, how to come and the offline ways to get the same help."""
    hours = parse(place.horaires)
    ways = []
    if "Se présenter" in place.modalites_acces or not place.modalites_acces:
        ways.append(_("Venir sur place aux heures d'ouverture, sans rendez-vous."))
    if place.telephone:
        ways.append(_("Téléphoner au %(tel)s.") % {"tel": display_phone(place.telephone)})
    if "France Services" in place.dispositif_programmes_nationaux:
        ways.append(_("Ce lieu est une maison France Services : un agent fait la démarche avec vous."))
    return {
        "place": place,
        "distance": distance,
        "status": hours_fr.status(hours, now, _),
        "weekly": hours_fr.weekly_lines(hours, _),
        "notes": hours_fr.notes(hours, _),
        "hours_malformed": bool(place.horaires) and not hours.ok,
        "phone": display_phone(place.telephone),
        "offline": ways,
        "free": "Gratuit" in place.frais_a_charge,
    }


@dataclass(frozen=True)
class Card:
    place: Place  # without its large fields (raw rows, value sources, long presentation)
    head: SafeString  # heading with the referral checkbox and the link to the place's page
    body: SafeString  # address, hours, phone, services, fees, update date, offline ways
    hours: Hours


_CARDS: dict[tuple, Card] = {}
CARDS_MAX = 5_000  # a few KB each


def _render(place: Place, now) -> Card:
    item = present(place, None, now)
    return Card(
        place=place,
        head=mark_safe(render_to_string("inclusion/_place_head.html", {"item": item, "selectable": True})),  # noqa: S308
        body=mark_safe(render_to_string("inclusion/_place_body.html", {"item": item})),  # noqa: S308
        hours=parse(place.horaires),
    )  # fmt: skip


def search_results(found: list[tuple[float, int, object]], now) -> list[dict]:
    """Result cards for nearest_rows()'s (distance, pk, updated_at), in that order."""
    context = (timezone.localdate(), get_language())
    keys = {pk: (pk, updated_at, *context) for _d, pk, updated_at in found}
    missing = [pk for pk, key in keys.items() if key not in _CARDS]
    if missing:
        if len(_CARDS) + len(missing) > CARDS_MAX:
            _CARDS.clear()
        for pk, place in places_by_pk(missing).items():
            _CARDS[keys[pk]] = _render(place, now)
    results = []
    for distance, pk, _u in found:
        card = _CARDS.get(keys[pk])
        if card:  # None when the place was deleted between the two reads
            status = hours_fr.status(card.hours, now, _)
            results.append(
                {"place": card.place, "card": card, "distance": round(distance, 2), "status": status}
            )
    return results
