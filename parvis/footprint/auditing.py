"""Run audits: configuration from settings, one shared browser per process, site crawling."""

import atexit
import threading
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils import timezone

from parvis.core import network
from parvis.footprint import snapshots
from parvis.footprint.lib import accessibility, discover, practices, recommend, stats
from parvis.footprint.lib.browser import CHROMIUM, AuditConfig, PageMeasure
from parvis.footprint.lib.ecoindex import grade
from parvis.footprint.lib.errors import AuditError, check_destination
from parvis.footprint.lib.fetch import fetch
from parvis.footprint.lib.runner import AuditRunner
from parvis.footprint.selectors import public_paths, route_of

_lock = threading.Lock()
_runner: AuditRunner | None = None


def user_agent() -> str:
    contact = getattr(settings, "PARVIS_CONTACT_EMAIL", "")
    return f"ParvisBot/1.0 (audit EcoIndex et accessibilité des sites publics; +mailto:{contact})"


def is_own_origin(url: str) -> bool:
    """Same scheme, host and port as PARVIS_PUBLIC_URL."""
    mine, other = urlsplit(settings.PARVIS_PUBLIC_URL), urlsplit(url)
    return (mine.scheme, mine.hostname, mine.port) == (other.scheme, other.hostname, other.port)


def target_url(site) -> str:
    """What an audit of `site` loads: its home page, or for a demo site the snapshot this instance serves."""
    return snapshots.snapshot_url(site.territory_code) if site.demo_snapshot else site.url


def wait_for_own_origin(url: str, cfg: AuditConfig, *, patience: float = 120.0) -> None:
    """At first start the worker may take an audit of this instance before its web server listens: wait
    for the server to answer (any HTTP status) instead of failing the audit with « connection refused »."""
    deadline = time.monotonic() + patience
    while True:
        try:
            fetch(url, user_agent=cfg.user_agent, timeout=5, max_bytes=1_000_000, policy=cfg.policy)
            return
        except AuditError as error:
            if error.code not in ("connection", "timeout") or time.monotonic() > deadline:
                return  # the audit itself then reports the failure in French
        time.sleep(2)


def config(*, allow_private_override: bool | None = None, own_origin: str | None = None) -> AuditConfig:
    """The audit configuration. ``own_origin`` (a URL of this instance) opens that host and port
    to the browser even on a private address; every other private address stays refused, so a page of the
    instance cannot redirect or point the browser elsewhere on the internal network."""
    wait = float(getattr(settings, "PARVIS_FOOTPRINT_WAIT", 1.0))
    policy = network.policy(
        "PARVIS_FOOTPRINT_ALLOW_PRIVATE",
        allow_private=allow_private_override,
        trusted_urls=(own_origin,) if own_origin else (),
    )
    return AuditConfig(
        user_agent=user_agent(),
        axe_dir=Path(getattr(settings, "PARVIS_AXE_DIR", settings.BASE_DIR / "node_modules" / "axe-core")),
        policy=policy,
        wait_before_scroll=wait,
        wait_after_scroll=wait,
        timeout=float(getattr(settings, "PARVIS_FOOTPRINT_TIMEOUT", 30)),
        max_bytes=int(getattr(settings, "PARVIS_FOOTPRINT_MAX_BYTES", 20_000_000)),
        chromium=getattr(settings, "PARVIS_CHROMIUM", CHROMIUM),
    )


def runner(audit_config: AuditConfig | None = None) -> AuditRunner:
    """The process-wide browser, restarted only when the configuration changes."""
    global _runner
    wanted = audit_config or config()
    with _lock:
        if _runner is not None and _runner.config != wanted:
            _runner.close()
            _runner = None
        if _runner is None:
            started = AuditRunner(wanted)
            started.start()  # AuditError("no_browser"/"no_axe") leaves no half-started runner behind
            _runner = started
        return _runner


@atexit.register
def _close_runner():
    global _runner
    if _runner is not None:
        _runner.close()
        _runner = None


