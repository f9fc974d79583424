"""Every public page of the demo, read as a person reads it: no « 0 lieux », no « de Le », no raw column
name or file path, no English word, no « X — X » or host:port title. The pages are found by following the
links from the home page, as a visitor would."""

import io
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

MAX_PAGES = 400
SKIPPED_PREFIXES = ("/api/", "/static/", "/compte/", "/admin/", "/oidc/")
SKIPPED_SUFFIXES = (".csv", ".json", ".geojson", ".parquet", ".xlsx", ".svg", ".txt", ".xml", ".ods", ".zip")
PLURAL_NOUNS = (
    "lieux|soutiens|résultats|réponses|contributions|propositions|sites|jeux|lignes|erreurs|inscrits|"
    "signalements|communes|places|votes|thèmes|textes|valeurs|territoires|indicateurs|versions|audits|pages"
)
FORBIDDEN = {
    "plural after 0 or 1": re.compile(rf"(?<![\d,.\u202f])[01][\s\u00a0\u202f]+(?:{PLURAL_NOUNS})\b"),
    "« de » + article": re.compile(r"\b(?:de|à) (?:Le|Les) [A-ZÉ]"),
    "« de » before a vowel": re.compile(r"\bde (?:[AEIOUYÉ][a-zé]|Île)"),
    "raw identifier": re.compile(r"\b[a-z]+\d*_[a-z0-9_]{3,}\b"),
    "meaningless precision": re.compile(r"\d,\d{5,}"),
    "developer file path": re.compile(r"\bdocs/[\w-]+\.md\b"),
    "English word": re.compile(r"\b(?:None|null|True|False|undefined|NaN|Submit|Search|Error|Loading)\b"),
    "broken French": re.compile(
        r"Audit échec|\b\d{1,2} (?:Jan|Fév|Mar|Avr|Mai|Juin|Juil|Aoû|Sep|Oct|Nov|Déc)\b"
    ),
}


BLOCKS = {
    "p",
    "li",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "dt",
    "dd",
    "caption",
    "div",
    "section",
    "option",
    "br",
}
SKIPPED_TAGS = {"script", "style", "code", "pre", "textarea"}


class _Page(HTMLParser):
    """Visible text, the title and the links of a page. Code, scripts and what the page marks
    ``translate="no"`` (data cells, identifiers) are not prose; blocks are kept apart so that a heading
    and the list under it are not read as one phrase."""

    def __init__(self):
        super().__init__()
        self.text, self.title, self.links, self._skipping, self._in_title = [], "", [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIPPED_TAGS or attrs.get("translate") == "no":
            self._skipping.append(tag)
        if tag in BLOCKS:
            self.text.append(" ¶ ")
        if tag == "title":
            self._in_title = True
        if tag == "a":
            self.links.append(attrs.get("href") or "")

    def handle_endtag(self, tag):
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()
        if tag in BLOCKS:
            self.text.append(" ¶ ")
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skipping:
            self.text.append(data)


def _internal(href: str, base: str) -> str | None:
    url = urlsplit(urljoin(base, href))
    if url.scheme not in ("", "http") or (url.netloc and url.netloc != "testserver"):
        return None
    path = url.path
    if path.startswith(SKIPPED_PREFIXES) or path.endswith(SKIPPED_SUFFIXES) or "/export" in path:
        return None
    return path + (f"?{url.query}" if url.query else "")


@pytest.fixture
def demo(settings, tmp_path):
    settings.PARVIS_DATA_DIR = tmp_path
    call_command("demo", stdout=io.StringIO())


def test_every_public_page_reads_as_correct_french(client, demo):
    seen, queue, problems = set(), ["/"], []
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(response.content.decode())
        text = " ".join(" ".join(page.text).split())
        for rule, pattern in FORBIDDEN.items():
            for found in list(pattern.finditer(text))[:3]:
                context = text[max(0, found.start() - 40) : found.end() + 40]
                problems.append(f"{path}: {rule}: « {found.group()} » in « …{context}… »")
        title = " ".join(page.title.split())
        parts = title.split(" — ")
        if len(parts) > 1 and parts[0] == parts[-1]:
            problems.append(f"{path}: title repeats itself: « {title} »")
        if re.search(r"\b(?:localhost|testserver|127\.0\.0\.1)(?::\d+)?\b", title):
            problems.append(f"{path}: host in title: « {title} »")
        for href in page.links:
            link = _internal(href, path)
            if link and link not in seen and len(queue) < 5 * MAX_PAGES:
                queue.append(link)
    assert len(seen) > 100, f"only {len(seen)} pages reached"
    assert problems == [], "\n".join(problems)
