"""Read and write contributions in the Grand Débat National open-data CSV layout."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from parvis.core.lib import fileguard, textio
from parvis.translation import _

FIXED_COLUMNS = [
    "id",
    "reference",
    "title",
    "createdAt",
    "publishedAt",
    "updatedAt",
    "trashed",
    "trashedStatus",
    "authorId",
    "authorType",
    "authorZipCode",
]
REQUIRED_COLUMNS = ["id", "createdAt", "authorZipCode"]
_QUESTION = re.compile(r"^(?P<qid>\S+) - (?P<text>.+)$", re.S)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")
_TRUE = {"true", "1", "oui", "vrai", "yes"}


class GrandDebatError(ValueError):
    """The file cannot be read at all; the message is in French and says where."""


@dataclass(frozen=True)
class Question:
    qid: str
    text: str
    column: str


@dataclass
class Row:
    line: int
    id: str
    reference: str
    title: str
    created_at: datetime | None
    published_at: datetime | None
    updated_at: datetime | None
    trashed: bool
    trashed_status: str
    author_id: str
    author_type: str
    author_zip_code: str
    answers: dict[str, str]


@dataclass
class Parsed:
    questions: list[Question]
    rows: list[Row]
    errors: list[str] = field(default_factory=list)
    encoding: str = "utf-8"


def decode(data: bytes, *, name: str) -> tuple[str, str]:
    """Decode UTF-8 or ISO-8859-1 (Windows-1252) bytes; refuse mixed or binary content with a located message.

    ``name`` is the file's name as the user knows it (the uploaded file's), quoted in refusals."""
    try:
        fileguard.check_text(data, name, fileguard.Limits())
    except fileguard.FileRefused as refused:
        raise GrandDebatError(refused.message) from None
    try:
        text, detected = textio.decode(data)
    except textio.MixedEncoding as mixed:
        raise GrandDebatError(
            _(
                "Encodage incohérent : le fichier mélange de l'UTF-8 et un autre encodage "
                "(premier octet invalide ligne %(line)s). Enregistrez-le en UTF-8 ou en ISO-8859-1."
            )
            % {"line": mixed.line}
        ) from None
    # The report names the family, as the Grand Débat's own exports do: UTF-8 or ISO-8859-1 (Windows-1252).
    encoding = {"utf-8-sig": "utf-8", "cp1252": "iso-8859-1", "latin-1": "iso-8859-1"}.get(detected, detected)
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise GrandDebatError(
            _(
                "Le fichier n'est pas un texte lisible en UTF-8 ou ISO-8859-1 (caractère invalide ligne %(line)s)."
            )
            % {"line": line}
        )
    return text, encoding


def parse_datetime(value: str) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d])


def parse(data: bytes, *, name: str, max_answer_chars: int = 20_000) -> Parsed:
    """Parse a Grand Débat CSV; bad rows are listed in ``errors`` (line and column), never silently dropped."""
    text, encoding = decode(data, name=name)
    if not text.strip():
        raise GrandDebatError(_("Le fichier est vide."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text.split("\n", 1)[0]))
    header = [h.strip() for h in next(reader)]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    questions = []
    for col in header:
        m = _QUESTION.match(col)
        if col not in FIXED_COLUMNS and m:
            questions.append(Question(m["qid"], m["text"].strip(), col))
    if missing or not questions:
        parts = []
        if missing:
            parts.append(_("colonnes obligatoires absentes : {columns}").format(columns=", ".join(missing)))
        if not questions:
            parts.append(_("aucune colonne de question au format « Q<id> - <question> »"))
        raise GrandDebatError(
            _("En-tête invalide (ligne 1) : {problems}.").format(problems=" ; ".join(parts))
        )
    index = {c: i for i, c in enumerate(header)}
    q_index = [(q.qid, index[q.column]) for q in questions]
    parsed = Parsed(questions, [], encoding=encoding)

    def cell(values: list[str], name: str) -> str:
        i = index.get(name)
        return values[i].strip() if i is not None else ""

    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            parsed.errors.append(
                _("Ligne %(line)s : %(found)s colonnes au lieu de %(expected)s, ligne ignorée.")
                % {"line": line, "found": len(values), "expected": len(header)}
            )
            continue
        dates = {}
        try:
            for name in ("createdAt", "publishedAt", "updatedAt"):
                dates[name] = parse_datetime(cell(values, name))
        except ValueError:
            parsed.errors.append(
                _("Ligne %(line)s, colonne %(column)s : date illisible « %(value)s », ligne ignorée.")
                % {"line": line, "column": name, "value": cell(values, name)[:40]}
            )
            continue
        answers = {}
        for qid, i in q_index:
            answer = values[i].strip()
            if len(answer) > max_answer_chars:
                parsed.errors.append(
                    _(
                        "Ligne %(line)s, colonne %(column)s : réponse de %(length)s caractères tronquée à %(limit)s."
                    )
                    % {
                        "line": line,
                        "column": header[i][:60],
                        "length": len(answer),
                        "limit": max_answer_chars,
                    }
                )
                answer = answer[:max_answer_chars]
            if answer:
                answers[qid] = answer
        parsed.rows.append(
            Row(
                line=line,
                id=cell(values, "id"),
                reference=cell(values, "reference"),
                title=cell(values, "title"),
                created_at=dates["createdAt"],
                published_at=dates["publishedAt"],
                updated_at=dates["updatedAt"],
                trashed=cell(values, "trashed").lower() in _TRUE,
                trashed_status=cell(values, "trashedStatus"),
                author_id=cell(values, "authorId"),
                author_type=cell(values, "authorType"),
                author_zip_code=cell(values, "authorZipCode"),
                answers=answers,
            )
        )
    return parsed


def question_column(qid: str, text: str) -> str:
    return f"{qid} - {text}"


def write(questions: list[tuple[str, str]], rows: list[dict[str, Any]], out: io.TextIOBase) -> None:
    """Write rows (dicts keyed by the fixed columns, plus ``answers`` keyed by question id) in the layout."""
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(FIXED_COLUMNS + [question_column(qid, text) for qid, text in questions])
    for row in rows:
        answers = row.get("answers", {})
        writer.writerow(
            [_cell(row.get(c, "")) for c in FIXED_COLUMNS] + [answers.get(qid, "") for qid, _ in questions]
        )


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return "" if value is None else str(value)
