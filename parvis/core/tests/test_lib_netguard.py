"""The shared outbound network guard (no Django): URL normalisation and the SSRF rules."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from parvis.core.lib import netguard


@pytest.mark.parametrize("raw", ["", "pas une url", "ftp://mairie.fr/", "http://", "https://mairie"])
def test_invalid_urls_are_refused(raw):
    with pytest.raises(netguard.Refused) as error:
        netguard.normalise_url(raw)
    assert error.value.code == "invalid_url"


def test_a_bare_domain_becomes_an_https_url():
    assert netguard.normalise_url(" www.Creteil.FR ") == "https://www.creteil.fr/"


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/", "http://10.0.0.5/", "http://[::1]/", "http://169.254.169.254/"]
)
def test_private_and_loopback_addresses_are_refused(url):
    with pytest.raises(netguard.Refused) as error:
        netguard.check_destination(url, policy=netguard.STRICT)
    assert error.value.code == "private_address"


def test_a_public_address_passes_and_private_ones_pass_when_allowed():
    netguard.check_destination("http://93.184.215.14/", policy=netguard.STRICT)
    netguard.check_destination("http://127.0.0.1/", policy=netguard.Policy(allow_private=True))


def test_an_ipv4_address_hidden_in_ipv6_and_multicast_addresses_are_refused():
    assert not netguard.is_public_ip("::ffff:10.0.0.1")
    assert not netguard.is_public_ip("224.0.0.1")
    assert netguard.is_public_ip("93.184.215.14")


@pytest.mark.parametrize(
    "address",
    [
        "::ffff:127.0.0.1",  # IPv4-mapped
        "2002:7f00:1::",  # 6to4 around 127.0.0.1
        "2002:a00:1::",  # 6to4 around 10.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 around 169.254.169.254
        "::7f00:1",  # IPv4-compatible 127.0.0.1
        "0.0.0.0",  # noqa: S104
        "::",
        "fe80::1",
        "fc00::1",
        "100.64.0.1",  # carrier-grade NAT
        "198.18.0.1",  # benchmarking
        "240.0.0.1",  # reserved
        "ff02::1",
    ],
)
def test_special_addresses_in_every_disguise_are_refused(address):
    assert not netguard.is_public_ip(address)


def test_one_private_answer_among_public_ones_refuses_the_host():
    with pytest.raises(netguard.Refused) as error:
        netguard.choose_address("rebind.example", ["93.184.215.14", "127.0.0.1"], netguard.STRICT)
    assert error.value.code == "private_address"
    assert netguard.choose_address("ok.example", ["93.184.215.14"], netguard.STRICT) == "93.184.215.14"


def test_a_test_only_setting_treats_one_loopback_address_as_public_and_no_other():
    policy = netguard.Policy(public_networks=("127.0.0.2/32",))
    assert policy.allows("127.0.0.2")
    assert not policy.allows("127.0.0.1")


class _Hops(BaseHTTPRequestHandler):
    def do_GET(self):
        target = {"/to-internal": "http://127.0.0.1:9/secret", "/to-self": "/end"}.get(self.path)
        self.send_response(302 if target else 200)
        if target:
            self.send_header("Location", target)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def public_server():
    server = ThreadingHTTPServer(("127.0.0.2", 0), _Hops)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.2:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_every_redirect_hop_is_checked_again(public_server):
    policy = netguard.Policy(public_networks=("127.0.0.2/32",))
    with netguard.open_url(public_server + "/to-self", policy=policy, timeout=5) as response:
        assert (response.status, response.url, response.read()) == (200, public_server + "/end", b"ok")
    with pytest.raises(netguard.Refused) as error:
        netguard.open_url(public_server + "/to-internal", policy=policy, timeout=5)
    assert error.value.code == "private_address"


def test_the_connection_goes_to_the_checked_address_with_the_host_name_kept(public_server):
    """Pinning: the host name is resolved once; the request reaches the pinned address with its Host."""
    port = public_server.rsplit(":", 1)[1]
    policy = netguard.Policy(public_networks=("127.0.0.2/32",))
    with pytest.raises(netguard.Refused):  # localhost resolves to 127.0.0.1: refused before connecting
        netguard.open_url(f"http://localhost:{port}/", policy=policy, timeout=5)


def test_a_trusted_origin_opens_its_own_host_and_port_and_no_other_private_address():
    policy = netguard.Policy(trusted=(netguard.trusted_endpoint("http://LocalHost:8000/aide/"),))
    assert netguard.choose_address("localhost", ["127.0.0.1"], policy, port=8000) == "127.0.0.1"
    for host, address, port in (
        ("localhost", "127.0.0.1", 6379),  # the same host on another port
        ("127.0.0.1", "127.0.0.1", 8000),  # the same address under another name
        ("intranet.example", "10.0.0.7", 8000),
    ):
        with pytest.raises(netguard.Refused) as refusal:
            netguard.choose_address(host, [address], policy, port=port)
        assert refusal.value.code == "private_address"


def test_a_trusted_origin_gets_the_default_port_of_its_scheme():
    assert netguard.trusted_endpoint("https://parvis.lan/") == ("parvis.lan", 443)
    assert netguard.trusted_endpoint("http://10.0.0.5") == ("10.0.0.5", 80)
