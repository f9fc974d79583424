import pytest
from django.conf import settings

PUBLIC_PAGES = ["/", "/accessibilite/", "/mentions-legales/", "/donnees-personnelles/", "/plan-du-site/"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_is_served_in_french(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert '<html lang="fr"' in response.text
    assert 'href="#contenu"' in response.text  # skip link


@pytest.mark.django_db
def test_footer_links_the_mandatory_pages(client):
    html = client.get("/").text
    for label in ("Accessibilité", "Mentions légales", "Données personnelles", "Plan du site"):
        assert label in html


@pytest.mark.django_db
def test_the_menu_marks_the_current_section_of_each_page(client):
    for path, label in (("/", "Accueil"), ("/aide/", "Trouver de l'aide"), ("/", "Accueil")):
        html = client.get(path).text
        assert html.count('aria-current="page"') == 1
        assert f'aria-current="page">{label}' in html.replace("&#x27;", "'")


@pytest.mark.django_db
def test_the_account_links_follow_the_visitor(client, users):
    assert "Se connecter" in client.get("/").text
    client.force_login(users["citoyen"])
    html = client.get("/").text
    assert "Se déconnecter" in html and "Se connecter" not in html


@pytest.mark.django_db
def test_unknown_url_gets_a_french_404_page(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text


@pytest.mark.django_db
def test_responses_carry_a_strict_content_security_policy(client):
    csp = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


@pytest.mark.django_db
def test_the_collectivite_colour_is_applied_with_a_nonce(client, settings):
    settings.PARVIS_PRIMARY_COLOR = "#123456"
    html = client.get("/").text
    assert "--primary:#123456" in html
    assert '<style nonce="' in html


@pytest.mark.django_db
def test_site_name_comes_from_settings(client, settings):
    settings.PARVIS_SITE_NAME = "Commune de Noiseau"
    assert "Commune de Noiseau" in client.get("/").text


def test_the_whole_stylesheet_stays_under_30_kb():
    css = settings.BASE_DIR / "parvis" / "core" / "static" / "core" / "parvis.css"
    assert css.stat().st_size < 30 * 1024


@pytest.mark.django_db
def test_post_to_a_read_only_page_is_refused_cleanly(client):
    assert client.post("/").status_code == 405


@pytest.mark.django_db
def test_api_documentation_is_a_local_accessible_page(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert "GET /api/accounts/me" in response.text
    assert "cdn." not in response.text and "<script" not in response.text
