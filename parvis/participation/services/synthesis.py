"""Synthesis services: run the offline theme discovery on a process, store versions, rename/merge/split."""

from collections import Counter

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from parvis.accounts.services import audit
from parvis.participation import selectors
from parvis.participation.lib import answerfile
from parvis.participation.lib.themes import QUOTE_MAX_CHARS, Document, synthesise
from parvis.participation.models import (
    Contribution,
    Proposal,
    Question,
    Synthesis,
    SynthesisItem,
    Theme,
    Visibility,
)
from parvis.participation.services import ParticipationError

THEMES_RANGE = (2, 40)


def check_theme_count(n_themes: int | None) -> None:
    """A number of themes asked by a person must be readable; None lets the synthesis choose (6 to 15)."""
    low, high = THEMES_RANGE
    if n_themes is not None and not low <= n_themes <= high:
        raise ParticipationError(
            _("Le nombre de thèmes doit être compris entre %(low)s et %(high)s.") % {"low": low, "high": high}
        )


def documents(process, question=None) -> list[Document]:
    """Open answers (each with its question) and proposals, visible and anonymous (text, postcode, channel).

    With ``question`` (an open question of the process), only the answers to it: the themes of one question."""
    asked = [question] if question is not None else selectors.open_questions(process)
    open_questions = {str(q.pk): q.text for q in asked}
    docs = []
    contributions = Contribution.objects.filter(process=process, visibility=Visibility.VISIBLE)
    for pk, answers, postcode, channel in contributions.values_list(
        "pk", "answers", "postcode", "channel"
    ).iterator(chunk_size=5000):
        for qid, text in answers.items():
            if qid in open_questions and text.strip():
                docs.append(
                    Document(text, f"contribution:{pk}:{qid}", postcode, channel, open_questions[qid])
                )
    if question is not None:
        return docs
    proposals = Proposal.objects.filter(process=process, visibility=Visibility.VISIBLE)
    for pk, title, body, postcode in proposals.values_list("pk", "title", "body", "postcode"):
        docs.append(Document(f"{title}. {body}", f"proposal:{pk}", postcode, "en_ligne"))
    return docs


def check_question(process, question) -> None:
    """The scope of a synthesis: an open question of this process, or None for all answers and proposals."""
    if question is not None and (question.process_id != process.pk or question.kind != Question.Kind.OPEN):
        raise ParticipationError(_("Cette question n'est pas une question ouverte de la démarche."))


def _quote(doc: Document) -> dict:
    text = doc.text if len(doc.text) <= QUOTE_MAX_CHARS else doc.text[: QUOTE_MAX_CHARS - 1] + "…"
    return {"text": text, "postcode": doc.postcode, "channel": doc.channel}


def _breakdown(items, attribute: str) -> dict[str, int]:
    return dict(Counter(getattr(i, attribute) or "inconnu" for i in items).most_common())


def _theme_dicts(docs: list[Document], result) -> list[dict]:
    return [
        {
            "label": t.label,
            "terms": t.terms,
            "summary": t.summary,
            "quotes": [_quote(docs[i]) for i in t.quotes],
            "items": [docs[i] for i in t.members],
        }
        for t in result.themes
    ]


def _item(synthesis, theme, doc: Document) -> SynthesisItem:
    return SynthesisItem(
        synthesis=synthesis,
        theme=theme,
        text=doc.text,
        postcode=doc.postcode,
        channel=doc.channel,
        source=doc.ref[:40],
        question=doc.question[:500],
    )


