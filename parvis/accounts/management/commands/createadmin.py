import getpass

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from parvis.accounts.models import User
from parvis.accounts.services import audit


class Command(BaseCommand):
    help = "Crée (ou promeut) un compte administrateur de l'instance."

    def add_arguments(self, parser):
        parser.add_argument("email", help="adresse électronique du compte")
        parser.add_argument(
            "--password-stdin", action="store_true", help="lire le mot de passe sur l'entrée standard"
        )

    def handle(self, *args, email, password_stdin, **options):
        password = input() if password_stdin else getpass.getpass("Mot de passe : ")
        try:
            password_validation.validate_password(password)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        user, created = User.objects.get_or_create(email=email.lower())
        user.is_superuser = user.is_staff = True
        user.email_verified = True
        user.set_password(password)
        user.save()
        audit(
            actor=None, action="accounts.admin.create" if created else "accounts.admin.promote", target=user
        )
        self.stdout.write(
            self.style.SUCCESS(f"Administrateur {'créé' if created else 'mis à jour'} : {user.email}")
        )
