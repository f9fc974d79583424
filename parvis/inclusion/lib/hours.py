"""The subset of OpenStreetMap `opening_hours` used by help places, read into weekly rules and said in
plain French. Unsupported or malformed values are kept as given and flagged (`ok` is False)."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache

from parvis.translation import gettext_noop

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_NAMES = (
    gettext_noop("lundi"),
    gettext_noop("mardi"),
    gettext_noop("mercredi"),
    gettext_noop("jeudi"),
    gettext_noop("vendredi"),
    gettext_noop("samedi"),
    gettext_noop("dimanche"),
)
SPAN_RE = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})\+?$")
DAY_RE = re.compile(r"^(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?$")
WEEK_RE = re.compile(r"^week\s+(\d{1,2})(?:-(\d{1,2}))?(?:/(\d{1,2}))?\s*")


@dataclass
class Rule:
    days: frozenset[int] | None  # None: every day
    spans: tuple[tuple[int, int], ...]  # minutes since midnight
    holiday: bool = False  # "PH" rule
    weeks: frozenset[int] | None = None


@dataclass
class Hours:
    raw: str
    rules: list[Rule] = field(default_factory=list)
    ok: bool = True

    @property
    def empty(self) -> bool:
        return not self.raw.strip()

    def spans_on(self, day: date) -> tuple[tuple[int, int], ...]:
        spans: tuple[tuple[int, int], ...] = ()
        holiday = day in french_holidays(day.year)
        for rule in self.rules:
            if rule.holiday:
                if holiday:
                    spans = rule.spans
                continue
            if rule.days is not None and day.weekday() not in rule.days:
                continue
            if rule.weeks is not None and day.isocalendar().week not in rule.weeks:
                continue
            spans = rule.spans
        return spans

    def is_open(self, moment: datetime) -> bool:
        minute = moment.hour * 60 + moment.minute
        return any(a <= minute < b for a, b in self.spans_on(moment.date()))

    def open_on_weekday(self, weekday: int) -> bool:
        return any(
            not r.holiday and (r.days is None or weekday in r.days) and r.spans for r in self.rules
        ) and bool(self.weekly()[weekday])

    def weekly(self) -> list[tuple[tuple[int, int], ...]]:
        """Spans for each weekday of an ordinary week (no holiday, week rules ignored)."""
        out = []
        for weekday in range(7):
            spans: tuple[tuple[int, int], ...] = ()
            for rule in self.rules:
                if not rule.holiday and (rule.days is None or weekday in rule.days):
                    spans = rule.spans
            out.append(spans)
        return out


def _minutes(h: str, m: str) -> int:
    return int(h) * 60 + int(m)


def _parse_days(text: str) -> frozenset[int] | None:
    days: set[int] = set()
    for part in text.split(","):
        match = DAY_RE.match(part)
        if not match:
            return None
        start = DAYS.index(match.group(1))
        end = DAYS.index(match.group(2)) if match.group(2) else start
        i = start
        while True:
            days.add(i)
            if i == end:
                break
            i = (i + 1) % 7
    return frozenset(days)


def _parse_spans(text: str) -> tuple[tuple[int, int], ...] | None:
    if text in ("off", "closed"):
        return ()
    spans = []
    for part in text.split(","):
        match = SPAN_RE.match(part.strip())
        if not match:
            return None
        start, end = _minutes(*match.group(1, 2)), _minutes(*match.group(3, 4))
        if start >= 24 * 60 or end > 24 * 60 or int(match.group(2)) > 59 or int(match.group(4)) > 59:
            return None
        spans.append((start, end if end > start else 24 * 60))
    return tuple(sorted(spans))


def _parse_rule(text: str) -> Rule | None:
    weeks = None
    match = WEEK_RE.match(text)
    if match:
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        weeks = frozenset(range(first, last + 1, int(match.group(3) or 1)))
        text = text[match.end() :]
    if text == "24/7":
        return Rule(None, ((0, 24 * 60),), weeks=weeks)
    head, _, rest = text.partition(" ")
    selectors = head.split(",")
    holiday = "PH" in selectors
    others = [s for s in selectors if s != "PH"]
    if holiday or (others and DAY_RE.match(others[0])):
        if holiday and others:
            return None  # "Mo,PH ..." combinations are rare: treated as unsupported
        days = _parse_days(",".join(others)) if others else None
        if others and days is None:
            return None
        span_text = rest.strip()
    else:
        days, span_text = None, text
    spans = _parse_spans(span_text) if span_text else None
    if spans is None:
        return None
    return Rule(days, spans, holiday=holiday, weeks=weeks)


@cache
def parse(raw: str) -> Hours:
    hours = Hours(raw=raw or "")
    text = re.sub(r"\s+", " ", hours.raw.replace("||", ";")).strip().rstrip(";")
    if not text:
        return hours
    for chunk in text.split(";"):
        chunk = chunk.strip()
        if not chunk:
            continue
        rule = _parse_rule(chunk)
        if rule is None:
            return Hours(raw=raw, ok=False)
        hours.rules.append(rule)
    return hours


@cache
def french_holidays(year: int) -> frozenset[date]:
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    easter = date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    return frozenset(
        [date(year, mo, da) for mo, da in fixed] + [easter + timedelta(days=n) for n in (1, 39, 50)]
    )