@transaction.atomic
def _store(
    process,
    actor,
    note: str,
    themes: list[dict],
    unclassified: list[Document],
    duplicates: list,
    request_id=None,
    question=None,
) -> Synthesis:
    last = Synthesis.objects.select_for_update().filter(process=process).aggregate(v=Max("version"))["v"] or 0
    if request_id is not None:
        # Two attempts of the same request that ran side by side: the first stored wins (rows are locked).
        stored = Synthesis.objects.filter(process=process, request_id=request_id).first()
        if stored is not None:
            return stored
    total = sum(len(t["items"]) for t in themes) + len(unclassified)
    synthesis = Synthesis.objects.create(
        process=process,
        version=last + 1,
        note=note[:300],
        created_by=actor,
        documents=total,
        unclassified=len(unclassified),
        duplicate_groups=duplicates,
        request_id=request_id,
        question=question,
    )
    rows = []
    themes = sorted(themes, key=lambda t: len(t["items"]), reverse=True)
    for position, t in enumerate(themes):
        theme = Theme.objects.create(
            synthesis=synthesis,
            position=position,
            label=t["label"][:200],
            terms=t["terms"],
            summary=t["summary"],
            size=len(t["items"]),
            quotes=t["quotes"],
            by_postcode=_breakdown(t["items"], "postcode"),
            by_channel=_breakdown(t["items"], "channel"),
            by_question=_breakdown([d for d in t["items"] if d.question], "question"),
        )
        rows += [_item(synthesis, theme, d) for d in t["items"]]
    rows += [_item(synthesis, None, d) for d in unclassified]
    SynthesisItem.objects.bulk_create(rows, batch_size=2000)
    audit(
        actor=actor,
        action="participation.synthesis.version",
        target=synthesis,
        organisation=process.organisation,
        details={"note": note[:300], "themes": len(themes)},
    )
    return synthesis


def run(*, process, actor=None, n_themes: int | None = None, request_id=None, question=None) -> Synthesis:
    """A new version; its ``notices`` (not stored) tell what a person should know about the answers.

    ``question``: an open question of the process, to read its answers alone (None: every open answer and
    every proposal, each answer read with its question). ``request_id`` (a UUID) identifies the request: run
    again with the same one (a retried background task), it returns the version already stored instead of
    adding another."""
    check_theme_count(n_themes)
    check_question(process, question)
    if request_id is not None:
        stored = Synthesis.objects.filter(process=process, request_id=request_id).first()
        if stored is not None:
            stored.notices = []  # type: ignore[attr-defined]  # told to the page, not stored
            return stored
    docs = documents(process, question)
    if len(docs) < 2:
        raise ParticipationError(
            _("Il faut au moins deux réponses ouvertes ou propositions pour une synthèse.")
        )
    result = synthesise(docs, n_themes=n_themes)
    if not result.themes:
        raise ParticipationError(" ".join(result.notices))
    duplicates = [
        [docs[i].text[:200] for i in group[:1]] + [len(group)] for group in result.duplicate_groups[:50]
    ]
    version = _store(
        process,
        actor,
        _("Synthèse automatique"),
        _theme_dicts(docs, result),
        [docs[i] for i in result.unclassified],
        duplicates,
        request_id,
        question,
    )
    version.notices = result.notices  # type: ignore[attr-defined]  # told to the page, not stored
    return version


def file_synthesis(
    data: bytes,
    *,
    name: str,
    text_column: str,
    question_column: str | None = None,
    n_themes: int | None = None,
    per_question: bool = False,
) -> dict:
    """Themes of a CSV of answers, by row number (from 0 after the header): the page's synthesis, unstored.

    ``per_question``: one synthesis per question of ``question_column`` (``{"questions": [{"question",
    "themes", "unclassified"}], "notices"}``), as the page does for one question; otherwise one synthesis of
    every row, each read with its question. Raises :class:`answerfile.AnswerFileError` or
    :class:`ParticipationError` with a French message."""
    check_theme_count(n_themes)
    if per_question and not question_column:
        raise ParticipationError(_("La synthèse par question demande la colonne des questions."))
    rows = answerfile.read(data, text_column, question_column, name=name)
    if not per_question:
        return _file_themes(rows.texts, rows.questions, list(range(len(rows.texts))), n_themes)
    by_question: dict[str, list[int]] = {}
    for i, question in enumerate(rows.questions):
        by_question.setdefault(question, []).append(i)
    questions, notices = [], []
    for question, numbers in by_question.items():
        found = _file_themes([rows.texts[i] for i in numbers], [question] * len(numbers), numbers, n_themes)
        notices += [f"« {question or _('sans question')} » : {notice}" for notice in found.pop("notices")]
        questions.append({"question": question, **found})
    return {"questions": questions, "notices": notices}


