"""Small things every visitor meets: a favicon and a robots.txt (no 404), titles that name the page once
and the instance (never the server's host:port)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _title(response) -> str:
    title = re.search(r"<title>(.*?)</title>", response.text, re.S)
    assert title is not None, response.text[:500]
    return title.group(1).strip()


def test_the_favicon_is_a_small_svg_linked_from_every_page(client):
    page = client.get("/")
    link = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page.text)
    assert link and link.group(1).endswith(".svg")
    redirect = client.get("/favicon.ico")
    assert redirect.status_code == 301 and redirect["Location"].endswith("favicon.svg")


def test_robots_txt_lets_crawlers_read_public_pages_but_not_accounts(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    assert "User-agent: *" in response.text and "Disallow: /compte/" in response.text


def test_the_home_page_title_is_the_instance_name_once(client, settings):
    assert _title(client.get("/")) == f"Accueil — {settings.PARVIS_SITE_NAME}"


def test_a_page_named_like_the_instance_is_not_titled_twice(client, settings):
    from parvis.territory.models import Territory

    Territory.objects.create(kind="ept", code="200058006", name=settings.PARVIS_SITE_NAME)
    title = _title(client.get("/territoires/ept/200058006/"))
    assert title == settings.PARVIS_SITE_NAME


def test_the_login_page_names_the_instance_not_the_server(client, settings):
    response = client.get("/compte/connexion/", HTTP_HOST="127.0.0.1:8111")
    assert _title(response) == f"Se connecter — {settings.PARVIS_SITE_NAME}"
    assert "127.0.0.1:8111" not in response.text.split("</header>")[0]


def test_signup_fields_say_what_they_hold(client):
    body = client.get("/compte/inscription/").text
    assert 'autocomplete="email"' in body and 'autocomplete="new-password"' in body
    assert 'autocomplete="postal-code"' in body and 'autocomplete="nickname"' in body
