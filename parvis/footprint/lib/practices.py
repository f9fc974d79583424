"""Automatable good practices (RGESN / GreenIT style) computed from a page's HAR resources."""

import posixpath
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

# Hosts of well-known audience measurement, advertising and social tracking services.
TRACKER_DOMAINS = (
    "google-analytics.com",
    "googletagmanager.com",
    "doubleclick.net",
    "googlesyndication.com",
    "facebook.net",
    "facebook.com",
    "connect.facebook.net",
    "hotjar.com",
    "xiti.com",
    "ati-host.net",
    "atinternet.com",
    "smartadserver.com",
    "criteo.com",
    "criteo.net",
    "scorecardresearch.com",
    "quantserve.com",
    "addthis.com",
    "sharethis.com",
    "tiktok.com",
    "linkedin.com",
    "licdn.com",
    "twitter.com",
    "x.com",
    "clarity.ms",
    "bing.com",
    "yandex.ru",
)
# Script names of the same services when served from another host (tag managers, proxies).
TRACKER_PATHS = (
    "/gtag/js",
    "/gtm.js",
    "/analytics.js",
    "/ga.js",
    "/fbevents.js",
    "/smarttag.js",
    "/xtcore.js",
    "/matomo.js",
    "/piwik.js",
    "/hotjar",
)
TEXT_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
    "application/x-javascript",
    "text/javascript",
)
LEGACY_IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/bmp")
MIN_COMPRESSIBLE = 1_000  # bytes
MIN_IMAGE_GAIN = 10_000  # bytes


def resource_type(resource: dict[str, Any]) -> str:
    mime = resource["mime"]
    extension = posixpath.splitext(urlsplit(resource["url"]).path)[1].lower()
    if mime in ("text/html", "application/xhtml+xml"):
        return "html"
    if mime == "text/css":
        return "css"
    if "javascript" in mime or extension in (".js", ".mjs"):
        return "js"
    if mime.startswith("image/"):
        return "image"
    if mime.startswith("font/") or "font" in mime or extension in (".woff", ".woff2", ".ttf", ".otf"):
        return "font"
    if mime.startswith(("video/", "audio/")):
        return "media"
    return "other"


def site_domain(host: str) -> str:
    """Registrable-ish domain: the last two labels (enough to tell first from third parties)."""
    labels = host.split(".")
    return ".".join(labels[-2:]) if len(labels) > 1 else host


def weight_by_type(resources: Iterable[dict[str, Any]]) -> dict[str, dict[str, int]]:
    totals: dict[str, dict[str, int]] = {}
    for resource in resources:
        kind = resource_type(resource)
        entry = totals.setdefault(kind, {"count": 0, "bytes": 0})
        entry["count"] += 1
        entry["bytes"] += resource["transfer"]
    return dict(sorted(totals.items(), key=lambda item: -item[1]["bytes"]))


def _finding(
    code: str, *, gain_bytes: float = 0, gain_requests: int = 0, items: Sequence[str] = ()
) -> dict[str, Any]:
    return {
        "code": code,
        "gain_bytes": int(gain_bytes),
        "gain_requests": gain_requests,
        "items": list(items)[:20],
        "count": len(items),
    }


def analyse(
    resources: list[dict[str, Any]], images: list[dict[str, Any]], page_url: str
) -> list[dict[str, Any]]:
    """Findings: each a code, the expected byte/request gain, and the resources concerned."""
    first_party = site_domain(urlsplit(page_url).hostname or "")
    findings = []

    uncompressed = [
        r
        for r in resources
        if r["mime"].startswith(TEXT_TYPES)
        and r["body"] >= MIN_COMPRESSIBLE
        and not r["headers"].get("content-encoding")
        and r["transfer"] > 0
    ]
    if uncompressed:
        gain = sum(r["transfer"] * 0.7 for r in uncompressed)
        findings.append(_finding("compression", gain_bytes=gain, items=[r["url"] for r in uncompressed]))

    legacy = [r for r in resources if r["mime"] in LEGACY_IMAGE_TYPES and r["transfer"] >= MIN_IMAGE_GAIN]
    if legacy:
        gain = sum(r["transfer"] * 0.3 for r in legacy)
        findings.append(_finding("image_format", gain_bytes=gain, items=[r["url"] for r in legacy]))

    by_url = {r["url"]: r for r in resources}
    oversized, oversize_gain = [], 0.0
    for image in images:
        shown = image["width"] * image["height"]
        natural = image["natural_width"] * image["natural_height"]
        resource = by_url.get(image["src"])
        if resource and shown > 0 and natural > 2 * shown:
            oversized.append(image["src"])
            oversize_gain += resource["transfer"] * (1 - shown / natural)
    if oversized and oversize_gain >= MIN_IMAGE_GAIN:
        findings.append(_finding("image_oversize", gain_bytes=oversize_gain, items=oversized))

    static = [
        r
        for r in resources
        if resource_type(r) in ("css", "js", "image", "font")
        and r["status"] == 200
        and not _cacheable(r["headers"])
    ]
    if static:
        findings.append(_finding("cache", items=[r["url"] for r in static]))

    third = [r for r in resources if site_domain(r["host"]) != first_party]
    trackers = [r for r in third if _is_tracker(r)]
    if trackers:
        findings.append(
            _finding(
                "trackers",
                gain_bytes=sum(r["transfer"] for r in trackers),
                gain_requests=len(trackers),
                items=sorted({r["host"] for r in trackers}),
            )
        )
    others = [r for r in third if not _is_tracker(r)]
    if others:
        findings.append(
            _finding(
                "third_party",
                gain_bytes=sum(r["transfer"] for r in others) * 0.5,
                gain_requests=len(others) // 2,
                items=sorted({r["host"] for r in others}),
            )
        )

    fonts = [r for r in resources if resource_type(r) == "font"]
    if fonts:
        findings.append(
            _finding(
                "web_fonts",
                gain_bytes=sum(r["transfer"] for r in fonts),
                gain_requests=len(fonts),
                items=[r["url"] for r in fonts],
            )
        )
    return findings


def _cacheable(headers: Mapping[str, str]) -> bool:
    policy = headers.get("cache-control", "").lower()
    if "no-store" in policy or "max-age=0" in policy.replace(" ", ""):
        return False
    return "max-age" in policy or "expires" in headers or "immutable" in policy


def _is_tracker(resource: dict[str, Any]) -> bool:
    host, path = resource["host"], urlsplit(resource["url"]).path.lower()
    if any(host == domain or host.endswith("." + domain) for domain in TRACKER_DOMAINS):
        return True
    return any(marker in path for marker in TRACKER_PATHS)
