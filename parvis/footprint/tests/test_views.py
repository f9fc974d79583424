"""Pages and API of /sobriete/: what each role may see and do, exports, bad input."""

import json
import re

import pytest
from django.urls import reverse

from parvis.footprint.models import Site, SiteAudit


def test_the_ranking_groups_public_sites_by_size_class_with_the_class_median(client, audited):
    audited(score=70, url="https://a.fr/", name="Grande A", population=60_000)
    audited(score=50, url="https://b.fr/", name="Grande B", population=70_000)
    audited(score=90, url="https://c.fr/", name="Petite C", population=800)
    audited(score=99, url="https://d.fr/", name="Cachée", population=800, public=False)
    html = client.get(reverse("footprint:index")).content.decode()
    assert "de 50 000 à 99 999 habitants — 2 sites, score médian 60" in html
    assert "moins de 1 000 habitants — 1 site, score médian 90" in html
    assert "Cachée" not in html


def test_long_lists_are_cut_ranking_to_20_per_class_and_sites_to_50_per_page(client, audited, make_site):
    for index in range(21):
        audited(score=50 + index, url=f"https://c{index}.fr/", name=f"Commune {index:02d}", population=500)
    for index in range(40):
        make_site(f"https://jamais{index}.fr/", name=f"Jamais {index:02d}")
    html = client.get(reverse("footprint:index")).content.decode()
    assert "Commune 20" in html and "Les 20 premiers seulement" in html
    assert "Page 1 sur 2" in html and "Jamais 39" not in html
    assert "Jamais 39" in client.get(reverse("footprint:index") + "?page=2").content.decode()


def test_a_never_audited_site_says_so(client, make_site):
    make_site()
    assert "jamais audité" in client.get(reverse("footprint:index")).content.decode()


def test_ranking_exports_in_csv_and_json(client, audited):
    audited(score=70)
    rows = json.loads(client.get(reverse("footprint:ranking-json")).content)
    assert rows[0]["collectivite"] == "Créteil" and rows[0]["score"] == 70 and rows[0]["position"] == 1
    csv_text = client.get(reverse("footprint:ranking-csv")).content.decode()
    assert csv_text.splitlines()[0].startswith("classe,position,collectivite")


def test_site_page_shows_history_charts_position_and_table(client, audited):
    site = audited(score=70)
    html = client.get(reverse("footprint:site", args=[site.pk])).content.decode()
    assert "Historique des audits (données des graphiques)" in html
    assert html.count("<svg") == 3 and 'aria-label="Score EcoIndex' in html
    assert "1 / 1" in html
    assert "Pages les moins bonnes" in html and "score 70 (note C)" in html
    assert re.search(r"92\s000 habitants", html)
    coordinates = re.findall(r'c[xy]="([^"]+)"', html)
    assert coordinates and all(float(value) >= 0 for value in coordinates)  # never localised (« 48,0 »)


def test_page_report_lists_recommendations_by_gain_with_references_and_the_axe_coverage(client, audited):
    site = audited()
    page = SiteAudit.objects.get(site=site).pages.get()
    html = client.get(reverse("footprint:page", args=[page.pk])).content.decode()
    assert (
        "Convertir les images JPEG, PNG ou GIF au format WebP ou AVIF</strong> : −1,2 Mo, +9 points estimés"
        in html
    )
    assert "RGESN 5.1" in html and "RGAA 1.1.1" in html
    assert "couvrent 33 des 106 critères du RGAA" in html
    assert "<dt>Fenêtre d&#x27;affichage</dt><dd>1280 × 720</dd>" in html
    assert "<td>critique</td>" in html  # violations by RGAA criterion, impact in French


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonyme", 404),
        ("citoyen", 404),
        ("partenaire", 404),
        ("contributeur", 200),
        ("gestionnaire", 200),
        ("admin", 200),
    ],
)
def test_a_private_site_is_visible_only_to_its_organisation(client_as, audited, role, status):
    site = audited(public=False)
    assert client_as(role).get(reverse("footprint:site", args=[site.pk])).status_code == status


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonyme", False),
        ("citoyen", False),
        ("partenaire", False),
        ("contributeur", False),
        ("gestionnaire", True),
        ("admin", True),
    ],
)
def test_only_managers_may_launch_an_audit(client_as, make_site, role, allowed, settings):
    settings.PARVIS_FOOTPRINT_ALLOW_PRIVATE = False
    site = make_site("http://127.0.0.1:9/")
    response = client_as(role).post(reverse("footprint:site-audit", args=[site.pk]))
    assert SiteAudit.objects.filter(site=site).exists() == allowed
    assert response.status_code in ((302,) if allowed else (302, 403, 404))
    if allowed:
        assert response["Location"].startswith("/sobriete/audits/")


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonyme", 302), ("citoyen", 403), ("contributeur", 403), ("gestionnaire", 200), ("admin", 200)],
)
def test_adding_sites_is_for_managers(client_as, role, status):
    assert client_as(role).get(reverse("footprint:site-create")).status_code == status
    assert client_as(role).get(reverse("footprint:site-import")).status_code == status


