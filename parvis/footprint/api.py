"""JSON API of the footprint app: sites, history, ranking, page reports, audit requests."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from parvis.accounts import policy
from parvis.accounts.apiauth import SIGNED_IN
from parvis.core.ratelimit import hit
from parvis.footprint import selectors, services
from parvis.footprint.models import PageAudit, Site, SiteAudit

router = Router(tags=["Sobriété numérique"])


class SiteOut(Schema):
    id: int
    name: str
    territory_kind: str
    territory_code: str
    population: int | None
    url: str
    is_instance: bool
    ranking_public: bool
    last_score: int | None = None
    last_grade: str | None = None


class AuditOut(Schema):
    id: int
    status: str
    created_at: str
    pages_total: int
    pages_done: int
    score: int | None
    grade: str
    size_kb: float | None
    requests: int | None
    nodes: int | None
    violations: int | None
    worst: list[str]
    error: str


def _audit(audit: SiteAudit) -> dict:
    return {
        "id": audit.pk,
        "status": audit.status,
        "created_at": audit.created_at.isoformat(),
        "pages_total": audit.pages_total,
        "pages_done": audit.pages_done,
        "score": audit.score,
        "grade": audit.grade,
        "size_kb": audit.size_kb,
        "requests": audit.requests,
        "nodes": audit.nodes,
        "violations": audit.violations,
        "worst": audit.worst,
        "error": audit.error_message,
    }


@router.get("/sites", response=list[SiteOut], summary="Sites consultables et leur dernier score")
def list_sites(request):
    return list(selectors.with_latest_audit(selectors.visible_sites(request.user)))


@router.get("/sites/{site_id}", summary="Un site et l'historique de ses audits")
def site_detail(request, site_id: int):
    site = get_object_or_404(Site, pk=site_id)
    policy.ensure(request.user, "footprint.view_site", site)
    return {
        "site": SiteOut.model_validate(site, from_attributes=True).model_dump(),
        "position": selectors.position_of(site),
        "audits": [_audit(audit) for audit in site.audits.all()[:100]],
    }


@router.get("/ranking", summary="Classement public par classe de taille de collectivité")
def ranking(request):
    return [
        {
            "class": group["key"],
            "label": group["label"],
            "median": group["median"],
            "sites": [
                {
                    "id": s.pk,
                    "name": s.name,
                    "position": s.position,
                    "score": s.last_score,
                    "grade": s.last_grade,
                    "size_kb": s.last_size_kb,
                    "violations": s.last_violations,
                }
                for s in group["sites"]
            ],
        }
        for group in selectors.ranking()
    ]


@router.get("/audits/{audit_id}", response=AuditOut, summary="Avancement et résultat d'un audit de site")
def audit_detail(request, audit_id: int):
    audit = get_object_or_404(SiteAudit.objects.select_related("site"), pk=audit_id)
    policy.ensure(request.user, "footprint.view_site", audit.site)
    return _audit(audit)


@router.post(
    "/sites/{site_id}/audits",
    response={202: AuditOut, 401: dict, 403: dict, 404: dict, 429: dict},
    auth=SIGNED_IN,  # a scoped Bearer token, or the session cookie with its CSRF token
    summary="Demander un audit",
)
def request_audit(request, site_id: int):
    site = get_object_or_404(Site, pk=site_id)
    policy.ensure(request.user, "footprint.manage_site", site)
    if not hit(request, "footprint.audit", 20, 3600):
        return Status(429, {"detail": _("Trop de demandes d'audit : réessayez dans une heure.")})
    return Status(202, _audit(services.request_audit(actor=request.user, site=site, request=request)))


@router.get(
    "/pages/{page_id}",
    summary="Rapport complet d'une page : mesures, provenance, violations, recommandations",
)
def page_report(request, page_id: int):
    page = get_object_or_404(PageAudit.objects.select_related("audit__site"), pk=page_id)
    policy.ensure(request.user, "footprint.view_site", page.audit.site)
    fields = (
        "url",
        "ok",
        "nodes",
        "requests",
        "size_kb",
        "score",
        "grade",
        "ges",
        "water",
        "violations_count",
        "violations",
        "findings",
        "weight_by_type",
        "declarative",
        "recommendations",
        "provenance",
    )
    return {"id": page.pk, "error": page.error_message, **{name: getattr(page, name) for name in fields}}