def page_result(measure: PageMeasure) -> dict:
    """Everything stored for one audited page, computed from the raw measure."""
    findings = practices.analyse(measure.resources, measure.page["images"], measure.final_url)
    declared = accessibility.declarative(measure.page)
    return {
        "nodes": measure.nodes,
        "requests": measure.requests,
        "size_kb": round(measure.size_kb, 3),
        "score": measure.ecoindex.score,
        "grade": measure.ecoindex.grade,
        "ges": measure.ecoindex.ges,
        "water": measure.ecoindex.water,
        "violations": accessibility.by_criterion(measure.violations),
        "violations_count": sum(v.get("count", 1) for v in measure.violations),
        "findings": findings,
        "weight_by_type": practices.weight_by_type(measure.resources),
        "declarative": declared,
        "recommendations": recommend.recommendations(
            nodes=measure.nodes,
            requests=measure.requests,
            size_kb=measure.size_kb,
            findings=findings,
            violations=measure.violations,
            declarative=declared,
        ),
        "provenance": measure.provenance,
    }


def _sitemap_urls(home: str, robots_rules, cfg: AuditConfig, limit: int) -> list[str]:
    found: list[str] = []
    queue = discover.sitemaps_of(robots_rules, home)[:3]
    seen: set[str] = set()
    while queue and len(seen) < 5 and len(found) < limit * 5:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            answer = fetch(
                url,
                user_agent=cfg.user_agent,
                timeout=cfg.timeout,
                max_bytes=5_000_000,
                policy=cfg.policy,
            )
        except AuditError:
            continue
        if answer.status == 200:
            pages, nested = discover.parse_sitemap(answer.body)
            found.extend(pages)
            queue.extend(nested)
    return found


def _robots(home: str, cfg: AuditConfig):
    try:
        answer = fetch(
            urljoin(home, "/robots.txt"),
            user_agent=cfg.user_agent,
            timeout=cfg.timeout,
            max_bytes=500_000,
            policy=cfg.policy,
        )
    except AuditError:
        return discover.robots(None)
    text = answer.body.decode("utf-8", "replace") if answer.status == 200 else None
    return discover.robots(text)


def home_allowed(url: str, cfg: AuditConfig) -> None:
    """Raise AuditError unless the SSRF guard and the site's robots.txt let us load `url`."""
    check_destination(url, policy=cfg.policy)
    if not _robots(url, cfg).can_fetch(cfg.user_agent, url):
        raise AuditError("robots_disallowed", url=url)


def crawl(audit, *, max_pages: int | None = None, delay: float | None = None, save_page) -> None:
    """Audit the home page, pick up to max_pages more pages, audit them politely in turn.
    `save_page(position, url, result_or_error)` stores each outcome as soon as it is known."""
    home = discover.canonical(target_url(audit.site))
    # This instance's own pages may sit on a private address (127.0.0.1 on a laptop, a LAN address):
    # that origin is allowed because it is this instance's, never because it is private.
    own = is_own_origin(home)
    cfg = config(own_origin=home if own else None)
    limit = getattr(settings, "PARVIS_FOOTPRINT_MAX_PAGES", 10) if max_pages is None else max_pages
    pause = getattr(settings, "PARVIS_FOOTPRINT_DELAY", 1.0) if delay is None else delay
    check_destination(home, policy=cfg.policy)  # refuse before any request (SSRF)
    browser = runner(cfg)  # AuditError when Chromium or axe-core is missing, before any request
    if own:
        wait_for_own_origin(home, cfg)
    rules = _robots(home, cfg)
    if not rules.can_fetch(cfg.user_agent, home):
        raise AuditError("robots_disallowed", url=home)
    pause = discover.crawl_delay(rules, cfg.user_agent, pause)
    audit.pages_total = 1
    audit.save(update_fields=["pages_total"])
    try:
        home_measure = browser.audit(home)
    except AuditError as error:
        save_page(0, home, error)
        raise
    save_page(0, home, page_result(home_measure))
    statement = accessibility.declarative(home_measure.page)["statement_url"]
    candidates = [statement] if statement else []
    candidates += _sitemap_urls(home, rules, cfg, limit) + [
        link["href"] for link in home_measure.page["links"]
    ]
    allowed = lambda url: rules.can_fetch(cfg.user_agent, url)  # noqa: E731
    pages = discover.choose_pages(home_measure.final_url, candidates, limit=limit, allowed=allowed)[1:]
    audit.pages_total = 1 + len(pages)
    audit.save(update_fields=["pages_total"])
    for position, url in enumerate(pages, start=1):
        time.sleep(pause)
        try:
            save_page(position, url, page_result(browser.audit(url)))
        except AuditError as error:
            save_page(position, url, error)


