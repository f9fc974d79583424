"""The warm-up request a web worker answers for itself before serving visitors."""

import pytest
from django.core.wsgi import get_wsgi_application

from parvis.core.tests.test_api_fuzz import keep_connections  # noqa: F401  (fixture)
from parvis.core.warmup import warm_up

pytestmark = pytest.mark.usefixtures("keep_connections")


def test_the_warm_up_answers_the_home_page_at_the_public_address(db, settings):
    settings.PARVIS_PUBLIC_URL = "http://127.0.0.1:8123/"
    assert warm_up(get_wsgi_application()) == 200


def test_a_failing_warm_up_never_stops_the_worker(db, settings):
    settings.PARVIS_PUBLIC_URL = "http://unknown-host.example/"  # not in ALLOWED_HOSTS: a 400, not an error
    assert warm_up(get_wsgi_application()) == 400
    assert warm_up(lambda environ, start_response: 1 / 0) is None
