"""Opening hours said in plain French: « ouvert maintenant, ferme à 17 h », weekly summary."""

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from parvis.translation import gettext_noop

from .hours import DAY_NAMES, Hours

OPEN_CLOSES = gettext_noop("Ouvert maintenant, ferme à {time}")
CLOSED_OPENS_TODAY = gettext_noop("Fermé maintenant, ouvre à {time}")
CLOSED_OPENS_TOMORROW = gettext_noop("Fermé maintenant, ouvre demain à {time}")
CLOSED_OPENS_DAY = gettext_noop("Fermé maintenant, ouvre {day} à {time}")
CLOSED_NO_HOURS = gettext_noop("Fermé maintenant, aucune ouverture prévue dans les 7 prochains jours")
HOLIDAYS_CLOSED = gettext_noop("Fermé les jours fériés")
SOME_WEEKS = gettext_noop("Certaines semaines seulement")
RANGE = gettext_noop("du {first} au {last}")
SPAN = gettext_noop("{start} – {end}")
AND = gettext_noop(" et ")
CLOSED = gettext_noop("fermé")
# One line of the week (« Lundi au vendredi : 9 h – 17 h ») and between lines.
DAY_HOURS = gettext_noop("{days} : {hours}")
SEPARATOR = gettext_noop(" ; ")
# Times of day: « 9 h », « 17 h 30 » in French; other languages give their own shape in the catalogue.
HOUR = gettext_noop("{hour} h")
HOUR_MINUTES = gettext_noop("{hour} h {minutes}")
MIDNIGHT = gettext_noop("minuit")


def hm(minutes: int, _: Callable[[str], str] = lambda s: s) -> str:
    """540 -> '9 h', 1050 -> '17 h 30' (French typographic style)."""
    h, m = divmod(minutes, 60)
    if h == 24 and m == 0:
        return _(MIDNIGHT)
    return _(HOUR).format(hour=h) if m == 0 else _(HOUR_MINUTES).format(hour=h, minutes=f"{m:02d}")


def status(hours: Hours, now: datetime, _: Callable[[str], str] = lambda s: s) -> str | None:
    """Plain-French status at `now`, or None when the hours are unknown or malformed."""
    if hours.empty or not hours.ok or not hours.rules:
        return None
    minute = now.hour * 60 + now.minute
    for a, b in hours.spans_on(now.date()):
        if a <= minute < b:
            end = b
            # a span ending at midnight continued by one starting at 0:00 the next day
            return _(OPEN_CLOSES).format(time=hm(end, _))
    for offset in range(0, 8):
        day = now.date() + timedelta(days=offset)
        for a, _b in hours.spans_on(day):
            if offset == 0 and a <= minute:
                continue
            if offset == 0:
                return _(CLOSED_OPENS_TODAY).format(time=hm(a, _))
            if offset == 1:
                return _(CLOSED_OPENS_TOMORROW).format(time=hm(a, _))
            return _(CLOSED_OPENS_DAY).format(day=_(DAY_NAMES[day.weekday()]), time=hm(a, _))
    return _(CLOSED_NO_HOURS)


def _spans_text(spans: Iterable[tuple[int, int]], _: Callable[[str], str]) -> str:
    if not spans:
        return _(CLOSED)
    return _(AND).join(_(SPAN).format(start=hm(a, _), end=hm(b, _)) for a, b in spans)


def weekly_lines(hours: Hours, _: Callable[[str], str] = lambda s: s) -> list[tuple[str, str]]:
    """[(days, hours)] grouping consecutive weekdays with the same hours; closed days are left out."""
    if hours.empty or not hours.ok:
        return []
    week = hours.weekly()
    lines: list[tuple[str, str]] = []
    day = 0
    while day < 7:
        end = day
        while end + 1 < 7 and week[end + 1] == week[day]:
            end += 1
        if week[day]:
            first, last = _(DAY_NAMES[day]), _(DAY_NAMES[end])
            if end == day:
                label = first
            elif end == day + 1:
                label = f"{first}{_(AND)}{last}"
            else:
                label = _(RANGE).format(first=first, last=last)
            lines.append((label[:1].upper() + label[1:], _spans_text(week[day], _)))
        day = end + 1
    return lines


def notes(hours: Hours, _: Callable[[str], str] = lambda s: s) -> list[str]:
    out = []
    if any(r.holiday and not r.spans for r in hours.rules):
        out.append(_(HOLIDAYS_CLOSED))
    if any(r.weeks is not None for r in hours.rules):
        out.append(_(SOME_WEEKS))
    return out


def plain_text(hours: Hours, _: Callable[[str], str] = lambda s: s) -> str:
    """One line for copyable referral texts; the raw value when it cannot be read."""
    if hours.empty:
        return ""
    if not hours.ok:
        return hours.raw
    parts = [_(DAY_HOURS).format(days=days, hours=spans) for days, spans in weekly_lines(hours, _)]
    return _(SEPARATOR).join(parts + notes(hours, _))
