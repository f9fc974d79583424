"""Opening hours: the real `horaires` values, plain French, malformed values kept as given."""

import gzip
import json
from datetime import datetime

import pytest

from parvis.inclusion.lib import hours_fr
from parvis.inclusion.lib.hours import french_holidays, parse
from parvis.inclusion.tests.helpers import SAMPLES

WEDNESDAY_10 = datetime(2026, 11, 25, 10, 5)


def real_values() -> list[str]:
    return sorted(
        {
            r["horaires"]
            for p in SAMPLES
            for r in json.loads(gzip.decompress(p.read_bytes()))
            if r.get("horaires")
        }
    )


def test_real_values_are_read_and_only_seven_are_flagged():
    values = real_values()
    malformed = [v for v in values if not parse(v).ok]
    assert len(values) == 842
    assert malformed == sorted(malformed) and len(malformed) == 7
    assert "Tu-Fr 09:00-12:00,14:00-17:00; Mo 14-17;9-12,14-17" in malformed


def test_every_real_value_gives_a_status_or_is_shown_as_given():
    for value in real_values():
        hours = parse(value)
        if hours.ok:
            assert hours_fr.status(hours, WEDNESDAY_10)
        else:
            assert hours_fr.status(hours, WEDNESDAY_10) is None
            assert hours_fr.plain_text(hours) == value


@pytest.mark.parametrize(
    ("value", "moment", "expected"),
    [
        ("Mo-Fr 09:00-12:00,14:00-17:00", WEDNESDAY_10, "Ouvert maintenant, ferme à 12 h"),
        ("Mo-Fr 09:00-12:00,14:00-17:00", datetime(2026, 11, 25, 12, 30), "Fermé maintenant, ouvre à 14 h"),
        (
            "Mo-Fr 09:00-12:00,14:00-17:00",
            datetime(2026, 11, 25, 18, 0),
            "Fermé maintenant, ouvre demain à 9 h",
        ),
        (
            "Mo-Fr 09:00-12:00,14:00-17:00",
            datetime(2026, 11, 28, 11, 0),
            "Fermé maintenant, ouvre lundi à 9 h",
        ),
        (
            "Mo-Fr 08:30-12:00,13:30-17:00; Th 08:30-12:00",
            datetime(2026, 11, 26, 14, 0),
            "Fermé maintenant, ouvre demain à 8 h 30",
        ),
        ("Mo-Fr 09:30-12:00; Tu,We off", WEDNESDAY_10, "Fermé maintenant, ouvre demain à 9 h 30"),
        ("Mo-Fr 09:00-17:00; PH off", datetime(2026, 11, 11, 10, 0), "Fermé maintenant, ouvre demain à 9 h"),
        ("24/7", WEDNESDAY_10, "Ouvert maintenant, ferme à minuit"),
    ],
)
def test_status_in_plain_french(value, moment, expected):
    assert hours_fr.status(parse(value), moment) == expected


def test_weekly_summary_groups_days():
    lines = hours_fr.weekly_lines(parse("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00"))
    assert lines == [("Du lundi au vendredi", "9 h – 12 h et 14 h – 17 h"), ("Samedi", "9 h – 12 h")]


def test_week_rules_and_holidays_are_noted():
    assert hours_fr.notes(parse("week 2-52/2 Fr 09:00-12:30; PH off")) == [
        "Fermé les jours fériés",
        "Certaines semaines seulement",
    ]


@pytest.mark.parametrize(
    "value", ["Mo-Fr 25:00-26:00", "tous les jours", "Mo 09:00-", "Lu-Ve 9h-12h", "Mo 09:61-10:00"]
)
def test_malformed_values_never_crash(value):
    hours = parse(value)
    assert (
        not hours.ok and hours_fr.status(hours, WEDNESDAY_10) is None and hours_fr.weekly_lines(hours) == []
    )


def test_french_holidays_include_easter_monday_and_bastille_day():
    days = french_holidays(2026)
    assert datetime(2026, 4, 6).date() in days and datetime(2026, 7, 14).date() in days