def _file_themes(texts: list[str], questions: list[str], numbers: list[int], n_themes: int | None) -> dict:
    """Themes of ``texts``, their members given by ``numbers`` (the texts' row numbers in the file)."""
    result = synthesise(
        [Document(text, question=question) for text, question in zip(texts, questions, strict=True)],
        n_themes=n_themes,
    )
    return {
        "themes": [
            {"label": t.label, "summary": t.summary, "size": t.size, "rows": [numbers[i] for i in t.members]}
            for t in result.themes
        ],
        "unclassified": [numbers[i] for i in result.unclassified],
        "notices": result.notices,
    }


def _load(synthesis) -> tuple[list[dict], list[Document]]:
    themes = {
        t.pk: {
            "label": t.label,
            "terms": t.terms,
            "summary": t.summary,
            "quotes": t.quotes,
            "items": [],
            "pk": t.pk,
        }
        for t in synthesis.themes.all()
    }
    unclassified: list[Document] = []
    for item in synthesis.items.all().iterator(chunk_size=5000):
        doc = Document(item.text, item.source, item.postcode, item.channel, item.question)
        (themes[item.theme_id]["items"] if item.theme_id else unclassified).append(doc)
    return list(themes.values()), unclassified


def _derive(synthesis, actor, note: str, change) -> Synthesis:
    themes, unclassified = _load(synthesis)
    return _store(
        synthesis.process,
        actor,
        note,
        change(themes),
        unclassified,
        synthesis.duplicate_groups,
        question=synthesis.question,
    )


def rename(*, theme, label: str, actor) -> Synthesis:
    label = label.strip()
    if not label:
        raise ParticipationError(_("Le nouvel intitulé du thème est vide."))

    def change(themes):
        for t in themes:
            if t["pk"] == theme.pk:
                t["label"] = label
        return themes

    return _derive(
        theme.synthesis,
        actor,
        _("Thème « %(old)s » renommé en « %(new)s »") % {"old": theme.label, "new": label},
        change,
    )


def merge(*, themes: list, actor) -> Synthesis:
    if len(themes) < 2 or len({t.synthesis_id for t in themes}) != 1:
        raise ParticipationError(_("Cochez au moins deux thèmes de la même version à fusionner."))
    ids = [t.pk for t in themes]

    def change(all_themes):
        merged = [t for t in all_themes if t["pk"] in ids]
        rest = [t for t in all_themes if t["pk"] not in ids]
        merged.sort(key=lambda t: len(t["items"]), reverse=True)
        combined = {
            "label": " / ".join(t["label"] for t in merged)[:200],
            "terms": [term for t in merged for term in t["terms"][:3]],
            "summary": " ".join(t["summary"] for t in merged[:2]).strip(),
            "quotes": [q for t in merged for q in t["quotes"]][:3],
            "items": [d for t in merged for d in t["items"]],
        }
        return rest + [combined]

    return _derive(themes[0].synthesis, actor, _("Fusion de %(n)s thèmes") % {"n": len(themes)}, change)


def split(*, theme, actor) -> Synthesis:
    if theme.size < 4:
        raise ParticipationError(_("Un thème de moins de 4 contributions ne peut pas être scindé."))

    def change(all_themes):
        target = next(t for t in all_themes if t["pk"] == theme.pk)
        result = synthesise(target["items"], n_themes=2)
        if len(result.themes) < 2:
            raise ParticipationError(_("Ce thème est trop homogène pour être scindé en deux."))
        parts = _theme_dicts(target["items"], result)
        leftovers = [target["items"][i] for i in result.unclassified]
        parts[0]["items"] += leftovers
        return [t for t in all_themes if t["pk"] != theme.pk] + parts

    return _derive(
        theme.synthesis, actor, _("Thème « %(label)s » scindé en deux") % {"label": theme.label}, change
    )
