"""A local corpus of test pages served from 127.0.0.1 (and `localhost` as a third party).

Used by the tests and by bench/footprint_throughput.py; nothing here touches the network.
"""

import gzip
import random
import struct
import threading
import time
import zlib
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HEAD = '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>{extra}</head>'
CSS = b"body{font-family:system-ui,sans-serif;margin:0 auto;max-width:40rem}main{padding:1rem}"
FOOTER = (
    '<footer><p><a href="/accessibilite">Accessibilité : partiellement conforme</a></p>'
    '<p><a href="/schema">Schéma pluriannuel de mise en accessibilité</a></p></footer>'
)


@cache
def noise_png(width: int, height: int, seed: int) -> bytes:
    """A valid, incompressible RGB PNG (random pixels), deterministic for a given seed."""
    rows = random.Random(seed).randbytes(width * 3 * height)
    raw = b"".join(b"\x00" + rows[y * width * 3 : (y + 1) * width * 3] for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 1))
        + chunk(b"IEND", b"")
    )


def page(title, body, extra="", footer=True):
    main = f"<header><p>Commune test</p></header><main><h1>{title}</h1>{body}</main>"
    return (
        HEAD.format(title=title, extra=extra)
        + "<body>"
        + main
        + (FOOTER if footer else "")
        + "</body></html>"
    ).encode()


def _pages(third_party: str) -> dict:
    style = '<link rel="stylesheet" href="/static/site.css">'
    links = "".join(f'<li><a href="/page-{i}">Rubrique {i}</a></li>' for i in range(1, 16))
    return {
        "/": page(
            "Accueil",
            f'<p>Bienvenue.</p><nav aria-label="Rubriques"><ul>{links}'
            '<li><a href="/prive/">Espace privé</a></li></ul></nav>',
            style,
        ),
        "/light": page("Page légère", "<p>Une page sobre.</p>", style),
        "/heavy": page(
            "Page lourde",
            "".join(
                f'<img src="/img/photo-{i}.png" alt="Photo {i}" width="160" height="120">' for i in range(4)
            )
            + "<ul>"
            + "".join(f"<li><span>Actualité</span> <em>{i}</em></li>" for i in range(500))
            + "</ul>",
            style,
        ),
        "/many": page(
            "Beaucoup de requêtes",
            "".join(f'<img src="/img/icon-{i}.png" alt="Icône {i}" width="8" height="8">' for i in range(60)),
            style,
        ),
        "/faults": (
            b'<!doctype html><html><head><meta charset="utf-8"></head><body>'
            b'<img src="/img/icon-1.png"><form><input type="text" name="q"></form>'
            b'<p style="color:#bbb;background:#fff">Texte peu contrast\xc3\xa9</p></body></html>'
        ),
        "/tracker": page(
            "Page avec traceur",
            "<p>Mesure d'audience tierce.</p>",
            style + f'<script src="{third_party}/gtag/js?id=G-TEST"></script>'
            f'<link rel="stylesheet" href="{third_party}/fonts/font.css">',
        ),
        "/practices": page(
            "Bonnes pratiques",
            "<p>Script non compressé, police web, image surdimensionnée.</p>"
            '<img src="/img/big-0.png" alt="Grande image" width="100" height="75">',
            style
            + '<script src="/static/app.js" defer></script><link rel="stylesheet" href="/static/font.css">',
        ),
        "/never": page("Jamais finie", '<img src="/slow/image.png" alt="Lente">', style),
        "/accessibilite": page("Accessibilité", "<p>Accessibilité : partiellement conforme.</p>", style),
        "/schema": page("Schéma", "<p>Schéma pluriannuel 2025-2027.</p>", style),
    } | {f"/page-{i}": page(f"Rubrique {i}", f"<p>Contenu {i}.</p>", style) for i in range(1, 16)}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ParvisCorpus/1"
    sys_version = ""

    def log_message(self, *args):
        pass

    def date_time_string(self, timestamp=None):
        return "Wed, 25 Nov 2026 12:00:00 GMT"  # fixed, so repeated runs weigh the same

    def send(self, status, body, content_type, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?")[0]
        cache = [("Cache-Control", "public, max-age=86400")]
        pages = _pages(self.server.third_party)
        if path in pages:
            return self.send(200, pages[path], "text/html; charset=utf-8")
        if path == "/static/site.css":
            return self.send(
                200, gzip.compress(CSS, mtime=0), "text/css", cache + [("Content-Encoding", "gzip")]
            )
        if path == "/static/app.js":
            return self.send(200, b"// app\n" + b"console.log('x');\n" * 2000, "application/javascript")
        if path in ("/static/font.css", "/fonts/font.css"):
            return self.send(
                200,
                b"@font-face{font-family:T;src:url(/fonts/t.woff2)}body{font-family:T}",
                "text/css",
                cache,
            )
        if path == "/fonts/t.woff2":
            return self.send(200, random.Random(7).randbytes(30_000), "font/woff2", cache)
        if path == "/gtag/js":
            return self.send(200, b"window.dataLayer=[];", "application/javascript", cache)
        if path.startswith("/img/photo-"):
            return self.send(200, noise_png(800, 600, int(path[11])), "image/png", cache)
        if path.startswith("/img/big-"):
            return self.send(200, noise_png(400, 300, 9), "image/png", cache)
        if path.startswith("/img/icon-"):
            return self.send(200, noise_png(8, 8, 1), "image/png", cache)
        if path == "/slow/image.png":
            time.sleep(30)
            return self.send(200, noise_png(8, 8, 1), "image/png")
        if path == "/hang":
            time.sleep(30)
            return self.send(200, page("Tard", ""), "text/html")
        if path == "/loop":
            return self.send(302, b"", "text/html", [("Location", "/loop2")])
        if path == "/loop2":
            return self.send(302, b"", "text/html", [("Location", "/loop")])
        if path == "/document.pdf":
            return self.send(200, b"%PDF-1.4\n%%EOF\n", "application/pdf")
        if path == "/huge":
            return self._huge()
        if path == "/robots.txt":
            return self.send(200, b"User-agent: *\nDisallow: /prive/\n", "text/plain")
        if path == "/sitemap.xml":
            urls = "".join(f"<url><loc>{self.server.base}/page-{i}</loc></url>" for i in (3, 1, 2))
            body = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
            return self.send(200, body.encode(), "application/xml")
        return self.send(404, page("Introuvable", "<p>Page introuvable.</p>"), "text/html; charset=utf-8")

    def _huge(self):
        size = 50 * 1000 * 1000
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        chunk = b"<p>" + b"x" * 65_533
        try:
            for _ in range(size // len(chunk)):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address):
        pass  # clients hanging up (TLS probes, aborted audits) are expected here


class Corpus:
    """Start with `with Corpus() as corpus:`; corpus.url("/light") gives an absolute URL."""

    def __init__(self):
        self.server = QuietServer(("127.0.0.1", 0), Handler)
        port = self.server.server_address[1]
        self.server.base = f"http://127.0.0.1:{port}"
        self.server.third_party = f"http://localhost:{port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return self.server.base

    def url(self, path: str) -> str:
        return self.server.base + path

    def tls_url(self, path: str) -> str:
        """The same port over https: the TLS handshake fails (the server speaks plain HTTP)."""
        return self.server.base.replace("http://", "https://") + path

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
