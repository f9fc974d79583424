"""Administration pages: organisations (SIRET, logo), hand-over of the gestion, accounts, instance settings
rendered in the layout and the legal pages; every change audited."""

import html

import pytest

from parvis.accounts.models import AuditEvent, Membership, Organisation

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
VALID_SIRET = "21940028800011"  # SIRET-shaped number with a correct Luhn key


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_admin_creates_an_organisation_with_siret_and_logo(client_as, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_as("admin").post(
        "/compte/admin/organisations/nouvelle/",
        {
            "name": "Association Clic Solidaire",
            "kind": "association",
            "siret": "219 400 288 00011",
            "logo": SimpleUploadedFile("logo.png", PNG, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Association Clic Solidaire")
    assert (organisation.slug, organisation.siret, organisation.siren) == (
        "association-clic-solidaire",
        VALID_SIRET,
        "219400288",
    )
    assert (tmp_path / organisation.logo).read_bytes() == PNG
    logo = client_as("anonyme").get(f"/compte/organisations/{organisation.slug}/logo/")
    assert logo["Content-Type"] == "image/png" and b"".join(logo.streaming_content) == PNG
    event = AuditEvent.objects.get(action="accounts.organisation.create")
    assert event.organisation == organisation and "siret" in event.details["champs"]


def test_a_siret_with_a_wrong_key_is_refused_in_french(client_as):
    response = client_as("admin").post(
        "/compte/admin/organisations/nouvelle/",
        {"name": "X", "kind": "association", "siret": "21940028800016"},
    )
    assert response.status_code == 200
    assert "Ce SIRET n'est pas valide" in _text(response)
    assert not Organisation.objects.filter(name="X").exists()


def test_a_logo_that_is_not_an_image_is_refused(client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_as("admin").post(
        "/compte/admin/organisations/nouvelle/",
        {
            "name": "Y",
            "kind": "association",
            "logo": SimpleUploadedFile("logo.svg", b"<svg onload=alert(1)>"),
        },
    )
    assert "Le logo doit être une image PNG, JPEG ou WebP" in _text(response)
    assert not Organisation.objects.filter(name="Y").exists()


def test_the_gestionnaire_edits_the_organisation_and_the_change_is_audited(client_as, org):
    client_as("gestionnaire").post(
        "/compte/organisations/gpsea/modifier/",
        {"name": "GPSEA", "kind": "collectivite", "territory_code": "ept:200058006"},
    )
    org.refresh_from_db()
    assert org.name == "GPSEA"
    assert AuditEvent.objects.get(action="accounts.organisation.update").details == {"champs": ["name"]}


def test_the_last_gestionnaire_cannot_leave_nor_be_demoted(client_as, users, org):
    membership = users["gestionnaire"].memberships.get()
    response = client_as("admin").post(
        f"/compte/organisations/gpsea/membres/{membership.pk}/retirer/", follow=True
    )
    assert "dernier gestionnaire" in _text(response)
    response = client_as("admin").post(
        "/compte/organisations/gpsea/", {"email": "gestionnaire@test.parvis.local", "role": "contributeur"}
    )
    assert response.status_code == 400 and "dernier gestionnaire" in _text(response)
    assert Membership.objects.get(pk=membership.pk).role == "gestionnaire"


def test_the_gestionnaire_hands_over_and_stays_contributeur(client_as, users, org):
    target = users["contributeur"].memberships.get()
    response = client_as("gestionnaire").post(
        "/compte/organisations/gpsea/transferer/", {"transfer-membership": target.pk}, follow=True
    )
    assert "gère désormais l'organisation" in _text(response)
    roles = dict(Membership.objects.filter(organisation=org).values_list("user__email", "role"))
    assert roles == {
        "gestionnaire@test.parvis.local": "contributeur",
        "contributeur@test.parvis.local": "gestionnaire",
    }
    assert AuditEvent.objects.filter(action="accounts.organisation.transfer", organisation=org).exists()


def test_a_member_of_another_organisation_cannot_receive_the_gestion(client_as, users, org):
    outsider = users["partenaire"].memberships.get()
    response = client_as("gestionnaire").post(
        "/compte/organisations/gpsea/transferer/", {"transfer-membership": outsider.pk}
    )
    assert response.status_code == 400
    assert users["gestionnaire"].memberships.get().role == "gestionnaire"


def test_the_admin_searches_accounts_and_deactivates_one(client_as, users):
    page = client_as("admin").get("/compte/admin/utilisateurs/", {"q": "CITOY"})
    assert "citoyen@test.parvis.local" in page.text and "partenaire@test.parvis.local" not in page.text
    client_as("admin").post(f"/compte/admin/utilisateurs/{users['citoyen'].pk}/activation/", {"active": "0"})
    users["citoyen"].refresh_from_db()
    assert not users["citoyen"].is_active
    assert AuditEvent.objects.filter(action="accounts.user.deactivate").exists()


def test_the_last_gestionnaire_cannot_be_deactivated(client_as, users):
    response = client_as("admin").post(
        f"/compte/admin/utilisateurs/{users['gestionnaire'].pk}/activation/", {"active": "0"}, follow=True
    )
    assert "dernier gestionnaire" in _text(response)
    users["gestionnaire"].refresh_from_db()
    assert users["gestionnaire"].is_active


def test_instance_settings_change_the_layout_and_are_audited(client_as, client):
    response = client_as("admin").post(
        "/compte/admin/reglages/",
        {"site_name": "Commune de Noiseau", "primary_color": "#123456", "contact_email": "mairie@noiseau.fr"},
    )
    assert response.status_code == 302
    home = client.get("/")
    assert "Commune de Noiseau" in home.text and "--primary:#123456" in home.text
    event = AuditEvent.objects.get(action="core.settings.update")
    assert event.details == {"champs": ["contact_email", "primary_color", "site_name"]}


def test_empty_settings_fall_back_to_the_environment(client_as, client, settings):
    settings.PARVIS_SITE_NAME = "Nom par défaut"
    client_as("admin").post("/compte/admin/reglages/", {"site_name": ""})
    assert "Nom par défaut" in client.get("/").text


def test_a_wrong_colour_is_refused_in_french(client_as):
    response = client_as("admin").post("/compte/admin/reglages/", {"primary_color": "bleu"})
    assert "Écrivez la couleur en hexadécimal" in _text(response)


def test_legal_pages_render_the_admins_markdown_escaped(client_as, client):
    client_as("admin").post(
        "/compte/admin/reglages/",
        {"legal_notice": "## Éditeur\n\nMairie de **Noiseau**.\n\n<script>alert(1)</script>"},
    )
    page = client.get("/mentions-legales/")
    assert "<h2>Éditeur</h2>" in page.text and "<strong>Noiseau</strong>" in page.text
    assert "<script>alert(1)</script>" not in page.text and "&lt;script&gt;" in page.text
    assert "Parvis est un logiciel libre" not in page.text  # the shipped text is replaced
    assert "Voies de recours" in client.get("/accessibilite/").text  # not edited: the shipped text


def test_the_home_territory_setting_is_the_one_the_territory_app_uses(client_as):
    from parvis.territory.models import Territory
    from parvis.territory.selectors import home_territory

    Territory.objects.create(kind="commune", code="94053", name="Noiseau")
    client_as("admin").post("/compte/admin/reglages/", {"home_territory": "commune:94053"})
    assert home_territory().name == "Noiseau"


def test_the_instance_logo_is_stored_and_shown_in_the_header(client_as, client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    client_as("admin").post(
        "/compte/admin/reglages/", {"logo": SimpleUploadedFile("logo.png", PNG, content_type="image/png")}
    )
    home = client.get("/").text
    src = home.split('class="brand"', 1)[1].split('src="', 1)[1].split('"', 1)[0]
    assert src.startswith("/logo?v=")
    logo = client.get(src)
    assert logo["Content-Type"] == "image/png" and b"".join(logo.streaming_content) == PNG
