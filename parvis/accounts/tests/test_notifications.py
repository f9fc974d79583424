"""Notification mails: queued once per event, sent by a task, in French with a text and an HTML part,
never to someone who turned the kind off (unless it is essential)."""

import pytest
from django.core import mail

from parvis.accounts import services
from parvis.accounts.models import NotificationOptOut, OutboxMessage
from parvis.accounts.services import notifications
from parvis.accounts.services.rgpd import erase_account


@pytest.mark.django_db
def test_a_notification_is_sent_once_with_a_text_and_an_html_part(users):
    message = services.notify(
        users["citoyen"], "security.password_changed", {"reset_link": "https://parvis.test/mdp/"}
    )
    message.refresh_from_db()
    assert message.sent_at is not None
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["citoyen@test.parvis.local"]
    assert sent.subject == "Votre mot de passe a été modifié"
    assert "https://parvis.test/mdp/" in sent.body
    html, mimetype = sent.alternatives[0]
    assert mimetype == "text/html"
    assert '<a href="https://parvis.test/mdp/"' in html


@pytest.mark.django_db
def test_the_same_event_notified_twice_sends_one_mail(users):
    first = services.notify(users["citoyen"], "security.two_factor_enabled", {}, key="2fa:1")
    again = services.notify(users["citoyen"], "security.two_factor_enabled", {}, key="2fa:1")
    assert first.pk == again.pk
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_delivering_again_a_sent_message_sends_nothing(users):
    message = services.notify(users["citoyen"], "security.two_factor_disabled", {})
    assert notifications.deliver(message.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_failed_delivery_is_kept_and_retried(users, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    message = services.notify(users["citoyen"], "security.recovery_code_used", {"remaining": 9})
    message.refresh_from_db()
    assert message.sent_at is None and message.attempts == 1 and message.last_error
    assert notifications.undelivered_ids() == [message.pk]


@pytest.mark.django_db
def test_an_optional_notification_turned_off_is_not_sent(users):
    notifications.set_preferences(users["citoyen"], enabled_kinds=set())
    assert services.notify(users["citoyen"], "participation.proposal_answered", {"proposal": "X"}) is None
    assert mail.outbox == []


@pytest.mark.django_db
def test_essential_notifications_cannot_be_turned_off(users):
    notifications.set_preferences(users["citoyen"], enabled_kinds=set())
    assert not NotificationOptOut.objects.filter(kind="security.password_changed").exists()
    assert services.notify(users["citoyen"], "security.password_changed", {"reset_link": "x"}) is not None


@pytest.mark.django_db
def test_the_preferences_page_turns_notifications_off_and_on(client_as, users):
    client = client_as("citoyen")
    page = client.get("/compte/notifications/")
    assert "Réponse officielle à mes propositions" in page.text
    client.post("/compte/notifications/", {"enabled": ["inclusion.places_stale"]})
    muted = set(NotificationOptOut.objects.filter(user=users["citoyen"]).values_list("kind", flat=True))
    others = {
        "moderation.new_item",
        "participation.proposal_answered",
        "catalog.correction_decided",
        "inclusion.report_decided",
    }
    assert muted == others
    client.post("/compte/notifications/", {"enabled": sorted(others)})
    assert set(NotificationOptOut.objects.values_list("kind", flat=True)) == {"inclusion.places_stale"}


@pytest.mark.django_db
def test_an_unknown_kind_in_the_preferences_form_is_refused_in_french(client_as):
    response = client_as("citoyen").post("/compte/notifications/", {"enabled": ["nope"]})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.text


@pytest.mark.django_db
def test_the_admin_reads_the_outbox_when_no_smtp_server_is_configured(client_as, users, settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    services.notify("nouvelle@exemple.fr", "security.two_factor_enabled", {})
    message = OutboxMessage.objects.get()
    page = client_as("admin").get("/compte/admin/courriels/")
    assert "nouvelle@exemple.fr" in page.text
    detail = client_as("admin").get(f"/compte/admin/courriels/{message.pk}/")
    assert "Double authentification activée" in detail.text


@pytest.mark.django_db
def test_with_an_smtp_server_the_outbox_shows_only_counts(client_as, settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}
    page = client_as("admin").get("/compte/admin/courriels/")
    assert "serveur SMTP configuré" in page.text


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["citoyen", "partenaire", "contributeur", "gestionnaire"])
def test_only_the_admin_sees_the_outbox(client_as, role):
    assert client_as(role).get("/compte/admin/courriels/").status_code == 403


@pytest.mark.django_db
def test_text_from_people_is_escaped_in_the_html_part():
    services.notify(
        "x@exemple.fr",
        "participation.proposal_answered",
        {
            "organisation": "O",
            "proposal": "<b>P</b>",
            "status": "Retenue",
            "answer": "<script>x</script>",
            "link": "https://a.fr/",
        },
    )
    html, _mimetype = mail.outbox[0].alternatives[0]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<script>x</script>" in mail.outbox[0].body  # the text part is plain text


@pytest.mark.django_db
def test_sent_mails_are_deleted_after_90_days_and_unsent_ones_are_kept(users):
    from datetime import timedelta

    from django.utils import timezone

    sent = services.notify(users["citoyen"], "security.two_factor_enabled", {})
    pending = OutboxMessage.objects.create(
        idempotency_key="k", kind="invitation", to="a@b.fr", subject="s", body_text="t", body_html="h"
    )
    OutboxMessage.objects.update(created_at=timezone.now() - timedelta(days=100))
    OutboxMessage.objects.filter(pk=sent.pk).update(sent_at=timezone.now() - timedelta(days=91))
    assert notifications.purge_sent() == 1
    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == [pending.pk]


@pytest.mark.django_db
def test_an_erased_account_takes_its_mails_and_invitations_with_it(users, org):
    from parvis.accounts.models import Invitation
    from parvis.accounts.services import invitations

    services.notify(users["citoyen"], "security.two_factor_enabled", {})
    invitations.invite(
        organisation=org, email="citoyen@test.parvis.local", role="contributeur", actor=users["gestionnaire"]
    )
    erase_account(user=users["citoyen"])
    assert not OutboxMessage.objects.exists()
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_a_password_reset_is_followed_by_a_security_mail(client, users):
    client.post("/compte/mot-de-passe/", {"email": "citoyen@test.parvis.local"})
    link = next(word for word in mail.outbox[0].body.split() if "/compte/mot-de-passe/" in word)
    form_page = client.get(link.split("testserver", 1)[1], follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "un-nouveau-secret-2026", "new_password2": "un-nouveau-secret-2026"},
    )
    assert mail.outbox[-1].subject == "Votre mot de passe a été modifié"
    assert mail.outbox[-1].to == ["citoyen@test.parvis.local"]


@pytest.mark.django_db
def test_slash_admin_leads_to_the_administration_pages(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/compte/admin/organisations/"
