"""Invitations: a signed link sent by mail, valid 7 days, used once, for the invited address only; a bad,
expired or reused link gives a clear French message and grants nothing."""

import html
import re
import time
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.utils import timezone

from parvis.accounts.models import AuditEvent, Invitation, Membership, User
from parvis.accounts.services import invitations

pytestmark = pytest.mark.django_db


def _invite(users, org, email="nouvelle@exemple.fr", role="gestionnaire"):
    """Invites `email`; returns the invitation and the token of the link in the mail."""
    invitation = invitations.invite(organisation=org, email=email, role=role, actor=users["gestionnaire"])
    return invitation, re.search(r"/compte/invitation/([^/]+)/", mail.outbox[-1].body).group(1)


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_invitation_mail_holds_the_link_organisation_and_role(users, org):
    invitation, token = _invite(users, org)
    assert mail.outbox[0].to == ["nouvelle@exemple.fr"]
    assert mail.outbox[0].subject == "Invitation à rejoindre Grand Paris Sud Est Avenir"
    assert invitations.resolve(token) == invitation
    assert "« Gestionnaire »" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="accounts.invitation.create").exists()


def test_a_new_person_creates_an_account_from_the_link_and_gets_the_role(client, users, org):
    _invitation, token = _invite(users, org)
    page = client.get(f"/compte/invitation/{token}/")
    assert "Créer votre compte" in _text(page)
    response = client.post(
        f"/compte/invitation/{token}/", {"display_name": "Nina", "password": "un-long-mot-de-passe-sûr"}
    )
    assert response.status_code == 302 and response["Location"] == "/compte/organisations/gpsea/"
    user = User.objects.get(email="nouvelle@exemple.fr")
    assert user.email_verified and user.check_password("un-long-mot-de-passe-sûr")
    assert Membership.objects.get(user=user, organisation=org).role == "gestionnaire"


def test_a_person_with_an_account_accepts_while_logged_in(client_as, users, org):
    _invitation, token = _invite(users, org, email="citoyen@test.parvis.local", role="contributeur")
    response = client_as("citoyen").post(f"/compte/invitation/{token}/")
    assert response.status_code == 302
    assert users["citoyen"].memberships.get(organisation=org).role == "contributeur"


def test_a_reused_link_says_so_and_grants_nothing_more(client, client_as, users, org):
    _invitation, token = _invite(users, org, email="citoyen@test.parvis.local", role="contributeur")
    client_as("citoyen").post(f"/compte/invitation/{token}/")
    other = client_as("partenaire").post(f"/compte/invitation/{token}/")
    assert other.status_code == 400
    assert "déjà été utilisée" in _text(other) and "Aucun droit n'a été accordé" in _text(other)
    assert not users["partenaire"].memberships.filter(organisation=org).exists()


def test_an_expired_link_says_so_and_grants_nothing(client, users, org):
    invitation, token = _invite(users, org)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.post(f"/compte/invitation/{token}/", {"password": "un-long-mot-de-passe-sûr"})
    assert response.status_code == 400 and "a expiré" in _text(response)
    assert not User.objects.filter(email="nouvelle@exemple.fr").exists()


def test_a_link_signed_more_than_7_days_ago_is_expired(client, users, org):
    invitation, _token = _invite(users, org)

    class EightDaysAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 8 * 86400)

    token = EightDaysAgo(salt=invitations.SALT).sign_object({"i": invitation.pk, "n": invitation.nonce})
    response = client.get(f"/compte/invitation/{token}/")
    assert response.status_code == 400 and "a expiré" in _text(response)


def test_a_tampered_link_is_refused(client, users, org):
    _invitation, token = _invite(users, org)
    response = client.get(f"/compte/invitation/{token[:-2]}xx/")
    assert response.status_code == 400 and "n'est pas valide" in _text(response)


def test_a_link_for_another_address_grants_nothing(client_as, users, org):
    _invitation, token = _invite(users, org, email="quelquun@exemple.fr")
    response = client_as("citoyen").post(f"/compte/invitation/{token}/")
    assert response.status_code == 400 and "adressée à quelquun@exemple.fr" in _text(response)
    assert not users["citoyen"].memberships.exists()


def test_a_revoked_invitation_cannot_be_used(client, users, org):
    invitation, token = _invite(users, org)
    invitations.revoke(invitation=invitation, actor=users["gestionnaire"])
    response = client.get(f"/compte/invitation/{token}/")
    assert response.status_code == 400 and "annulée" in _text(response)


def test_a_new_invitation_replaces_the_pending_one(users, org):
    first, first_token = _invite(users, org)
    _invite(users, org)
    with pytest.raises(invitations.InvitationError, match="remplacée"):
        invitations.resolve(first_token)


def test_a_weak_password_is_refused_in_french_and_nothing_is_created(client, users, org):
    _invitation, token = _invite(users, org)
    response = client.post(f"/compte/invitation/{token}/", {"password": "123"})
    assert response.status_code == 400 and "trop court" in _text(response)
    assert not User.objects.filter(email="nouvelle@exemple.fr").exists()
