"""Administration in a real browser: the admin creates an organisation and invites its gestionnaire, who
accepts from the mail's link (on a 360 px screen, without JavaScript); a partner organisation is created and
given a restricted dataset. A reused link is refused in French. axe-core finds nothing on any page."""

import re

import pytest

from parvis.accounts.models import Membership, Organisation, User
from parvis.catalog import services as catalog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page, width=360) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


def test_admin_creates_an_organisation_invites_its_gestionnaire_and_shares_a_dataset(open_as, axe, users):
    admin = open_as(users["admin"])
    admin.goto("/compte/admin/organisations/")
    axe.assert_clean(admin)
    admin.get_by_role("link", name="Créer une organisation").click()
    admin.get_by_label("Nom").fill("Commune de Noiseau")
    admin.get_by_label("Type").select_option("collectivite")
    admin.get_by_label("SIRET").fill("219 400 288 00011")
    axe.assert_clean(admin)
    admin.get_by_role("button", name="Enregistrer").click()
    admin.wait_for_url("**/compte/organisations/commune-de-noiseau/")
    assert admin.get_by_role("heading", level=1).inner_text() == "Commune de Noiseau"

    admin.get_by_label("Adresse électronique de la personne invitée").fill("maire@noiseau.fr")
    admin.locator("#id_invite-role").select_option("gestionnaire")
    admin.get_by_role("button", name="Envoyer l'invitation").click()
    assert "L'invitation est envoyée à maire@noiseau.fr" in admin.locator(".messages").inner_text()
    axe.assert_clean(admin)
    axe.screenshot(admin, "accounts-organisation")

    # The instance has no SMTP server: the admin reads the mail on the outbox page.
    admin.goto("/compte/admin/courriels/")
    axe.assert_clean(admin)
    admin.get_by_role("link", name="Invitation à rejoindre Commune de Noiseau").click()
    axe.assert_clean(admin)
    link = re.search(r"https?://\S+/compte/invitation/\S+/", admin.locator("pre").inner_text()).group(0)
    path = link.split("/", 3)[3]

    # The invited person, on a phone, without JavaScript, creates an account from the link.
    invited = open_as(None, js=False, width=360)
    invited.goto("/" + path)
    assert _fits(invited)
    invited.get_by_label("Nom affiché").fill("Claire Maire")
    invited.get_by_label("Mot de passe").fill("un-long-mot-de-passe-sûr")
    invited.get_by_role("button", name="Créer mon compte et accepter").click()
    invited.wait_for_url("**/compte/organisations/commune-de-noiseau/")
    assert "Vous avez rejoint Commune de Noiseau" in invited.locator(".messages").inner_text()
    assert _fits(invited)
    noiseau = Organisation.objects.get(slug="commune-de-noiseau")
    mayor = User.objects.get(email="maire@noiseau.fr")
    assert Membership.objects.get(user=mayor, organisation=noiseau).role == "gestionnaire"

    # The same link again: a French message, nothing granted.
    again = open_as(users["citoyen"], width=360)
    again.goto("/" + path)
    assert "Cette invitation a déjà été utilisée" in again.locator("main").inner_text()
    assert _fits(again)
    axe.assert_clean(again)
    assert not users["citoyen"].memberships.exists()

    # A partner organisation, whose member is added from its page, receives a restricted dataset.
    admin.goto("/compte/admin/organisations/nouvelle/")
    admin.get_by_label("Nom").fill("Association Clic Solidaire")
    admin.get_by_label("Type").select_option("partenaire")
    admin.get_by_role("button", name="Enregistrer").click()
    admin.wait_for_url("**/compte/organisations/association-clic-solidaire/")
    admin.get_by_label("Adresse électronique du membre").fill("citoyen@test.parvis.local")
    admin.locator("#id_role").select_option("partenaire")
    admin.get_by_role("button", name="Enregistrer").click()
    assert "Le rôle de citoyen@test.parvis.local est enregistré" in admin.locator(".messages").inner_text()
    partner = Organisation.objects.get(slug="association-clic-solidaire")
    dataset = catalog.create_dataset(
        organisation=noiseau,
        title="Fréquentation des ateliers numériques",
        access="restricted",
        published=True,
        shared_with=[partner],
        actor=mayor,
    )
    again.goto(f"/donnees/{dataset.slug}/")
    assert again.get_by_role("heading", level=1).inner_text() == "Fréquentation des ateliers numériques"
    outsider = open_as(users["contributeur"])
    response = outsider.goto(f"/donnees/{dataset.slug}/")
    assert response.status == 404

    admin.goto("/compte/journal/")
    journal = admin.locator("tbody").inner_text()
    assert "Invitation acceptée" in journal and "Organisation créée" in journal
    axe.assert_clean(admin)


@pytest.mark.parametrize(
    "path",
    ["/compte/admin/utilisateurs/", "/compte/admin/reglages/", "/compte/journal/", "/compte/notifications/"],
)
def test_administration_pages_are_accessible_and_fit_a_phone(open_as, axe, users, path):
    page = open_as(users["admin"], width=360)
    page.goto(path)
    axe.assert_clean(page)
    assert _fits(page), f"{path} dépasse 360 px"


def test_the_invitation_page_and_its_refusal_are_accessible(open_as, axe, users, org):
    from django.core import mail

    from parvis.accounts.services import invitations

    invitations.invite(
        organisation=org, email="nouvelle@exemple.fr", role="contributeur", actor=users["gestionnaire"]
    )
    path = re.search(r"/compte/invitation/\S+/", mail.outbox[-1].body).group(0)
    page = open_as(None, width=360)
    page.goto(path)
    axe.assert_clean(page)
    assert _fits(page)
    page.goto(path[:-3] + "xx/")
    assert "n'est pas valide" in page.locator("main").inner_text()
    axe.assert_clean(page)


def test_the_gestionnaire_page_with_invitations_and_hand_over_is_accessible(open_as, axe, users, org):
    from parvis.accounts.services import invitations

    invitations.invite(
        organisation=org, email="nouvelle@exemple.fr", role="contributeur", actor=users["gestionnaire"]
    )
    page = open_as(users["gestionnaire"], width=360)
    page.goto("/compte/organisations/gpsea/")
    assert page.get_by_role("button", name="Transférer la gestion").is_visible()
    axe.assert_clean(page)
    assert _fits(page)
