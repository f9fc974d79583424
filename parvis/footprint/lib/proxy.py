"""The headless browser's only way out: a local HTTP proxy that applies the shared network guard to every
connection Chromium opens (documents, redirects, sub-resources, fetch/XHR, WebSockets, beacons).

Chromium is launched with this proxy and with loopback no longer bypassing it, so every request reaches
here. For each one the host is resolved once, every address must pass ``netguard.choose_address``, and the
proxy connects to that very address: HTTPS and WebSockets through ``CONNECT`` tunnels (TLS stays between
the browser and the site, with its own certificate checks), plain HTTP by forwarding the request in origin
form. A refused host gets ``403`` with the ``X-Parvis-Guard`` header and no byte from the target; the
endpoints refused (host and port) are kept in :attr:`GuardProxy.refused` so that the report leaves their
requests out. A trusted endpoint of the policy (the instance's own origin) opens that host and port only.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from urllib.parse import urlsplit, urlunsplit

from parvis.core.lib import netguard

GUARD_HEADER = "X-Parvis-Guard"
MAX_HEAD = 64 * 1024
HOP_HEADERS = {"proxy-connection", "proxy-authorization", "connection", "keep-alive"}


class GuardProxy:
    def __init__(self, policy: netguard.Policy, *, timeout: float = 30.0) -> None:
        self.policy = policy
        self.timeout = timeout
        self.refused: set[tuple[str, int]] = set()  # (host, port) the guard refused
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> str:
        """Start listening on a free loopback port; return the proxy's URL for Chromium."""
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, limit=MAX_HEAD)
        port = self._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            for task in list(self._tasks):
                task.cancel()
            with contextlib.suppress(Exception):
                await self._server.wait_closed()
            self._server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None  # a connection callback always runs in a task of its own
        self._tasks.add(task)
        try:
            await self._handle(reader, writer)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError, TimeoutError):
            pass
        finally:
            self._tasks.discard(task)
            writer.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), self.timeout)
        request_line, *header_lines = head.decode("latin-1").split("\r\n")
        method, target, version = request_line.split(" ", 2)
        if method.upper() == "CONNECT":
            host, _, port = target.rpartition(":")
            upstream = await self._connect(host.strip("[]"), int(port), writer)
            if upstream is None:
                return
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await writer.drain()
            await _relay(reader, writer, *upstream)
            return
        parts = urlsplit(target)
        if parts.scheme not in ("http", "ws") or not parts.hostname:
            await _refuse(writer, 400)
            return
        upstream = await self._connect(parts.hostname, parts.port or 80, writer)
        if upstream is None:
            return
        path = urlunsplit(("", "", parts.path or "/", parts.query, ""))
        headers = [line for line in header_lines if line and line.split(":", 1)[0].lower() not in HOP_HEADERS]
        upgrade = any(line.lower().startswith("upgrade:") for line in headers)
        headers.append("Connection: Upgrade" if upgrade else "Connection: close")
        up_reader, up_writer = upstream
        lines = [f"{method} {path} {version}", *headers, "", ""]
        up_writer.write("\r\n".join(lines).encode("latin-1"))
        await _relay(reader, writer, up_reader, up_writer)

    async def _connect(
        self, host: str, port: int, writer: asyncio.StreamWriter
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | None:
        """Resolve once, check, and connect to the checked address; answer 403 when the guard refuses."""
        loop = asyncio.get_running_loop()
        try:
            try:
                infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            except (OSError, UnicodeError):
                raise netguard.Refused("unresolvable", host=host) from None
            addresses = list(dict.fromkeys(str(i[4][0]) for i in infos))
            address = netguard.choose_address(host, addresses, self.policy, port=port)
        except netguard.Refused:
            self.refused.add((host.lower(), port))
            await _refuse(writer, 403)
            return None
        try:
            return await asyncio.wait_for(asyncio.open_connection(address, port), self.timeout)
        except (OSError, TimeoutError):
            await _refuse(writer, 502)
            return None


async def _refuse(writer: asyncio.StreamWriter, status: int) -> None:
    reason = {400: "Bad Request", 403: "Forbidden", 502: "Bad Gateway"}[status]
    body = b"refused by the Parvis network guard\n"  # not empty, so the browser shows it as a response
    writer.write(
        f"HTTP/1.1 {status} {reason}\r\n{GUARD_HEADER}: refused\r\nContent-Type: text/plain\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode("latin-1")
        + body
    )
    with contextlib.suppress(OSError):
        await writer.drain()


async def _relay(
    client_reader: asyncio.StreamReader,
    client_writer: asyncio.StreamWriter,
    up_reader: asyncio.StreamReader,
    up_writer: asyncio.StreamWriter,
) -> None:
    async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while data := await source.read(1 << 16):
                sink.write(data)
                await sink.drain()
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sink.close()

    await asyncio.gather(pipe(client_reader, up_writer), pipe(up_reader, client_writer))
