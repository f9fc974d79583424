"""Bad inputs: each gives a clear French message, never a 500, never a half-written version,
and the previous version stays current."""

import io
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from parvis.catalog import selectors
from parvis.catalog.models import ResourceVersion, VersionStatus


@pytest.fixture
def current(make_dataset):
    """A published dataset whose resource already has a good current version."""
    dataset, version = make_dataset()
    return dataset, dataset.resources.get(), version


def upload(client, dataset, resource, name, content, **extra):
    url = reverse("catalog:resource_import", args=[dataset.slug, resource.slug])
    return client.post(url, {"file": SimpleUploadedFile(name, content), **extra})


def assert_failed_cleanly(resource, previous, *words):
    latest = resource.versions.first()
    assert latest.status == VersionStatus.FAILED
    assert latest.parquet_path == "" and not latest.is_current
    for word in words:
        assert word in latest.failure
    assert selectors.current_version(resource) == previous
    media = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    files = sorted(p.name for p in (media / "datasets").rglob("*") if p.is_file())
    stem = Path(previous.parquet_path).stem
    assert files == [f"{stem}.duckdb", f"{stem}.parquet"]
    assert not [p for p in (Path(settings.PARVIS_DATA_DIR) / "tmp").rglob("*") if p.is_file()]
    return latest


def test_empty_upload_is_refused_by_the_form_in_french(client_as, current):
    dataset, resource, previous = current
    response = upload(client_as("gestionnaire"), dataset, resource, "vide.csv", b"")
    assert response.status_code == 200
    assert "vide" in response.content.decode()
    assert list(resource.versions.all()) == [previous]


def test_empty_file_imported_from_the_server_fails_cleanly(current, users, write):
    from parvis.catalog import services

    dataset, resource, previous = current
    services.start_import(
        resource=resource, actor=users["gestionnaire"], path=str(write("vide.csv", b"")), run_now=True
    )
    assert_failed_cleanly(resource, previous, "vide")


def test_header_only_file_gives_a_valid_version_with_no_rows(client_as, current):
    dataset, resource, previous = current
    response = upload(client_as("gestionnaire"), dataset, resource, "entete.csv", b"code_insee,nom\n")
    assert response.status_code == 302
    latest = resource.versions.first()
    assert latest.status == VersionStatus.READY and latest.row_count == 0


def test_binary_file_renamed_csv_is_refused(client_as, current):
    dataset, resource, previous = current
    blob = bytes(range(256)) * 64
    upload(client_as("gestionnaire"), dataset, resource, "image.csv", b"\x89PNG\r\n\x1a\n" + blob)
    assert_failed_cleanly(resource, previous, "binaire")


def test_latin1_accents_are_decoded(client_as, current):
    dataset, resource, previous = current
    text = "code_insee,nom\n94028,Créteil\n94019,Chennevières-sur-Marne\n".encode("latin-1")
    upload(client_as("gestionnaire"), dataset, resource, "latin1.csv", text)
    latest = resource.versions.first()
    assert latest.status == VersionStatus.READY
    table = selectors.read_rows(latest)
    assert table.column("nom").to_pylist() == ["Créteil", "Chennevières-sur-Marne"]


def test_duplicate_column_names_are_kept_apart_and_reported(client_as, current):
    dataset, resource, previous = current
    upload(client_as("gestionnaire"), dataset, resource, "doublons.csv", b"code,nom,nom\n1,a,b\n")
    latest = resource.versions.first()
    assert latest.status == VersionStatus.READY
    assert [c["name"] for c in latest.columns] == ["code", "nom", "nom_2"]


def test_ragged_rows_are_reported_row_by_row(client_as, current):
    dataset, resource, previous = current
    upload(client_as("gestionnaire"), dataset, resource, "irregulier.csv", b"a,b,c\n1,2\n1,2,3,4\n")
    latest = resource.versions.first()
    assert latest.status == VersionStatus.READY and latest.valid is False
    assert latest.report_summary["by_type"] == {"missing-cell": 1, "extra-cell": 1}
    assert selectors.current_version(resource) == previous


def test_ten_thousand_columns_are_refused(client_as, current):
    dataset, resource, previous = current
    header = ",".join(f"c{i}" for i in range(10_000)) + "\n"
    upload(
        client_as("gestionnaire"), dataset, resource, "large.csv", (header + header.replace("c", "")).encode()
    )
    assert_failed_cleanly(resource, previous, "colonnes")


