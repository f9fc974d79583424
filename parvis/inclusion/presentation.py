"""What the public pages show about a place: its card, and the search's result cards kept per process.

Cards are built in Python with format_html (every value escaped) rather than with a template: the
template engine cost about 0.25 ms per card, most of the search page's time. A result card only changes
with the place (its updated_at), the day (the staleness badge) and the language, so its fixed parts are
built once per process; distance and « ouvert maintenant » are added per request."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format, localize
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from parvis.core.templatetags.typography import long_date
from parvis.inclusion.lib import hours_fr
from parvis.inclusion.lib.hours import Hours, parse
from parvis.inclusion.models import Place
from parvis.inclusion.selectors import places_by_pk


def display_phone(e164: str) -> str:
    if e164.startswith("+33") and len(e164) == 12:
        digits = "0" + e164[3:]
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    return e164


def access_ways(place: Place) -> list[str]:
    """How to come or reach the place, only as far as its data says: an access mode the data does not
    state is never shown, and « Téléphoner » without a number is no way at all."""
    ways = []
    if "Se présenter" in place.modalites_acces:
        ways.append(_("Venir sur place aux heures d'ouverture, sans rendez-vous."))
    if place.telephone:
        ways.append(_("Téléphoner au %(tel)s.") % {"tel": display_phone(place.telephone)})
    if "Prendre un RDV en ligne" in place.modalites_acces:
        ways.append(_("Prendre rendez-vous en ligne."))
    if "Contacter par mail" in place.modalites_acces and place.courriels:
        ways.append(_("Écrire à %(mail)s.") % {"mail": place.courriels[0]})
    if "France Services" in place.dispositif_programmes_nationaux:
        ways.append(_("Ce lieu est une maison France Services : un agent fait la démarche avec vous."))
    return ways


def present(place: Place, distance: float | None, now) -> dict:
    """Hours in plain French, how to come and the offline ways to get the same help."""
    hours = parse(place.horaires)
    ways = access_ways(place)
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


def card(item: dict, selectable: bool = False) -> SafeString:
    """A place's card (`<li>`) as the result lists, the place page and the referral sheet show it."""
    return _assemble(card_head(item["place"], selectable), item["distance"], item["status"], card_body(item))


def card_head(place: Place, selectable: bool) -> SafeString:
    """The place's name linking to its page; with a checkbox to pick it for a referral sheet."""
    link = format_html('<a href="{}">{}</a>', place.get_absolute_url(), place.nom)
    if selectable:
        link = format_html(
            '<input type="checkbox" name="lieux" value="{pk}" id="lieu-{pk}"> '
            '<label for="lieu-{pk}">{link}</label>',
            pk=place.pk,
            link=link,
        )
    return format_html("<h3>{}</h3>", link)


def card_body(item: dict) -> SafeString:
    """Address, hours, phone, services, fees, update date and the ways to get help without internet."""
    place = item["place"]
    complement = f", {place.complement_adresse}" if place.complement_adresse else ""
    parts = [format_html("<p>{}{}<br>{} {}</p>", place.adresse, complement, place.code_postal, place.commune)]
    if item["weekly"]:
        hours = [_(hours_fr.DAY_HOURS).format(days=days, hours=spans) for days, spans in item["weekly"]]
        parts.append(
            format_html('<p class="muted">{}</p>', _(hours_fr.SEPARATOR).join(hours + list(item["notes"])))
        )
    elif item["hours_malformed"]:
        parts.append(
            format_html(
                '<p>{} <code>{}</code> <span class="badge">{}</span></p>',
                _("Horaires donnés par le lieu (non vérifiés) :"),
                place.horaires,
                _("à vérifier"),
            )
        )
    else:
        parts.append(format_html('<p class="muted">{}</p>', _("Horaires non communiqués par le lieu.")))
    if item["phone"]:
        parts.append(
            format_html('<p>{} <a href="tel:{}">{}</a></p>', _("Téléphone :"), place.telephone, item["phone"])
        )
    if place.services:
        parts.append(
            format_html("<p>{} {}</p>", _("Aide proposée :"), ", ".join(_(s) for s in place.services))
        )
    free = format_html('<span class="badge">{}</span> ', _("Gratuit")) if item["free"] else ""
    if not place.date_maj_ok:
        updated = _("Date de mise à jour inconnue : appelez avant de vous déplacer")
        parts.append(format_html('<p>{}<span class="badge badge-warning">{}</span></p>', free, updated))
    elif place.is_stale:
        updated = _("Informations anciennes (%(d)s) : appelez avant de vous déplacer") % {
            "d": date_format(place.date_maj, "F Y")
        }
        parts.append(format_html('<p>{}<span class="badge badge-warning">{}</span></p>', free, updated))
    else:
        updated = _("Mis à jour le %(d)s") % {"d": long_date(place.date_maj)}
        parts.append(format_html('<p>{}<span class="muted">{}</span></p>', free, updated))
    parts.append(
        format_html(
            "<p><strong>{}</strong> {}</p>",
            _("Comment venir ou joindre ce lieu :"),
            " ".join(item["offline"]) or _("non précisé par le lieu ; appelez le 3939 pour être orienté."),
        )
    )
    return mark_safe("".join(parts))  # noqa: S308 - every part went through format_html


def _assemble(head: SafeString, distance: float | None, status: str | None, body: SafeString) -> SafeString:
    live = ""
    if distance is not None:
        live += format_html(
            '<p class="incl-distance"><strong>{}</strong></p>', _("à %(d)s km") % {"d": localize(distance)}
        )
    if status:
        live += format_html('<p class="incl-status">{}</p>', status)
    return format_html('<li class="card incl-place">{}{}{}</li>', head, mark_safe(live), body)  # noqa: S308


CARD_FIELDS = (
    "nom",
    "adresse",
    "complement_adresse",
    "code_postal",
    "commune",
    "horaires",
    "telephone",
    "services",
    "frais_a_charge",
    "modalites_acces",
    "dispositif_programmes_nationaux",
    "courriels",
    "date_maj",
    "date_maj_ok",
)


@dataclass(frozen=True)
class Card:
    place: Place  # with CARD_FIELDS only
    head: SafeString
    body: SafeString
    hours: Hours


_CARDS: dict[tuple, Card] = {}
CARDS_MAX = 5_000  # a few KB each


def _cached_card(place: Place, now) -> Card:
    item = present(place, None, now)
    return Card(
        place=place, head=card_head(place, selectable=True), body=card_body(item), hours=parse(place.horaires)
    )


def search_results(found: list[tuple[float, int, object]], now) -> list[dict]:
    """Result cards for nearest_rows()'s (distance, pk, updated_at), in that order."""
    context = (timezone.localdate(), get_language())
    keys = {pk: (pk, updated_at, *context) for _d, pk, updated_at in found}
    cards = {pk: _CARDS.get(key) for pk, key in keys.items()}  # kept here: another thread may clear _CARDS
    missing = [pk for pk, cached in cards.items() if cached is None]
    if missing:
        if len(_CARDS) + len(missing) > CARDS_MAX:
            _CARDS.clear()
        for pk, place in places_by_pk(missing, only=CARD_FIELDS).items():
            cards[pk] = _CARDS[keys[pk]] = _cached_card(place, now)
    results = []
    for distance, pk, _u in found:
        cached = cards[pk]
        if cached:  # None when the place was deleted between the two reads
            distance = round(distance, 2)
            status = hours_fr.status(cached.hours, now, _)
            html = _assemble(cached.head, distance, status, cached.body)
            results.append({"place": cached.place, "distance": distance, "status": status, "html": html})
    return results
