import csv
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parvis.accounts import policy
from parvis.accounts import selectors as accounts
from parvis.accounts.decorators import require
from parvis.accounts.roles import Role
from parvis.core.ratelimit import ratelimit
from parvis.footprint import selectors, services
from parvis.footprint.auditing import config, user_agent
from parvis.footprint.charts import trend
from parvis.footprint.forms import ImportForm, SiteForm
from parvis.footprint.lib.accessibility import AXE_RGAA_CRITERIA, RGAA_CRITERIA
from parvis.footprint.lib.browser import check_tools
from parvis.footprint.lib.errors import AuditError
from parvis.footprint.messages import (
    error_message,
    provenance_rows,
    recommendation_gain,
    recommendation_title,
)
from parvis.footprint.models import PageAudit, Site, SiteAudit


def _site(request, pk):
    return get_object_or_404(Site, pk=pk)


def _audit(request, pk):
    return get_object_or_404(SiteAudit.objects.select_related("site"), pk=pk).site


def _page(request, pk):
    return get_object_or_404(PageAudit.objects.select_related("audit__site"), pk=pk).audit.site


def _managed_organisations(user):
    return accounts.organisations_for(user, Role.GESTIONNAIRE)


RANKING_ROWS, SITES_PER_PAGE = 20, 50


def index(request):
    sites = selectors.with_latest_audit(selectors.visible_sites(request.user))
    page = Paginator(sites, SITES_PER_PAGE).get_page(request.GET.get("page"))
    ranking = selectors.ranking()
    for group in ranking:
        group["shown"] = group["sites"][:RANKING_ROWS]
    demo_snapshots = sites.filter(demo_snapshot=True)
    return TemplateResponse(
        request,
        "footprint/index.html",
        {
            "demo_snapshots": demo_snapshots.exists(),
            "pending": demo_snapshots.filter(audit_pending=True).count(),
            "tools_missing": _tools_missing(),
            "ranking": ranking,
            "ranking_rows": RANKING_ROWS,
            "sites": page,
            "can_add": policy.can(request.user, "footprint.add_site"),
        },
    )


def _tools_missing() -> str:
    """The French reason why no audit can run on this server (Chromium or axe-core missing), or ""."""
    try:
        check_tools(config())
    except AuditError as missing:
        return error_message(missing.code, missing.params)
    return ""


def ranking_export(request, fmt):
    rows = [
        {
            "classe": group["label"],
            "position": site.position,
            "collectivite": site.name,
            "code": site.territory_code,
            "population": site.population,
            "url": site.url,
            "score": site.last_score,
            "note": site.last_grade,
            "poids_ko": site.last_size_kb,
            "requetes": site.last_requests,
            "violations_accessibilite": site.last_violations,
            "maquette_demo": site.demo_snapshot,
            "mediane_classe": group["median"],
        }
        for group in selectors.ranking()
        for site in group["sites"]
    ]
    if fmt == "json":
        return HttpResponse(json.dumps(rows, ensure_ascii=False, indent=1), content_type="application/json")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="classement-sobriete.csv"'
    writer = csv.DictWriter(response, fieldnames=list(rows[0]) if rows else ["classe"])
    writer.writeheader()
    writer.writerows(rows)
    return response


@require("footprint.view_site", get_object=_site, hide=True)
def site_detail(request, pk):
    site = request.permission_object
    audits = selectors.history(site)
    latest = site.audits.first()
    return TemplateResponse(
        request,
        "footprint/site_detail.html",
        {
            "site": site,
            "audits": audits,
            "latest": latest,
            "worst_pages": latest.pages.filter(ok=True, url__in=latest.worst).order_by("score", "url")
            if latest
            else [],
            "position": selectors.position_of(site) if audits else None,
            "charts": [
                trend(audits, "score", _("Score EcoIndex"), max_value=100),
                trend(audits, "size_kb", _("Poids médian"), " ko"),
                trend(audits, "violations", _("Violations d'accessibilité")),
            ]
            if audits
            else [],
            "can_manage": policy.can(request.user, "footprint.manage_site", site),
        },
    )


@require_POST
@ratelimit("footprint.audit", limit=20, period=3600)
@require("footprint.manage_site", get_object=_site, hide=True)
def site_audit(request, pk):
    site_audit = services.request_audit(actor=request.user, site=request.permission_object, request=request)
    messages.success(request, _("Audit demandé : il se déroule en tâche de fond."))
    return redirect("footprint:audit", pk=site_audit.pk)


@require_POST
@require("footprint.manage_site", get_object=_site, hide=True)
def site_ranking(request, pk):
    public = request.POST.get("public") == "1"
    services.set_ranking_public(
        actor=request.user, site=request.permission_object, public=public, request=request
    )
    messages.success(
        request,
        _("Le site figure dans le classement public.")
        if public
        else _("Le site est retiré du classement public."),
    )
    return redirect("footprint:site", pk=pk)


@require("footprint.add_site")
def site_create(request):
    form = SiteForm(request.POST or None, organisations=_managed_organisations(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            site = services.create_site(
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                code=form.cleaned_data["code"],
                url=form.cleaned_data["url"],
                ranking_public=form.cleaned_data["ranking_public"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Site ajouté."))
            return redirect("footprint:site", pk=site.pk)
    return TemplateResponse(request, "footprint/site_form.html", {"form": form})


@require("footprint.add_site")
def site_import(request):
    form = ImportForm(
        request.POST or None, request.FILES or None, organisations=_managed_organisations(request.user)
    )
    created, errors = [], []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            created, errors = services.import_sites_csv(
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                data=upload.read(2_000_001)[:2_000_000],
                request=request,
            )
        except ValidationError as error:
            form.add_error("file", error)
    return TemplateResponse(
        request, "footprint/site_import.html", {"form": form, "created": created, "errors": errors}
    )


@require("footprint.view_site", get_object=_audit, hide=True)
def audit_detail(request, pk):
    site_audit = get_object_or_404(SiteAudit.objects.select_related("site"), pk=pk)
    return TemplateResponse(
        request,
        "footprint/audit_detail.html",
        {"audit": site_audit, "site": site_audit.site, "pages": site_audit.pages.all()},
    )


@require("footprint.view_site", get_object=_page, hide=True)
def page_report(request, pk):
    page = get_object_or_404(PageAudit.objects.select_related("audit__site"), pk=pk)
    recommendations = [
        item | {"title": recommendation_title(item), "gain": recommendation_gain(item)}
        for item in page.recommendations
    ]
    return TemplateResponse(
        request,
        "footprint/page_report.html",
        {
            "page": page,
            "audit": page.audit,
            "site": page.audit.site,
            "sobriety": [r for r in recommendations if r["theme"] == "sobriete"],
            "accessibility": [r for r in recommendations if r["theme"] == "accessibilite"],
            "provenance": provenance_rows(page.provenance),
            "axe_criteria": AXE_RGAA_CRITERIA,
            "rgaa_criteria": RGAA_CRITERIA,
        },
    )


def robot(request):
    return TemplateResponse(request, "footprint/robot.html", {"user_agent": user_agent()})
