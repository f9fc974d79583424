"""Synthesis services: run the offline theme discovery on a process, store versions, rename/merge/split."""

from collections import Counter

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from parvis.accounts.services import audit
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


def documents(process) -> list[Document]:
    """Open answers of visible contributions and visible proposals, anonymous (text, postcode, channel)."""
    open_ids = {
        str(pk) for pk in process.questions.filter(kind=Question.Kind.OPEN).values_list("pk", flat=True)
    }
    docs = []
    contributions = Contribution.objects.filter(process=process, visibility=Visibility.VISIBLE)
    for pk, answers, postcode, channel in contributions.values_list(
        "pk", "answers", "postcode", "channel"
    ).iterator(chunk_size=5000):
        for qid, text in answers.items():
            if qid in open_ids and text.strip():
                docs.append(Document(text, f"contribution:{pk}:{qid}", postcode, channel))
    proposals = Proposal.objects.filter(process=process, visibility=Visibility.VISIBLE)
    for pk, title, body, postcode in proposals.values_list("pk", "title", "body", "postcode"):
        docs.append(Document(f"{title}. {body}", f"proposal:{pk}", postcode, "en_ligne"))
    return docs


def _quote(doc: Document) -> dict:
    text = doc.text if len(doc.text) <= QUOTE_MAX_CHARS else doc.text[: QUOTE_MAX_CHARS - 1] + "…"
    return {"text": text, "postcode": doc.postcode, "channel": doc.channel}


def _breakdowns(items) -> tuple[dict, dict]:
    postcodes = Counter(i.postcode or "inconnu" for i in items)
    channels = Counter(i.channel or "inconnu" for i in items)
    return dict(postcodes.most_common()), dict(channels.most_common())


def _theme_dicts(docs: list[Document], result) -> list[dict]:
    return [
        {
            "label": t.label,
            "terms": t.terms,
            "quotes": [_quote(docs[i]) for i in t.quotes],
            "items": [docs[i] for i in t.members],
        }
        for t in result.themes
    ]


@transaction.atomic
def _store(
    process, actor, note: str, themes: list[dict], unclassified: list[Document], duplicates: list
) -> Synthesis:
    last = Synthesis.objects.select_for_update().filter(process=process).aggregate(v=Max("version"))["v"] or 0
    total = sum(len(t["items"]) for t in themes) + len(unclassified)
    synthesis = Synthesis.objects.create(
        process=process,
        version=last + 1,
        note=note[:300],
        created_by=actor,
        documents=total,
        unclassified=len(unclassified),
        duplicate_groups=duplicates,
    )
    rows = []
    themes = sorted(themes, key=lambda t: len(t["items"]), reverse=True)
    for position, t in enumerate(themes):
        by_postcode, by_channel = _breakdowns(t["items"])
        theme = Theme.objects.create(
            synthesis=synthesis,
            position=position,
            label=t["label"][:200],
            terms=t["terms"],
            size=len(t["items"]),
            quotes=t["quotes"],
            by_postcode=by_postcode,
            by_channel=by_channel,
        )
        rows += [
            SynthesisItem(
                synthesis=synthesis,
                theme=theme,
                text=d.text,
                postcode=d.postcode,
                channel=d.channel,
                source=d.ref[:40],
            )
            for d in t["items"]
        ]
    rows += [
        SynthesisItem(
            synthesis=synthesis, text=d.text, postcode=d.postcode, channel=d.channel, source=d.ref[:40]
        )
        for d in unclassified
    ]
    SynthesisItem.objects.bulk_create(rows, batch_size=2000)
    audit(
        actor=actor,
        action="participation.synthesis.version",
        target=synthesis,
        organisation=process.organisation,
        details={"note": note[:300], "themes": len(themes)},
    )
    return synthesis


def run(*, process, actor=None, n_themes: int | None = None) -> Synthesis:
    docs = documents(process)
    if len(docs) < 2:
        raise ParticipationError(
            _("Il faut au moins deux réponses ouvertes ou propositions pour une synthèse.")
        )
    result = synthesise(docs, n_themes=n_themes)
    duplicates = [
        [docs[i].text[:200] for i in group[:1]] + [len(group)] for group in result.duplicate_groups[:50]
    ]
    return _store(
        process,
        actor,
        _("Synthèse automatique"),
        _theme_dicts(docs, result),
        [docs[i] for i in result.unclassified],
        duplicates,
    )


def _load(synthesis) -> tuple[list[dict], list[Document]]:
    themes = {
        t.pk: {"label": t.label, "terms": t.terms, "quotes": t.quotes, "items": [], "pk": t.pk}
        for t in synthesis.themes.all()
    }
    unclassified = []
    for item in synthesis.items.all().iterator(chunk_size=5000):
        doc = Document(item.text, item.source, item.postcode, item.channel)
        (themes[item.theme_id]["items"] if item.theme_id else unclassified).append(doc)
    return list(themes.values()), unclassified


def _derive(synthesis, actor, note: str, change) -> Synthesis:
    themes, unclassified = _load(synthesis)
    return _store(synthesis.process, actor, note, change(themes), unclassified, synthesis.duplicate_groups)


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