def summarise(audit) -> None:
    rows = list(
        audit.pages.filter(ok=True).values("url", "score", "size_kb", "requests", "nodes", "violations_count")
    )
    summary = stats.site_summary([row | {"violations": row["violations_count"]} for row in rows])
    if summary["pages"]:
        audit.score, audit.size_kb = summary["score"], summary["size_kb"]
        audit.requests, audit.nodes = summary["requests"], summary["nodes"]
        audit.violations, audit.worst = summary["violations"], summary["worst"]
        audit.grade = grade(summary["score"])
    audit.declarative = accessibility.merge_declarative(
        audit.pages.filter(ok=True).values_list("declarative", flat=True)
    )
    audit.finished_at = timezone.now()


def _html_page(url: str, cfg: AuditConfig):
    try:
        answer = fetch(
            url,
            user_agent=cfg.user_agent,
            timeout=cfg.timeout,
            max_bytes=cfg.max_bytes,
            policy=cfg.policy,
            accept="text/html",
        )
    except AuditError:
        return None
    ok = answer.status == 200 and answer.content_type == "text/html" and answer.url == url
    return answer if ok else None


def public_pages(base_url: str, *, crawl: bool = False, seeds=(), limit: int = 200) -> list[str]:
    """Public HTML pages of a running Parvis: every parameterless route of the URL resolver that answers 200
    with HTML to an anonymous visitor without redirecting. With `crawl`, also the pages their links lead to
    (same origin, rel="nofollow" excepted), one page per route of the resolver, so that pages with parameters
    (a help place, a dataset, a process, a site's report…) are covered too. `seeds` (paths, such as a search
    with its query) are read for their links even when their route is already covered."""

    cfg = config(own_origin=base_url)
    origin = urlsplit(base_url)
    seeds = [urljoin(base_url, path) for path in seeds]
    queue = [urljoin(base_url, path) for path in public_paths()] + seeds
    pages: list[str] = []
    routes: set[str] = set()
    seen: set[str] = set()
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        route = route_of(urlsplit(url).path)
        new_route = route is not None and route not in routes
        if not new_route and url not in seeds:
            continue
        answer = _html_page(url, cfg)
        if answer is None:
            continue
        if new_route and route is not None:  # the same test, said so the checker sees it
            routes.add(route)
            pages.append(url)
        if crawl:
            for link in discover.links_in(answer.body, url):
                target = urlsplit(link)
                if (target.scheme, target.netloc) == (origin.scheme, origin.netloc) and not target.query:
                    queue.append(link.split("#", 1)[0])
    return pages


def self_audit(base_url: str, *, concurrency: int = 2, crawl: bool = False, seeds=()) -> list[dict]:
    """Audit every public page of the Parvis instance at base_url (its own origin is allowed, even private)."""
    cfg = config(own_origin=base_url)
    rows: list[dict[str, object]] = []
    pages = public_pages(base_url, crawl=crawl, seeds=seeds)
    for url, outcome in runner(cfg).audit_many(pages, concurrency=concurrency):
        if isinstance(outcome, AuditError):
            rows.append({"url": url, "error": outcome.code, "params": outcome.params})
            continue
        rows.append(
            {
                "url": url,
                "score": outcome.ecoindex.score,
                "grade": outcome.ecoindex.grade,
                "size_kb": round(outcome.size_kb, 3),
                "requests": outcome.requests,
                "nodes": outcome.nodes,
                "violations": [v["id"] for v in outcome.violations],
            }
        )
    return rows