def test_upload_past_the_declared_size_limit_answers_413_and_writes_nothing(client_as, current, settings):
    dataset, resource, previous = current
    settings.PARVIS_MAX_UPLOAD_BYTES = 1000
    response = upload(client_as("gestionnaire"), dataset, resource, "gros.csv", b"a\n" + b"1\n" * 100_000)
    assert response.status_code == 413
    assert "taille maximale" in response.content.decode()
    assert list(resource.versions.all()) == [previous]
    assert not any(
        (Path(settings.STORAGES["default"]["OPTIONS"]["location"]) / "catalog" / "sources").rglob("gros*")
    )


def test_upload_growing_past_the_limit_while_streamed_answers_413(client_as, current, settings):
    dataset, resource, previous = current
    settings.PARVIS_MAX_UPLOAD_BYTES = 4000
    response = upload(client_as("gestionnaire"), dataset, resource, "gros.csv", b"a\n" + b"1\n" * 5000)
    assert response.status_code == 413
    assert list(resource.versions.all()) == [previous]


def test_xlsx_zip_bomb_is_refused(client_as, current):
    dataset, resource, previous = current
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (40 * 1024 * 1024))
    upload(client_as("gestionnaire"), dataset, resource, "bombe.xlsx", buf.getvalue())
    assert_failed_cleanly(resource, previous, "bombe")


def test_malformed_geojson_is_refused(client_as, current):
    dataset, resource, previous = current
    upload(
        client_as("gestionnaire"),
        dataset,
        resource,
        "lieux.geojson",
        b'{"type": "FeatureCollection", "features": [{"type": ',
    )
    assert_failed_cleanly(resource, previous)
    assert "GeoJSON" in resource.versions.first().failure or "JSON" in resource.versions.first().failure


class _Slow(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        if self.path.startswith("/schema"):
            body = b"<!DOCTYPE html><html><body>Page d'accueil</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        time.sleep(3)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server(settings):
    settings.PARVIS_IMPORT_ALLOW_PRIVATE_URLS = True
    settings.PARVIS_IMPORT_URL_TIMEOUT = 0.5
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_import_that_times_out_fails_cleanly(client_as, current, local_server):
    dataset, resource, previous = current
    url = reverse("catalog:resource_import", args=[dataset.slug, resource.slug])
    started = time.monotonic()
    response = client_as("gestionnaire").post(url, {"url": f"{local_server}/lent.csv"})
    assert response.status_code == 302 and time.monotonic() - started < 2.5
    assert_failed_cleanly(resource, previous, "à temps")


def test_url_import_to_a_private_address_is_refused_by_default(client_as, current, settings):
    settings.PARVIS_IMPORT_ALLOW_PRIVATE_URLS = False
    dataset, resource, previous = current
    url = reverse("catalog:resource_import", args=[dataset.slug, resource.slug])
    client_as("gestionnaire").post(url, {"url": "http://127.0.0.1:9/donnees.csv"})
    assert_failed_cleanly(resource, previous, "privé")


def test_schema_url_returning_html_is_refused_and_nothing_is_attached(client_as, current, local_server):
    dataset, resource, previous = current
    url = reverse("catalog:schema", args=[dataset.slug, resource.slug])
    response = client_as("gestionnaire").post(url, {"url": f"{local_server}/schema.json"})
    assert response.status_code == 200
    assert "page HTML" in response.content.decode()
    resource.refresh_from_db()
    assert resource.schema is None


def test_no_version_is_left_pending_or_half_written_after_failures(client_as, current):
    dataset, resource, previous = current
    upload(client_as("gestionnaire"), dataset, resource, "image.csv", b"\x00\x01\x02" * 1000)
    assert not ResourceVersion.objects.filter(
        status__in=[VersionStatus.PENDING, VersionStatus.PROCESSING]
    ).exists()


def test_uploads_work_and_are_limited_with_csrf_checks_enforced(current, users, settings):
    """The CSRF check reads the body: the size-limited handler must be installed before it."""
    import re

    from django.test import Client

    dataset, resource, previous = current
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["gestionnaire"])
    url = reverse("catalog:resource_import", args=[dataset.slug, resource.slug])
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(url).content.decode()).group(
        1
    )
    ok = client.post(url, {"csrfmiddlewaretoken": token, "file": SimpleUploadedFile("v2.csv", b"a,b\n1,2\n")})
    assert ok.status_code == 302 and resource.versions.first().number == 2
    settings.PARVIS_MAX_UPLOAD_BYTES = 4000
    big = client.post(
        url, {"csrfmiddlewaretoken": token, "file": SimpleUploadedFile("gros.csv", b"1\n" * 5000)}
    )
    assert big.status_code == 413 and resource.versions.first().number == 2
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(users["gestionnaire"])
    assert forged.post(url, {"file": SimpleUploadedFile("v3.csv", b"a\n1\n")}).status_code == 403
