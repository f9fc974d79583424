"""Audit pages in headless Chromium (Playwright driving the system browser).

Follows the EcoIndex reference protocol: 1280x720 viewport, wait after load, scroll to the
bottom, wait again, count DOM elements outside SVGs, count HAR entries and sum their
transferred bytes / 1000. Then injects axe-core (French locale, RGAAv4 tags). Every measure
carries its provenance (tool versions, viewport, user agent, waits).
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from collections.abc import Collection
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from parvis.core.lib import lazy, netguard
from parvis.footprint.lib import ecoindex
from parvis.footprint.lib.errors import AuditError
from parvis.footprint.lib.fetch import preflight
from parvis.footprint.lib.proxy import GUARD_HEADER, GuardProxy

if TYPE_CHECKING:
    import playwright.async_api as playwright
else:
    playwright = lazy.module("playwright.async_api")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # WebRTC may not open UDP sockets of its own: everything leaves through the guard proxy.
    "--force-webrtc-ip-handling-policy",
    "--webrtc-ip-handling-policy=disable_non_proxied_udp",
]
COLLECT_JS = (Path(__file__).with_name("collect.js")).read_text()
RUN_AXE_JS = """async (locale) => {
  axe.configure({locale: locale});
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: ["RGAAv4"]}, resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, description: v.description, tags: v.tags,
    nodes: v.nodes.slice(0, 20).map((n) => ({target: n.target.join(" "),
      html: n.html.slice(0, 300), summary: n.failureSummary || ""})),
    count: v.nodes.length}));
}"""
NET_ERRORS = (
    ("ERR_BLOCKED_BY_CLIENT", "private_address"),
    ("ERR_TUNNEL_CONNECTION_FAILED", "private_address"),
    ("ERR_TOO_MANY_REDIRECTS", "redirect_loop"),
    ("ERR_CERT", "tls"),
    ("ERR_SSL", "tls"),
    ("ERR_NAME_NOT_RESOLVED", "unresolvable"),
    ("ERR_TIMED_OUT", "timeout"),
    ("ERR_CONNECTION", "connection"),
    ("ERR_EMPTY_RESPONSE", "connection"),
    ("ERR_ABORTED", "not_html"),
)


@dataclass(frozen=True)
class AuditConfig:
    user_agent: str
    axe_dir: Path  # node_modules/axe-core
    policy: netguard.Policy = netguard.STRICT
    viewport: tuple[int, int] = (1280, 720)
    wait_before_scroll: float = 1.0
    wait_after_scroll: float = 1.0
    timeout: float = 30.0
    max_bytes: int = 20_000_000
    chromium: str = CHROMIUM

    def provenance(self, browser_version: str, axe_version: str) -> dict[str, Any]:
        return {
            "browser": f"Chromium {browser_version}",
            "playwright": version("playwright"),
            "axe_core": axe_version,
            "ecoindex_method": ecoindex.METHOD_VERSION,
            "viewport": {"width": self.viewport[0], "height": self.viewport[1]},
            "user_agent": self.user_agent,
            "wait_before_scroll_s": self.wait_before_scroll,
            "wait_after_scroll_s": self.wait_after_scroll,
            "timeout_s": self.timeout,
        }


@dataclass
class PageMeasure:
    url: str
    final_url: str
    nodes: int
    requests: int
    size_kb: float
    ecoindex: ecoindex.EcoIndex
    resources: list[dict[str, Any]]
    page: dict[str, Any]  # images, links, lang, title, text
    violations: list[dict[str, Any]]
    provenance: dict[str, Any] = field(default_factory=dict)


def check_tools(config: AuditConfig) -> None:
    """A missing tool is a stated failure (French message, no traceback), not a crash of the audit."""
    if not Path(config.chromium).is_file():
        raise AuditError("no_browser", path=config.chromium)
    if not (config.axe_dir / "axe.min.js").is_file():
        raise AuditError("no_axe", path=str(config.axe_dir))


class Browser:
    """One Chromium process; each page is audited in a fresh context (no shared cache). Every connection
    the browser opens goes through a :class:`GuardProxy` applying the configuration's network policy."""

    def __init__(self, config: AuditConfig):
        self.config = config
        check_tools(config)
        self.axe_source = (config.axe_dir / "axe.min.js").read_text()
        self.axe_locale = json.loads((config.axe_dir / "locales" / "fr.json").read_text())
        self.axe_version = json.loads((config.axe_dir / "package.json").read_text())["version"]

    async def __aenter__(self) -> Browser:
        self.proxy = GuardProxy(self.config.policy, timeout=self.config.timeout)
        proxy_url = await self.proxy.start()
        self._playwright = await playwright.async_playwright().start()
        # Playwright adds "<-loopback>" to the bypass list, so loopback addresses go through the proxy too.
        self._browser = await self._playwright.chromium.launch(
            executable_path=self.config.chromium,
            args=CHROMIUM_FLAGS,
            headless=True,
            proxy={"server": proxy_url},
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._browser.close()
        await self._playwright.stop()
        await self.proxy.close()

    @property
    def pid(self) -> int | None:
        process = getattr(self._browser, "_impl_obj", None)
        return getattr(getattr(process, "_browser_process", None), "pid", None)

    async def audit(self, url: str) -> PageMeasure:
        config = self.config
        await asyncio.to_thread(
            preflight,
            url,
            user_agent=config.user_agent,
            timeout=config.timeout,
            max_bytes=config.max_bytes,
            policy=config.policy,
        )
        with tempfile.TemporaryDirectory(prefix="parvis-har-") as tmp:
            har_path = Path(tmp) / "page.har"
            context = await self._browser.new_context(
                viewport={"width": config.viewport[0], "height": config.viewport[1]},
                user_agent=config.user_agent,
                locale="fr-FR",
                bypass_csp=True,
                service_workers="block",
                record_har_path=str(har_path),
                record_har_content="omit",
            )
            try:
                final_url, nodes, page_info, violations = await self._render(context, url)
            finally:
                await context.close()  # writes the HAR
            resources = read_har(har_path, refused=self.proxy.refused)
        size_bytes = sum(item["transfer"] for item in resources)
        if size_bytes > config.max_bytes:
            raise AuditError("too_heavy", url=url, size=size_bytes, limit=config.max_bytes)
        size_kb = size_bytes / 1000
        return PageMeasure(
            url=url,
            final_url=final_url,
            nodes=nodes,
            requests=len(resources),
            size_kb=size_kb,
            ecoindex=ecoindex.compute(nodes, len(resources), size_kb),
            resources=resources,
            page=page_info,
            violations=violations,
            provenance=config.provenance(self._browser.version, self.axe_version),
        )

    async def _render(
        self, context: playwright.BrowserContext, url: str
    ) -> tuple[str, int, dict[str, Any], list[dict[str, Any]]]:
        config = self.config
        page = await context.new_page()
        page.set_default_timeout(config.timeout * 1000)
        weight = {"declared": 0}
        page.on("response", lambda response: _count_weight(response, weight, page, config))
        try:
            response = await page.goto(url, wait_until="load", timeout=config.timeout * 1000)
            if response is not None and response.headers.get(GUARD_HEADER.lower()):
                host = urlsplit(response.url).hostname or ""
                raise AuditError("private_address", url=response.url, host=host, address=host)
            if response is not None and response.status >= 400:
                raise AuditError("http_status", url=url, status=response.status)
            await page.wait_for_timeout(config.wait_before_scroll * 1000)
            await page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            await page.wait_for_timeout(config.wait_after_scroll * 1000)
            if weight["declared"] > config.max_bytes:
                raise AuditError("too_heavy", url=url, size=weight["declared"], limit=config.max_bytes)
            page_info = await page.evaluate(COLLECT_JS)
            await page.add_script_tag(content=self.axe_source)
            violations = await page.evaluate(RUN_AXE_JS, self.axe_locale)
        except playwright.TimeoutError:
            raise AuditError("timeout", url=url, seconds=config.timeout) from None
        except playwright.Error as error:
            if weight["declared"] > config.max_bytes:
                raise AuditError(
                    "too_heavy", url=url, size=weight["declared"], limit=config.max_bytes
                ) from None
            raise _translate(str(error), url) from None
        return page.url, page_info.pop("nodes"), page_info, violations


def _count_weight(
    response: playwright.Response, weight: dict[str, int], page: playwright.Page, config: AuditConfig
) -> None:
    declared = response.headers.get("content-length", "")
    if declared.isdigit():
        weight["declared"] += int(declared)
    if weight["declared"] > config.max_bytes and not page.is_closed():
        asyncio.ensure_future(page.close())


def _translate(message: str, url: str) -> AuditError:
    for marker, code in NET_ERRORS:
        if marker in message:
            if code == "private_address":  # our route guard refused the request
                host = urlsplit(url).hostname or ""
                return AuditError(code, url=url, host=host, address=host)
            return AuditError(code, url=url)
    return AuditError("browser", url=url, detail=message.splitlines()[0][:200])


DEFAULT_PORTS = {"http": 80, "ws": 80, "https": 443, "wss": 443}


def read_har(path: Path, refused: Collection[tuple[str, int]] = frozenset()) -> list[dict[str, Any]]:
    """One dict per HAR entry: url, host, status, mime, transfer and body bytes, headers. Requests the
    network guard refused (``refused`` holds their ``(host, port)``) are left out: they never left the
    machine."""
    entries = json.loads(path.read_text())["log"]["entries"]
    resources: list[dict[str, Any]] = []
    for entry in entries:
        response = entry["response"]
        headers = {h["name"].lower(): h["value"] for h in response.get("headers", [])}
        parts = urlsplit(entry["request"]["url"])
        host = parts.hostname or ""
        try:
            endpoint = (host, parts.port or DEFAULT_PORTS.get(parts.scheme, 0))
        except ValueError:
            continue
        guarded = any(h["name"].lower() == GUARD_HEADER.lower() for h in response.get("headers", []))
        if guarded or endpoint in refused:
            continue
        resources.append(
            {
                "url": entry["request"]["url"],
                "host": host,
                "status": response.get("status", 0),
                "mime": (response.get("content", {}).get("mimeType") or "").split(";")[0],
                "transfer": max(int(response.get("_transferSize", 0) or 0), 0),
                "body": max(int(response.get("content", {}).get("size", 0) or 0), 0),
                "headers": {
                    name: headers[name]
                    for name in ("content-encoding", "cache-control", "expires", "etag", "last-modified")
                    if name in headers
                },
            }
        )
    return resources
