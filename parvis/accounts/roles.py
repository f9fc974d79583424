from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles a member holds in an organisation. The instance administrator is `user.is_superuser`."""

    GESTIONNAIRE = "gestionnaire", _("Gestionnaire")
    CONTRIBUTEUR = "contributeur", _("Contributeur")
    PARTENAIRE = "partenaire", _("Partenaire")


class OrganisationKind(models.TextChoices):
    COLLECTIVITE = "collectivite", _("Collectivité")
    PARTENAIRE = "partenaire", _("Partenaire")
    ASSOCIATION = "association", _("Association")


EDITOR_ROLES = (Role.GESTIONNAIRE, Role.CONTRIBUTEUR)
