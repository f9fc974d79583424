import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from parvis.core.ratelimit import hit


def _request(ip="10.0.0.1"):
    request = RequestFactory().post("/", REMOTE_ADDR=ip)
    request.user = AnonymousUser()
    return request


def test_hits_within_the_limit_pass_and_the_next_one_is_refused():
    request = _request()
    assert all(hit(request, "test.scope", limit=3, period=60) for _ in range(3))
    assert hit(request, "test.scope", limit=3, period=60) is False


def test_limits_are_counted_per_client():
    for _ in range(3):
        hit(_request("10.0.0.2"), "test.other", limit=3, period=60)
    assert hit(_request("10.0.0.3"), "test.other", limit=3, period=60) is True


@pytest.mark.django_db
def test_public_signup_is_rate_limited_with_a_french_429(client):
    for i in range(10):
        client.post("/compte/inscription/", {"email": f"x{i}@example.org", "password": "court"})
    response = client.post("/compte/inscription/", {"email": "y@example.org", "password": "court"})
    assert response.status_code == 429
    assert "Trop de demandes" in response.text
    assert response["Retry-After"] == "3600"
