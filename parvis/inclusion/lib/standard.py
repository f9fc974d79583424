"""Clean and validate one row of a help-place file against LaMednum's standard v1.0.2
(also accepting standard v0.1 columns and values), and serialise a record back to the standard."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from . import messages as M
from .geo import in_france
from .vocab import (
    EMPTY_PIVOT,
    LEGACY_FIELD_RENAMES,
    MULTI_FIELDS,
    field_names,
    fold,
    folded_lookup,
    vocabularies,
)

RESUME_MAX = 280
DETAIL_MAX = 10_000
TEXT_MAX = 1_000
REQUIRED_TEXT = ("nom", "commune", "adresse")
URL_FIELDS = ("fiche_acces_libre", "prise_rdv")
SPLIT_RE = re.compile(r"\s*[|;]\s*")
PIVOT_RE = re.compile(r"^[a-zA-Z0-9]{9,14}$")
INSEE_RE = re.compile(r"^([013-9]\d|2[AB1-9])\d{3}$")
PHONE_RE = re.compile(r"^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$")
EARLIEST_UPDATE = date(1990, 1, 1)  # before the web: a spreadsheet's or a Unix epoch's default (1899, 1970)
EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")


@dataclass
class RowResult:
    record: dict[str, Any] | None
    issues: list[M.Issue] = field(default_factory=list)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").strip()


def _split(text: str) -> list[str]:
    return [v for v in SPLIT_RE.split(text) if v] if text else []


def parse_date(text: str) -> date | None:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text[:10], fmt).date()
        except ValueError:
            continue
    return None


def plausible_update(value: date, today: date | None = None) -> bool:
    """Whether ``value`` can be the date a place's information was updated: not before 1990 (1969-12-31
    and 1970-01-01 are empty Unix timestamps), not after today."""
    return EARLIEST_UPDATE <= value <= (today or date.today())


def normalise_phone(text: str) -> str | None:
    digits = re.sub(r"[\s.\-()/]", "", text)
    if digits.startswith("0033"):
        digits = "+33" + digits[4:]
    if re.fullmatch(r"0\d{9}", digits):
        digits = "+33" + digits[1:]
    if digits.startswith("+330"):
        digits = "+33" + digits[4:]
    return digits if PHONE_RE.match(digits) else None


def _float(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


class _Row:
    """Accumulates the cleaned record and the issues of one row."""

    def __init__(self, line: int) -> None:
        self.line = line
        self.issues: list[M.Issue] = []
        self.record: dict[str, Any] = {name: [] if name in MULTI_FIELDS else "" for name in field_names()}
        self.record["latitude"] = self.record["longitude"] = None

    def issue(self, column: str, cell: object, template: str, blocking: bool = False, **params: Any) -> None:
        self.issues.append(M.Issue(self.line, column, str(cell), template, params, blocking))

    def add_values(self, column: str, text: str) -> None:
        lookup = folded_lookup(column)
        if column in vocabularies() or column in ("publics_accueillis", "labels_nationaux"):
            for value in _split(text):
                key = fold(value)
                if key in lookup:
                    target = lookup[key]
                    if target is not None:
                        self._append(*target)
                    continue
                allowed = ", ".join(vocabularies().get(column, ()))
                self.issue(column, value, M.UNKNOWN_VALUE, value=value, allowed=allowed)
        else:
            for value in _split(text):
                self._append(column, value)

    def _append(self, column: str, value: str) -> None:
        if column in MULTI_FIELDS:
            if value not in self.record[column]:
                self.record[column].append(value)
        else:  # free-text target (autres_formations_labels): join with a comma
            current = self.record[column]
            self.record[column] = f"{current}, {value}" if current else value


def clean_row(raw: dict[Any, Any], *, line: int) -> RowResult:
    row = _Row(line)
    data = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
    for old, new in LEGACY_FIELD_RENAMES.items():
        if old in data and not _text(data.get(new)):
            data[new] = data.pop(old)
    for name in MULTI_FIELDS + ("publics_accueillis", "labels_nationaux"):
        text = _text(data.get(name))
        if name in ("courriels", "site_web"):
            text = text.replace(",", "|") if name == "courriels" else text
        if text:
            row.add_values(name, text)
    _scalars(row, data)
    _identity(row, data)
    _coordinates(row, data)
    _contacts(row)
    blocking = any(i.blocking for i in row.issues)
    return RowResult(None if blocking else row.record, row.issues)


def _scalars(row: _Row, data: dict[str, Any]) -> None:
    rec = row.record
    for name in field_names():
        if name in MULTI_FIELDS or name in ("latitude", "longitude"):
            continue
        text = _text(data.get(name))
        if name == "autres_formations_labels" and rec[name]:
            text = f"{text}, {rec[name]}" if text else rec[name]
        limit = (
            RESUME_MAX
            if name == "presentation_resume"
            else DETAIL_MAX
            if name == "presentation_detail"
            else TEXT_MAX
        )
        if len(text) > limit:
            row.issue(name, text[:60], M.TOO_LONG, length=len(text), maximum=limit)
            text = text[: limit - 1].rstrip() + "…"
        rec[name] = text
    for name in REQUIRED_TEXT + ("id",):
        if not rec[name]:
            row.issue(name, "", M.MISSING, blocking=True)


def _identity(row: _Row, data: dict[str, Any]) -> None:
    rec = row.record
    pivot = re.sub(r"\s", "", rec["pivot"])
    if not pivot:
        row.issue("pivot", "", M.NO_PIVOT, empty=EMPTY_PIVOT)
        pivot = EMPTY_PIVOT
    elif not PIVOT_RE.match(pivot):
        row.issue("pivot", pivot, M.BAD_PIVOT, value=pivot, empty=EMPTY_PIVOT)
        pivot = EMPTY_PIVOT
    rec["pivot"] = pivot
    for name, required in (("code_postal", True), ("code_insee", False)):
        value = rec[name].replace(" ", "")
        if re.fullmatch(r"\d{4}", value):
            row.issue(name, value, M.PADDED_POSTCODE, value=value, fixed="0" + value)
            value = "0" + value
        ok = re.fullmatch(r"\d{5}", value) if name == "code_postal" else INSEE_RE.match(value)
        if not value:
            if required:
                row.issue(name, "", M.MISSING, blocking=True)
        elif not ok:
            if required:
                row.issue(name, value, M.BAD_POSTCODE, blocking=True, value=value)
            else:
                row.issue(name, value, M.BAD_INSEE, value=value)
                value = ""
        rec[name] = value
    if not rec["date_maj"]:
        row.issue("date_maj", "", M.MISSING, blocking=True)
    else:
        parsed = parse_date(rec["date_maj"])
        if parsed is None:
            row.issue("date_maj", rec["date_maj"], M.BAD_DATE, blocking=True, value=rec["date_maj"])
        else:
            if not plausible_update(parsed):
                row.issue(
                    "date_maj",
                    rec["date_maj"],
                    M.IMPOSSIBLE_DATE,
                    value=rec["date_maj"],
                    earliest=EARLIEST_UPDATE.year,
                )
            rec["date_maj"] = parsed.isoformat()


def _coordinates(row: _Row, data: dict[str, Any]) -> None:
    lat_text, lon_text = _text(data.get("latitude")), _text(data.get("longitude"))
    if not lat_text and not lon_text:
        return
    if not lat_text or not lon_text:
        row.issue("latitude" if not lat_text else "longitude", "", M.ONE_COORDINATE)
        return
    lat, lon = _float(lat_text), _float(lon_text)
    if lat is None or lon is None:
        bad = lat_text if lat is None else lon_text
        row.issue("latitude" if lat is None else "longitude", bad, M.BAD_NUMBER, value=bad)
        return
    if not in_france(lat, lon):
        if in_france(lon, lat):
            row.issue("latitude", lat_text, M.SWAPPED, lat=lat_text, lon=lon_text)
            lat, lon = lon, lat
        else:
            row.issue("latitude", lat_text, M.OUTSIDE_FRANCE, lat=lat_text, lon=lon_text)
            return
    row.record["latitude"], row.record["longitude"] = lat, lon


def _contacts(row: _Row) -> None:
    rec = row.record
    if rec["telephone"]:
        phones = [p for p in re.split(r"\s*[|;/,]\s*", rec["telephone"]) if p]
        first = normalise_phone(phones[0]) if phones else None
        if first is None:
            row.issue("telephone", rec["telephone"], M.BAD_PHONE, value=rec["telephone"])
        elif len(phones) > 1:
            row.issue("telephone", rec["telephone"], M.EXTRA_PHONES, rest=", ".join(phones[1:]))
        rec["telephone"] = first or ""
    urls = []
    for url in rec["site_web"]:
        if _safe_url(url):
            urls.append(url)
        else:
            row.issue("site_web", url, M.BAD_URL, value=url)
    rec["site_web"] = urls
    for name in URL_FIELDS:
        if rec[name] and not _safe_url(rec[name]):
            row.issue(name, rec[name], M.BAD_URL, value=rec[name])
            rec[name] = ""
    emails = []
    for email in rec["courriels"]:
        if EMAIL_RE.match(email):
            emails.append(email)
        else:
            row.issue("courriels", email, M.BAD_EMAIL, value=email)
    rec["courriels"] = emails


def _safe_url(url: str) -> bool:
    return bool(re.match(r"^https?://[^\s<>\"]+$", url, re.IGNORECASE))


def to_row(record: dict[str, Any]) -> dict[str, str]:
    """Serialise a cleaned record as a row of the standard (strings, multi-values joined by '|')."""
    out = {}
    for name in field_names():
        value = record.get(name)
        if name in MULTI_FIELDS:
            out[name] = "|".join(value or [])
        elif value is None:
            out[name] = ""
        else:
            out[name] = repr(value) if isinstance(value, float) else str(value)
    return out
