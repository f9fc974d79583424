"""The audit browser cannot reach internal addresses: not through redirects, sub-resources, scripts' fetches
nor WebSockets. 127.0.0.2 stands for a public site (PARVIS_NETGUARD_PUBLIC_NETWORKS, tests only) and an
internal server listens on 127.0.0.1: it must never accept a single connection. 127.0.0.3 stands for this
instance's own origin on a private address: allowed itself, it opens no other private address."""

import json
import socket
import threading
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.forms.models import model_to_dict

from parvis.footprint import auditing
from parvis.footprint.lib.errors import AuditError

pytestmark = pytest.mark.browser
SECRET = "SECRET-INTERNE-7f3a"


class InternalServer:
    """A TCP server on 127.0.0.1 that answers anything with the secret and counts its connections."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            body = f"<html><head><title>{SECRET}</title></head><body>{SECRET}</body></html>".encode()
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body)
            )
            conn.sendall(body)
            conn.close()


def public_site(internal: str, host: str = "127.0.0.2"):
    ws = internal.replace("http://", "ws://")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.startswith("/go"):
                self.send_response(302)
                self.send_header("Location", f"{internal}/internal")
                self.end_headers()
                return
            body = (
                '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Mairie</title>'
                f'<link rel="stylesheet" href="{internal}/style.css"></head><body><main><h1>Mairie</h1>'
                f'<img src="{internal}/logo.png" alt="logo"><img src="/go-image" alt="redirigée">'
                '<iframe src="/go-frame" title="cadre"></iframe>'
                f'<script>try {{ new WebSocket("{ws}/ws"); }} catch (e) {{}}'
                f'fetch("{internal}/api").catch(() => null);</script></main></body></html>'
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer((host, 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def scene(fast_audits):
    fast_audits.PARVIS_FOOTPRINT_ALLOW_PRIVATE = False
    fast_audits.PARVIS_NETGUARD_PUBLIC_NETWORKS = ("127.0.0.2/32",)
    internal = InternalServer()
    site = public_site(f"http://127.0.0.1:{internal.port}")
    yield f"http://127.0.0.2:{site.server_address[1]}", internal
    site.shutdown()
    site.server_close()
    internal.sock.close()


def test_a_public_page_cannot_make_the_browser_reach_an_internal_server(scene):
    public, internal = scene
    measure = auditing.runner().audit(public + "/")
    report = json.dumps(asdict(measure), default=str)
    assert internal.connections == 0
    assert SECRET not in report
    assert all(item["host"] == "127.0.0.2" for item in measure.resources), measure.resources
    assert measure.page["title"] == "Mairie"


def test_a_redirect_to_an_internal_address_is_refused(scene):
    public, internal = scene
    with pytest.raises(AuditError) as error:
        auditing.runner().audit(public + "/go")
    assert error.value.code == "private_address"
    assert internal.connections == 0


@pytest.fixture
def own_origin(fast_audits):
    """This instance served on a private address (127.0.0.3, not declared public), with the same hostile
    page: its redirects, sub-resources, fetch and WebSocket all aim at the internal server."""
    fast_audits.PARVIS_FOOTPRINT_ALLOW_PRIVATE = False
    fast_audits.PARVIS_NETGUARD_PUBLIC_NETWORKS = ()
    fast_audits.PARVIS_FOOTPRINT_MAX_PAGES = 0
    internal = InternalServer()
    site = public_site(f"http://127.0.0.1:{internal.port}", host="127.0.0.3")
    fast_audits.PARVIS_PUBLIC_URL = f"http://127.0.0.3:{site.server_address[1]}"
    yield fast_audits.PARVIS_PUBLIC_URL, internal
    site.shutdown()
    site.server_close()
    internal.sock.close()


def test_auditing_the_instances_own_private_origin_opens_no_other_private_address(
    own_origin, make_site, run_now
):
    own, internal = own_origin
    audit = run_now(make_site(own + "/"))
    page = audit.pages.get()
    assert audit.status == "done", (audit.error_code, audit.error_params)
    assert page.ok and page.url == own + "/"
    report = json.dumps([model_to_dict(page), model_to_dict(audit)], default=str)
    assert internal.connections == 0
    assert SECRET not in report


def test_a_redirect_from_the_instances_own_origin_to_another_private_address_is_refused(own_origin):
    own, internal = own_origin
    browser = auditing.runner(auditing.config(own_origin=own))
    assert browser.audit(own + "/").page["title"] == "Mairie"
    with pytest.raises(AuditError) as error:
        browser.audit(own + "/go")
    assert error.value.code == "private_address"
    assert internal.connections == 0


def test_the_own_origin_opens_its_port_only_not_the_other_ports_of_its_host(own_origin):
    own, internal = own_origin
    other_port = own.rsplit(":", 1)[0] + f":{internal.port}"  # 127.0.0.3 on another port
    with pytest.raises(AuditError) as error:
        auditing.runner(auditing.config(own_origin=own)).audit(other_port + "/")
    assert error.value.code == "private_address"
