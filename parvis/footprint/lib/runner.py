"""A synchronous façade over the async Browser: one event loop in a background thread.

Django code (views, tasks, commands) and tests call `audit()` / `audit_many()` without caring
about asyncio; one Chromium serves every page, `concurrency` contexts at a time.
"""

import asyncio
import threading

from parvis.footprint.lib.browser import AuditConfig, Browser, PageMeasure
from parvis.footprint.lib.errors import AuditError


class AuditRunner:
    def __init__(self, config: AuditConfig):
        self.config = config
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._browser = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def start(self):
        browser = Browser(self.config)  # raises AuditError when Chromium or axe-core is missing
        self._thread.start()
        self._browser = self._call(browser.__aenter__())

    def close(self):
        if self._browser is not None:
            self._call(self._browser.__aexit__(None, None, None))
            self._browser = None
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    @property
    def browser_pid(self):
        return self._browser.pid

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def audit(self, url: str) -> PageMeasure:
        return self._call(self._browser.audit(url))

    def audit_many(self, urls, *, concurrency=2, delay=0.0):
        """Audit urls, at most `concurrency` at once with `delay` seconds between starts.
        Returns [(url, PageMeasure | AuditError)] in input order."""
        return self._call(self._many(list(urls), concurrency, delay))

    async def _many(self, urls, concurrency, delay):
        gate = asyncio.Semaphore(concurrency)
        pacing = asyncio.Lock()

        async def one(url):
            async with gate:
                async with pacing:
                    await asyncio.sleep(delay)
                try:
                    outcome = await self._browser.audit(url)
                except AuditError as error:
                    outcome = error
                return url, outcome

        return list(await asyncio.gather(*(one(url) for url in urls)))
