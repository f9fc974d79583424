"""Reads of the participation app: lists, results by channel, budget results, comment trees, suggestions."""

import hashlib
from collections import Counter

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from parvis.participation.lib.similar import SimilarityIndex
from parvis.participation.models import (
    Ballot,
    Channel,
    Comment,
    Contribution,
    ImportReport,
    Process,
    Proposal,
    Question,
    Support,
    Visibility,
)

_INDEXES: dict[int, tuple[str, SimilarityIndex]] = {}


def processes_by_state() -> dict[str, list[Process]]:
    today = timezone.localdate()
    groups: dict[str, list[Process]] = {"open": [], "upcoming": [], "closed": []}
    for process in Process.objects.select_related("organisation"):
        key = (
            "upcoming"
            if process.starts_on > today
            else "closed"
            if process.ends_on < today or process.imported
            else "open"
        )
        groups[key].append(process)
    return groups


def visible_proposals(process, status: str = ""):
    qs = process.proposals.filter(visibility=Visibility.VISIBLE)
    return qs.filter(status=status) if status else qs


def is_supporting(proposal, user) -> bool:
    """Whether this person currently supports the proposal (the button then offers to withdraw)."""
    return user.is_authenticated and Support.objects.filter(proposal=proposal, user=user).exists()


def channel_counts(process) -> list[dict]:
    """Contributions and proposals per channel, so results say how many came from each."""
    counts = Counter(
        dict(
            Contribution.objects.filter(process=process, visibility=Visibility.VISIBLE)
            .values_list("channel")
            .annotate(n=Count("pk"))
        )
    )
    total = sum(counts.values())
    return [
        {
            "channel": c.value,
            "label": c.label,
            "count": counts.get(c.value, 0),
            "percent": round(100 * counts.get(c.value, 0) / total) if total else 0,
        }
        for c in Channel
    ]


def participation_by_channel(process) -> dict:
    """Every kind of participation counted per channel (online, paper, meeting, import): questionnaire
    answers, proposals, supports and budget ballots, so that what agents typed in from paper is visible in
    the results. Kinds the process received none of are left out (the questionnaire is always shown)."""
    kinds = [
        (
            _("Réponses au questionnaire"),
            Contribution.objects.filter(process=process, visibility=Visibility.VISIBLE),
        ),
        (_("Propositions"), Proposal.objects.filter(process=process, visibility=Visibility.VISIBLE)),
        (
            _("Soutiens"),
            Support.objects.filter(proposal__process=process, proposal__visibility=Visibility.VISIBLE),
        ),
        (_("Bulletins de vote du budget"), Ballot.objects.filter(process=process)),
    ]
    counted = [
        (label, Counter(dict(rows.values_list("channel").annotate(n=Count("pk"))))) for label, rows in kinds
    ]
    columns = [counted[0]] + [(label, counts) for label, counts in counted[1:] if counts.total()]
    rows = []
    for channel in Channel:
        counts = [counts.get(channel.value, 0) for _label, counts in columns]
        rows.append(
            {"channel": channel.value, "label": channel.label, "counts": counts, "total": sum(counts)}
        )
    totals = [counts.total() for _label, counts in columns]
    return {
        "columns": [label for label, _counts in columns],
        "rows": rows,
        "totals": totals,
        "total": sum(totals),
    }


def closed_results(process) -> list[dict]:
    """For each closed question, the count of each choice (visible contributions, every channel)."""
    questions = list(process.questions.filter(kind=Question.Kind.CLOSED))
    counters: dict[int, Counter[str]] = {q.pk: Counter() for q in questions}
    rows = Contribution.objects.filter(process=process, visibility=Visibility.VISIBLE).values_list(
        "answers", flat=True
    )
    for answers in rows.iterator(chunk_size=5000):
        for q in questions:
            value = answers.get(str(q.pk))
            if value:
                counters[q.pk][value] += 1
    results = []
    for q in questions:
        total = sum(counters[q.pk].values())
        results.append(
            {
                "question": q,
                "total": total,
                "choices": [
                    {
                        "label": c,
                        "count": counters[q.pk][c],
                        "percent": round(100 * counters[q.pk][c] / total) if total else 0,
                    }
                    for c in q.choices
                ],
            }
        )
    return results


