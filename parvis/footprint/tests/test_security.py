"""Issue 14 on the footprint: crawled links shown only when http(s); the audit API needs the CSRF token."""

import pytest
from django.test import Client

from parvis.footprint.lib.accessibility import declarative
from parvis.footprint.models import SiteAudit

pytestmark = pytest.mark.django_db


def test_a_javascript_statement_link_of_an_audited_page_is_never_kept():
    page = {"links": [{"href": "javascript:alert(document.cookie)", "text": "Accessibilité"}], "text": ""}
    assert declarative(page)["statement_url"] == ""
    page["links"][0]["href"] = "https://www.ville.fr/accessibilite"
    assert declarative(page)["statement_url"] == "https://www.ville.fr/accessibilite"


def test_a_stored_javascript_statement_link_is_not_rendered_as_a_link(audited, client):
    site = audited()
    audit = SiteAudit.objects.get(site=site)
    audit.declarative = {"statement_url": "javascript:alert(1)", "conformity": "", "multi_year_plan": False}
    audit.save()
    page = client.get(f"/sobriete/audits/{audit.pk}/").content.decode()
    assert "javascript:" not in page


def test_the_audit_request_of_the_api_needs_the_csrf_token_with_a_session_cookie(make_site, users):
    site = make_site()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(users["gestionnaire"])
    response = browser.post(f"/api/footprint/sites/{site.pk}/audits")
    assert response.status_code in (401, 403)
    assert not SiteAudit.objects.filter(site=site).exists()
    browser.get("/sobriete/")  # sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    response = browser.post(f"/api/footprint/sites/{site.pk}/audits", headers={"X-CSRFToken": token})
    assert response.status_code in (202, 429)
