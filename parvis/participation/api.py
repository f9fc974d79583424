"""JSON API of the participation app: processes, proposals, supports, suggestions, synthesis."""

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from parvis.accounts import policy
from parvis.accounts.apiauth import SIGNED_IN
from parvis.core.lib.typography import plural_index
from parvis.core.ratelimit import hit
from parvis.participation import selectors, services
from parvis.participation.models import Process, Proposal
from parvis.participation.services import ParticipationError, synthesis
from parvis.participation.views.public import WRITE_LIMIT, WRITE_PERIOD

router = Router(tags=["Participation"])


class ProcessOut(Schema):
    slug: str
    title: str
    organisation: str
    territory: str
    starts_on: date
    ends_on: date
    is_open: bool
    url: str


class ChannelOut(Schema):
    channel: str
    label: str
    count: int


class ProcessDetailOut(ProcessOut):
    summary: str
    support_threshold: int
    budget_ceiling: int | None
    channels: list[ChannelOut]


class ProposalOut(Schema):
    id: int
    title: str
    body: str
    status: str
    status_label: str
    supports: int
    official_answer: str
    created_at: datetime
    url: str


class ProposalIn(Schema):
    title: str
    body: str


class SuggestionOut(Schema):
    id: int
    title: str
    url: str
    score: float
    supports_label: str


class ThemeOut(Schema):
    label: str
    size: int
    terms: list[str]
    summary: str
    quotes: list[dict]
    by_postcode: dict[str, int]
    by_channel: dict[str, int]
    by_question: dict[str, int]


class SynthesisOut(Schema):
    version: int
    note: str
    question: str | None = None
    created_at: datetime
    documents: int
    unclassified: int
    themes: list[ThemeOut]


class Message(Schema):
    detail: str


def _process(request, slug) -> Process:
    process = get_object_or_404(Process.objects.select_related("organisation"), slug=slug)
    policy.ensure(request.user, "participation.view_process", process)
    return process


def _process_out(p: Process) -> dict:
    return {
        "slug": p.slug,
        "title": p.title,
        "organisation": p.organisation.name,
        "territory": p.territory_label,
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
        "is_open": p.is_open(),
        "url": p.get_absolute_url(),
    }


def _proposal_out(p: Proposal) -> dict:
    return {
        "id": p.pk,
        "title": p.title,
        "body": p.body,
        "status": p.status,
        "status_label": p.get_status_display(),
        "supports": p.supports_count,
        "official_answer": p.official_answer,
        "created_at": p.created_at,
        "url": p.get_absolute_url(),
    }


def _too_many(request):
    if not hit(request, "participation.write", WRITE_LIMIT, WRITE_PERIOD):
        return Status(
            429, {"detail": _("Trop de requêtes : réessayez dans %(n)s secondes.") % {"n": WRITE_PERIOD}}
        )
    return None


@router.get("/processes", response=list[ProcessOut], summary="Démarches participatives")
def list_processes(request):
    return [
        _process_out(p)
        for p in Process.objects.select_related("organisation")
        if policy.can(request.user, "participation.view_process", p)
    ]


@router.get(
    "/processes/{slug}", response=ProcessDetailOut, summary="Une démarche, avec ses contributions par canal"
)
def get_process(request, slug: str):
    p = _process(request, slug)
    return {
        **_process_out(p),
        "summary": p.summary,
        "support_threshold": p.support_threshold,
        "budget_ceiling": p.budget_ceiling,
        "channels": [{**c, "label": str(c["label"])} for c in selectors.channel_counts(p)],
    }


@router.get("/processes/{slug}/proposals", response=list[ProposalOut], summary="Propositions visibles")
def list_proposals(request, slug: str, status: str = ""):
    return [
        _proposal_out(p)
        for p in selectors.visible_proposals(_process(request, slug), status).select_related("process")
    ]


@router.post(
    "/processes/{slug}/proposals",
    response={201: ProposalOut, 400: Message, 429: Message},
    auth=SIGNED_IN,
    summary="Déposer une proposition",
)
def create_proposal(request, slug: str, payload: ProposalIn):
    process = _process(request, slug)
    policy.ensure(request.user, "participation.contribute", process)
    if limited := _too_many(request):
        return limited
    try:
        proposal = services.create_proposal(
            process=process, user=request.user, title=payload.title, body=payload.body
        )
    except ParticipationError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(201, _proposal_out(proposal))


@router.post(
    "/proposals/{pk}/supports",
    response={201: Message, 400: Message, 429: Message},
    auth=SIGNED_IN,
    summary="Soutenir une proposition (un soutien par personne)",
)
def support(request, pk: int):
    proposal = get_object_or_404(Proposal.objects.select_related("process"), pk=pk)
    policy.ensure(request.user, "participation.contribute", proposal.process)
    if limited := _too_many(request):
        return limited
    try:
        services.support(proposal=proposal, user=request.user)
    except ParticipationError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(201, {"detail": _("Soutien enregistré.")})


@router.delete(
    "/proposals/{pk}/supports",
    response={200: Message, 400: Message, 429: Message},
    auth=SIGNED_IN,
    summary="Retirer son soutien à une proposition",
)
def withdraw_support(request, pk: int):
    proposal = get_object_or_404(Proposal.objects.select_related("process"), pk=pk)
    policy.ensure(request.user, "participation.contribute", proposal.process)
    if limited := _too_many(request):
        return limited
    try:
        services.withdraw_support(proposal=proposal, user=request.user)
    except ParticipationError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, {"detail": _("Soutien retiré.")})


@router.get(
    "/processes/{slug}/similar", response=list[SuggestionOut], summary="Propositions proches d'un texte"
)
def similar(request, slug: str, q: str = ""):
    results = selectors.similar_proposals(_process(request, slug), q[:2000])
    return [
        {
            "id": p.pk,
            "title": p.title,
            "url": p.get_absolute_url(),
            "score": round(score, 3),
            "supports_label": ngettext(
                "%(n)s soutien", "%(n)s soutiens", plural_index(p.supports_count, get_language() or "fr")
            )
            % {"n": p.supports_count},
        }
        for p, score in results
    ]


@router.get(
    "/processes/{slug}/synthesis", response={200: SynthesisOut, 404: Message}, summary="Dernière synthèse"
)
def get_synthesis(request, slug: str, version: int | None = None):
    found = selectors.latest_synthesis(_process(request, slug), version)
    if found is None:
        return Status(404, {"detail": _("Pas encore de synthèse pour cette démarche.")})
    return Status(200, selectors.synthesis_dict(found))


@router.post(
    "/processes/{slug}/synthesis",
    response={201: SynthesisOut, 400: Message},
    auth=SIGNED_IN,
    summary="Produire une nouvelle version de la synthèse",
    description="themes : nombre de thèmes voulu (de 2 à 40) ; sans lui, le nombre est choisi pour la "
    "lecture (de 6 à 15, le plus stable). question : identifiant d'une question ouverte, pour la synthèse "
    "des seules réponses à cette question ; sans lui, toutes les réponses ouvertes et les propositions.",
)
def run_synthesis(request, slug: str, themes: int | None = None, question: int | None = None):
    process = _process(request, slug)
    policy.ensure(request.user, "participation.edit_synthesis", process)
    asked = selectors.open_question(process, question)
    if question is not None and asked is None:
        return Status(400, {"detail": _("Cette question n'est pas une question ouverte de la démarche.")})
    try:
        version = synthesis.run(process=process, actor=request.user, n_themes=themes, question=asked)
    except ParticipationError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(201, selectors.synthesis_dict(version))