def test_the_add_form_reports_bad_input_in_french(client_as, referentiel, org):
    response = client_as("gestionnaire").post(
        reverse("footprint:site-create"), {"organisation": org.pk, "code": "94028", "url": "http://"}
    )
    assert response.status_code == 200
    assert "n&#x27;est pas une adresse web valide" in response.content.decode()
    assert not Site.objects.exists()


def test_csv_upload_lists_refused_rows(client_as, referentiel, org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "sites.csv", b"code,url\n94028,https://www.ville-creteil.fr/\nabc,https://x.fr/\n"
    )
    html = (
        client_as("gestionnaire")
        .post(reverse("footprint:site-import"), {"organisation": org.pk, "file": upload})
        .content.decode()
    )
    assert "1 site ajouté." in html and "Ligne 3, colonne « code »" in html


def test_unknown_objects_answer_404_not_500(client, db):
    for name in ("footprint:site", "footprint:audit", "footprint:page"):
        assert client.get(reverse(name, args=[999999])).status_code == 404


def test_api_lists_visible_sites_and_refuses_private_ones(client_as, audited):
    public = audited(score=70)
    private = audited(url="https://prive.fr/", public=False)
    anonymous = client_as("anonyme")
    assert [s["id"] for s in anonymous.get("/api/footprint/sites").json()] == [public.pk]
    assert anonymous.get(f"/api/footprint/sites/{private.pk}").status_code == 403
    detail = client_as("contributeur").get(f"/api/footprint/sites/{private.pk}").json()
    assert detail["audits"][0]["score"] == 38


def test_api_ranking_and_page_report(client, audited):
    site = audited(score=70)
    assert client.get("/api/footprint/ranking").json()[0]["sites"][0]["id"] == site.pk
    page = SiteAudit.objects.get(site=site).pages.get()
    report = client.get(f"/api/footprint/pages/{page.pk}").json()
    assert report["provenance"]["viewport"] == {"width": 1280, "height": 720}


def test_api_audit_request_needs_a_manager(client_as, make_site, settings):
    settings.PARVIS_FOOTPRINT_ALLOW_PRIVATE = False
    site = make_site("http://127.0.0.1:9/")
    assert client_as("contributeur").post(f"/api/footprint/sites/{site.pk}/audits").status_code == 403
    response = client_as("gestionnaire").post(f"/api/footprint/sites/{site.pk}/audits")
    assert response.status_code == 202 and response.json()["status"] == "queued"


def test_api_gives_the_progress_of_an_audit(client_as, make_site):
    site = make_site(public=False)
    audit = SiteAudit.objects.create(site=site, status=SiteAudit.Status.RUNNING, pages_total=4, pages_done=1)
    assert client_as("citoyen").get(f"/api/footprint/audits/{audit.pk}").status_code == 403
    progress = client_as("gestionnaire").get(f"/api/footprint/audits/{audit.pk}").json()
    assert (progress["status"], progress["pages_done"], progress["pages_total"]) == ("running", 1, 4)


def test_the_audit_page_shows_progress_without_javascript(client, make_site):
    site = make_site()
    audit = SiteAudit.objects.create(site=site, status=SiteAudit.Status.RUNNING, pages_total=4, pages_done=1)
    html = client.get(reverse("footprint:audit", args=[audit.pk])).content.decode()
    assert "1 page sur 4 (25 %)" in html and '<progress max="100" value="25"' in html


def test_the_robot_page_shows_the_identifying_user_agent(client, db):
    assert "ParvisBot/1.0" in client.get(reverse("footprint:robot")).content.decode()
