"""Signup that does not reveal which addresses have an account: the page answers the same either way, and
only the mailbox's owner learns the difference (a confirmation link, or a note that the account exists)."""

from django.contrib.auth.hashers import make_password
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from parvis.accounts.models import User
from parvis.accounts.services import audit
from parvis.accounts.tokens import make_email_token


def sign_up(*, email: str, display_name: str, postcode: str, password: str, request) -> None:
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        make_password(password)  # same work as a creation: the answer time tells nothing either
        send_mail(
            _("Votre compte existe déjà"),
            _(
                "Bonjour,\n\nQuelqu'un, peut-être vous, a demandé à créer un compte avec cette adresse, qui en a "
                "déjà un. Pour vous connecter : %(login)s\nMot de passe oublié : %(reset)s\n\nSi ce n'est pas "
                "vous, ignorez ce message : rien n'a été modifié.\n"
            )
            % {
                "login": request.build_absolute_uri(reverse("accounts:login")),
                "reset": request.build_absolute_uri(reverse("accounts:password_reset")),
            },
            None,
            [existing.email],
        )
        return
    user = User(email=email, display_name=display_name, postcode=postcode)
    user.set_password(password)
    user.save()
    link = request.build_absolute_uri(reverse("accounts:verify", args=[make_email_token(user)]))
    send_mail(
        _("Confirmez votre adresse électronique"),
        _("Bonjour,\n\nPour confirmer votre adresse et activer votre compte, ouvrez ce lien :\n%(link)s\n")
        % {"link": link},
        None,
        [user.email],
    )
    audit(actor=user, action="accounts.user.signup", target=user, request=request)
