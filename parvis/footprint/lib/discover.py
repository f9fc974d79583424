"""Choose the pages of a site to audit: robots.txt rules, sitemap URLs, then internal links."""

import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

SKIPPED_EXTENSIONS = {
    ".pdf",
    ".doc",
    ".docx",
    ".odt",
    ".xls",
    ".xlsx",
    ".ods",
    ".ppt",
    ".pptx",
    ".zip",
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".svg",
    ".mp3",
    ".mp4",
    ".avi",
    ".ics",
    ".csv",
    ".json",
    ".xml",
    ".txt",
    ".rss",
}


def robots(text: str | None) -> RobotFileParser:
    """A parser for robots.txt content; None (no file) allows everything."""
    parser = RobotFileParser()
    parser.parse((text or "").splitlines())
    return parser


def crawl_delay(parser: RobotFileParser, user_agent: str, default: float) -> float:
    declared = parser.crawl_delay(user_agent)
    return max(default, float(declared)) if declared else default


def sitemaps_of(parser: RobotFileParser, home: str) -> list[str]:
    return list(parser.site_maps() or []) or [urljoin(home, "/sitemap.xml")]


def parse_sitemap(content: bytes) -> tuple[list[str], list[str]]:
    """Return (page URLs, nested sitemap URLs) from a sitemap or sitemap index document."""
    try:
        # Entity expansion is bounded by expat >= 2.4.1 (bundled with Python 3.12); no DTD is used.
        root = ET.fromstring(content)  # noqa: S314
    except ET.ParseError:
        return [], []
    pages: list[str] = []
    nested: list[str] = []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] != "loc" or not element.text:
            continue
        parent_is_index = root.tag.rsplit("}", 1)[-1] == "sitemapindex"
        (nested if parent_is_index else pages).append(element.text.strip())
    return pages, nested


def canonical(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", parts.query, ""))


def is_page_candidate(url: str, home: str) -> bool:
    parts, base = urlsplit(url), urlsplit(home)
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != base.netloc.lower():
        return False
    extension = posixpath.splitext(parts.path)[1].lower()
    return extension not in SKIPPED_EXTENSIONS


def choose_pages(
    home: str, candidates: Iterable[str], *, limit: int, allowed: Callable[[str], bool]
) -> list[str]:
    """Home first, then up to `limit` distinct same-site pages that robots.txt allows."""
    chosen = [canonical(home)]
    for raw in candidates:
        url = canonical(urljoin(home, raw))
        if len(chosen) > limit:
            break
        if url in chosen or not is_page_candidate(url, home) or not allowed(url):
            continue
        chosen.append(url)
    return chosen


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        href = values.get("href")
        if tag == "a" and href and "nofollow" not in (values.get("rel") or "").split():
            self.hrefs.append(href)


def links_in(html: bytes, base: str) -> list[str]:
    """Absolute addresses of the page's links, in order, without those marked rel="nofollow"."""
    parser = _Links()
    parser.feed(html.decode("utf-8", "replace"))
    return [urljoin(base, href) for href in parser.hrefs if not href.startswith(("mailto:", "tel:", "#"))]
