"""A CSV of open answers for batch synthesis: one text column, optionally the question each row answers."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from parvis.participation.lib.grandebat import GrandDebatError, decode, delimiter
from parvis.translation import _


class AnswerFileError(ValueError):
    """The file cannot be read as answers; the message says why, in French."""


@dataclass
class AnswerFile:
    texts: list[str]
    questions: list[str]  # empty strings without a question column
    encoding: str


def _column(header: list[str], name: str) -> int:
    if name not in header:
        raise AnswerFileError(
            _("La colonne « %(name)s » n'existe pas dans le fichier. Colonnes présentes : %(columns)s.")
            % {"name": name, "columns": ", ".join(f"« {h} »" for h in header)}
        )
    return header.index(name)


def read(data: bytes, text_column: str, question_column: str | None = None, *, name: str) -> AnswerFile:
    """Rows of the file in order (row 0 is the first line after the header); encoding detected.

    ``name`` is the file's name, quoted in refusals."""
    try:
        text, encoding = decode(data, name=name)
    except GrandDebatError as error:
        raise AnswerFileError(str(error)) from None
    if not text.strip():
        raise AnswerFileError(_("Le fichier est vide."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text.split("\n", 1)[0]))
    header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    text_at = _column(header, text_column)
    question_at = _column(header, question_column) if question_column else None
    texts, questions = [], []
    for values in reader:
        texts.append(values[text_at].strip() if text_at < len(values) else "")
        questions.append(
            values[question_at].strip() if question_at is not None and question_at < len(values) else ""
        )
    if not texts:
        raise AnswerFileError(_("Le fichier n'a pas de ligne de réponse après l'en-tête."))
    return AnswerFile(texts, questions, encoding)
