"""Reads of the footprint app: visible sites, latest audits, ranking by size class, history."""

from statistics import median

from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.utils.translation import gettext as _

from parvis.accounts import policy
from parvis.footprint import snapshots
from parvis.footprint.lib.stats import rank
from parvis.footprint.models import Site, SiteAudit
from parvis.territory import selectors as territory

SEPARATE_CLASSES = {"epci": _("Intercommunalités (EPCI, EPT)"), "ept": None, "departement": _("Départements")}


def visible_sites(user):
    sites = Site.objects.select_related("organisation")
    if policy.is_admin(user):
        return sites
    return sites.filter(
        Q(ranking_public=True) | Q(is_instance=True) | Q(organisation__in=policy.organisation_ids(user))
    )


def with_latest_audit(sites):
    done = SiteAudit.objects.filter(site=OuterRef("pk"), status=SiteAudit.Status.DONE).order_by(
        "-created_at", "-pk"
    )
    return sites.annotate(
        last_score=Subquery(done.values("score")[:1]),
        last_grade=Subquery(done.values("grade")[:1]),
        last_size_kb=Subquery(done.values("size_kb")[:1]),
        last_requests=Subquery(done.values("requests")[:1]),
        last_violations=Subquery(done.values("violations")[:1]),
        last_audit_id=Subquery(done.values("pk")[:1]),
        audit_pending=Exists(
            SiteAudit.objects.filter(
                site=OuterRef("pk"), status__in=[SiteAudit.Status.QUEUED, SiteAudit.Status.RUNNING]
            )
        ),
    )


def size_class(site) -> tuple[str, str]:
    """(key, label): EPCI/EPT and départements apart, communes by population (territory app)."""
    if site.territory_kind in ("epci", "ept"):
        return "epci", str(SEPARATE_CLASSES["epci"])
    if site.territory_kind == "departement":
        return "departement", str(SEPARATE_CLASSES["departement"])
    found = territory.size_class(site.population) if site.population is not None else None
    return found if found else ("unknown", _("population inconnue"))


def ranking(sites=None) -> list[dict]:
    """Classes of public, audited sites: members best first with position, and the class median."""
    sites = with_latest_audit(sites if sites is not None else Site.objects.filter(ranking_public=True))
    classes: dict[str, dict] = {}
    for site in sites.filter(last_score__isnull=False):
        key, label = size_class(site)
        classes.setdefault(key, {"key": key, "label": label, "sites": []})["sites"].append(site)
    order = [key for _bound, key, _label in territory.SIZE_CLASSES] + ["unknown", "epci", "departement"]
    result = []
    for key in sorted(classes, key=lambda k: order.index(k) if k in order else len(order)):
        members = classes[key]["sites"]
        scores = {site.pk: site.last_score for site in members}
        for site in members:
            site.position, _total = rank(scores, site.pk)
        members.sort(key=lambda site: site.position)
        classes[key]["median"] = round(median(scores.values()))
        classes[key]["count"] = len(members)
        result.append(classes[key])
    return result


def position_of(site) -> dict | None:
    """The site's class, position and class median (among public sites and the site itself)."""
    pool = Site.objects.filter(Q(ranking_public=True) | Q(pk=site.pk))
    for group in ranking(pool):
        for member in group["sites"]:
            if member.pk == site.pk:
                return {
                    "label": group["label"],
                    "position": member.position,
                    "count": group["count"],
                    "median": group["median"],
                }
    return None


def history(site, limit=50) -> list[SiteAudit]:
    audits = site.audits.filter(status=SiteAudit.Status.DONE).order_by("-created_at", "-pk")[:limit]
    return list(reversed(audits))


def route_of(path: str) -> str | None:
    """The resolver route a path belongs to (`aide/lieux/<int:pk>/`), None for an unknown path, the API
    and the static files: pages of one route share their template, so one of them stands for all."""
    if path.startswith(("/api/", "/static/", "/media/")):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route


def public_paths() -> list[str]:
    """Paths of every parameterless page in the URL resolver (API and admin excluded)."""
    paths = []

    def walk(patterns, prefix):
        for entry in patterns:
            route = str(entry.pattern)
            if "<" in route or "(?P" in route or route.startswith(("api/", "^api")):
                continue
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + route)
            elif isinstance(entry, URLPattern) and not route.startswith("^"):
                paths.append("/" + prefix + route)

    walk(get_resolver().url_patterns, "")
    return sorted({path for path in paths if "." not in path.rsplit("/", 1)[-1]})


def demo_snapshot(code: str):
    """(site, profile) of the demo snapshot standing for territory `code`, or None when the demo registered
    no snapshot site for it (the instance then serves no mock page at all)."""
    found = snapshots.profile(code)
    site = Site.objects.filter(demo_snapshot=True, territory_code=code).first() if found else None
    return (site, found) if site else None