def budget_results_hidden(process) -> bool:
    """Results stay hidden while people can still vote, so early counts do not sway the later votes."""
    return process.ends_on >= timezone.localdate() and not process.imported


def meeting_is_past(meeting) -> bool:
    return meeting.starts_at < timezone.now()


def budget_results(process) -> list[dict]:
    projects = process.budget_projects.annotate(votes=Count("ballots")).order_by("-votes", "title")
    spent, rows = 0, []
    for p in projects:
        funded = (
            process.budget_ceiling is not None and spent + p.cost <= process.budget_ceiling and p.votes > 0
        )
        spent += p.cost if funded else 0
        rows.append({"project": p, "votes": p.votes, "funded": funded})
    return rows


def comment_tree(proposal) -> list[dict]:
    """Threaded comments, replies nested under their parent; masked ones keep their place, text withheld."""
    comments = list(Comment.objects.filter(proposal=proposal).select_related("author"))
    children: dict[int | None, list[Comment]] = {}
    for c in comments:
        children.setdefault(c.parent_id, []).append(c)

    def build(parent_id, depth):
        return [
            {"comment": c, "depth": depth, "replies": build(c.pk, depth + 1)}
            for c in children.get(parent_id, [])
        ]

    return build(None, 0)


def similar_proposals(process, text: str, limit: int = 5) -> list[tuple[Proposal, float]]:
    """Visible proposals of the process closest to ``text``.

    Each process keeps its index in memory, keyed by the exact set of visible proposals (their text never
    changes once written): a proposal hidden, restored or added on any node changes the key, so no node ever
    suggests a hidden proposal nor misses a new one.
    """
    visible = list(visible_proposals(process).order_by("pk").values_list("pk", flat=True))
    stamp = hashlib.sha1(",".join(map(str, visible)).encode(), usedforsecurity=False).hexdigest()
    cached = _INDEXES.get(process.pk)
    if cached is None or cached[0] != stamp:
        items = list(visible_proposals(process).values_list("pk", "title", "body"))
        cached = (stamp, SimilarityIndex([(pk, f"{title} {title} {body}") for pk, title, body in items]))
        _INDEXES[process.pk] = cached
    matches = cached[1].query(text, limit=limit)
    by_pk = visible_proposals(process).in_bulk([pk for pk, _ in matches])
    return [(by_pk[pk], score) for pk, score in matches if pk in by_pk]


def open_questions(process):
    """The open questions of the process: what a synthesis reads, and the scopes it can be limited to."""
    return process.questions.filter(kind=Question.Kind.OPEN)


def open_question(process, pk: int | None):
    """The open question ``pk`` of the process (the scope of a synthesis), or None."""
    if pk is None:
        return None
    return open_questions(process).filter(pk=pk).first()


def latest_synthesis(process, version: int | None = None):
    qs = process.syntheses.select_related("question")
    return (qs.filter(version=version) if version else qs).first()


def synthesis_dict(version) -> dict:
    """A synthesis version as plain data, shared by the API and the JSON export."""
    return {
        "version": version.version,
        "note": version.note,
        "question": version.question.text if version.question else None,
        "created_at": version.created_at,
        "documents": version.documents,
        "unclassified": version.unclassified,
        "duplicate_groups": version.duplicate_groups,
        "themes": [
            {
                "label": t.label,
                "size": t.size,
                "terms": t.terms,
                "summary": t.summary,
                "quotes": t.quotes,
                "by_postcode": t.by_postcode,
                "by_channel": t.by_channel,
                "by_question": t.by_question,
            }
            for t in version.themes.all()
        ],
    }


def stored_files(sender, **kwargs) -> list[tuple[str, str]]:
    """Receiver of ``storage_cache.references_requested``: the files of Grand Débat imports still waiting for
    their background task (deleted once inserted)."""
    pending = ImportReport.objects.filter(status=ImportReport.Status.PENDING).values_list("pk", "filename")
    return [(f"participation/imports/{pk}.csv", f"import Grand Débat {pk} ({name})") for pk, name in pending]
