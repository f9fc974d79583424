"""The shared outbound network guard (no Django): URL normalisation and the SSRF rules."""

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
        netguard.check_destination(url, allow_private=False)
    assert error.value.code == "private_address"


def test_a_public_address_passes_and_private_ones_pass_when_allowed():
    netguard.check_destination("http://93.184.215.14/", allow_private=False)
    netguard.check_destination("http://127.0.0.1/", allow_private=True)


def test_an_ipv4_address_hidden_in_ipv6_and_multicast_addresses_are_refused():
    assert not netguard.is_public_ip("::ffff:10.0.0.1")
    assert not netguard.is_public_ip("224.0.0.1")
    assert netguard.is_public_ip("93.184.215.14")
