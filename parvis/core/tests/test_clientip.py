import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from parvis.core.clientip import client_address
from parvis.core.ratelimit import hit


def _request(peer, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    request = RequestFactory().post("/", REMOTE_ADDR=peer, **extra)
    request.user = AnonymousUser()
    return request


@pytest.fixture
def proxies(settings):
    settings.PARVIS_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]


def test_without_trusted_proxies_the_forwarded_header_is_ignored():
    assert client_address(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_visitor_is_the_last_untrusted_hop(proxies):
    # The visitor forged the first entry; the proxy appended the address it saw.
    assert client_address(_request("127.0.0.1", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"


def test_trusted_hops_are_skipped_from_the_right(proxies):
    assert client_address(_request("127.0.0.1", "198.51.100.7, 10.1.2.3")) == "198.51.100.7"


def test_a_peer_that_is_not_a_trusted_proxy_cannot_choose_its_address(proxies):
    assert client_address(_request("203.0.113.9", "198.51.100.7")) == "203.0.113.9"


def test_a_malformed_hop_stops_the_walk_at_the_last_trusted_address(proxies):
    assert client_address(_request("127.0.0.1", "198.51.100.7, n'importe quoi")) == "127.0.0.1"


def test_visitors_behind_one_proxy_get_a_rate_limit_each(proxies):
    for _ in range(3):
        hit(_request("127.0.0.1", "198.51.100.1"), "test.proxy", limit=3, period=60)
    assert hit(_request("127.0.0.1", "198.51.100.1"), "test.proxy", limit=3, period=60) is False
    assert hit(_request("127.0.0.1", "198.51.100.2"), "test.proxy", limit=3, period=60) is True


@pytest.mark.django_db
def test_the_audit_log_and_login_failures_record_the_visitor_address(proxies, client):
    from parvis.accounts.models import LoginFailure

    client.post(
        "/compte/connexion/",
        {"username": "nobody@example.org", "password": "faux-mot-de-passe"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.42",
    )
    assert list(LoginFailure.objects.values_list("ip_address", flat=True)) == ["198.51.100.42"]
