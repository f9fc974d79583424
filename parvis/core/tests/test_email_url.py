"""EMAIL_URL: one variable describes the mail server."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from parvis.env import email_url


def test_an_smtp_url_with_starttls_gives_host_port_credentials_and_tls():
    mailer = email_url("smtp://agent%40ville.fr:p%40ss%3Aword@smtp.ville.fr:587?tls=true")
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"] == {
        "host": "smtp.ville.fr",
        "port": 587,
        "username": "agent@ville.fr",
        "password": "p@ss:word",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 30,
    }


def test_smtps_means_implicit_tls_on_port_465_by_default():
    options = email_url("smtps://relay.example.org")["OPTIONS"]
    assert (options["port"], options["use_ssl"], options["use_tls"]) == (465, True, False)


def test_console_and_file_backends_need_no_server():
    assert email_url("console://")["BACKEND"].endswith("console.EmailBackend")
    assert email_url("file:///var/mail/parvis")["OPTIONS"] == {"file_path": "/var/mail/parvis"}


def test_an_unknown_scheme_is_refused_in_french():
    with pytest.raises(ImproperlyConfigured, match="schéma 'imap' inconnu"):
        email_url("imap://mail.example.org")
