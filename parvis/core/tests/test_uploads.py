"""Every upload, on any page or API endpoint, is cut at PARVIS_MAX_UPLOAD_BYTES (core.uploads)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from parvis.core import uploads

pytestmark = pytest.mark.django_db


def test_a_form_upload_declared_past_the_limit_gets_the_french_413_page(client_as, settings):
    settings.PARVIS_MAX_UPLOAD_BYTES = 1000
    big = SimpleUploadedFile("lieux.csv", b"nom\n" + b"x" * 200_000)
    response = client_as("gestionnaire").post("/aide/gestion/import/", {"fichier": big})
    assert response.status_code == 413
    assert "Fichier trop volumineux" in response.text and "taille maximale" in response.text
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_body_declared_past_the_limit_is_not_read(settings):
    settings.PARVIS_MAX_UPLOAD_BYTES = 1000
    request = RequestFactory().post("/donnees/", {"file": SimpleUploadedFile("a.csv", b"1\n" * 100_000)})
    response = uploads.UploadLimitMiddleware(lambda r: pytest.fail("the view must not run"))(request)
    assert response.status_code == 413
    assert request._stream._pos == 0  # not a byte of the body consumed


def test_uploads_within_the_limit_reach_the_view(settings):
    settings.PARVIS_MAX_UPLOAD_BYTES = 1000
    request = RequestFactory().post("/donnees/", {"file": SimpleUploadedFile("a.csv", b"a\n1\n")})
    seen = uploads.UploadLimitMiddleware(lambda r: r.FILES["file"].read())(request)
    assert seen == b"a\n1\n"
