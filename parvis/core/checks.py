"""Parvis's own `check --deploy` warnings, in French, on top of Django's."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

from parvis.core.network import ALLOW_PRIVATE_SETTINGS


@register(Tags.security, deploy=True)
def parvis_deploy_checks(app_configs, **kwargs):
    warnings = []
    if not settings.PARVIS_HTTPS:
        warnings.append(
            Warning(
                "PARVIS_HTTPS=false : les cookies de session partent en clair.",
                hint="Servez Parvis en HTTPS et laissez PARVIS_HTTPS à true.",
                id="parvis.W001",
            )
        )
    if "*" in settings.ALLOWED_HOSTS:
        warnings.append(
            Warning(
                "ALLOWED_HOSTS accepte tous les noms d'hôte.", hint="Listez les noms réels.", id="parvis.W002"
            )
        )
    if settings.PARVIS_CONTACT_EMAIL.endswith("@example.org"):
        warnings.append(
            Warning(
                "PARVIS_CONTACT_EMAIL n'est pas renseigné : les pages accessibilité et données personnelles "
                "affichent une adresse d'exemple.",
                hint="Définissez l'adresse de contact de la collectivité.",
                id="parvis.W003",
            )
        )
    if settings.MAILERS["default"]["BACKEND"].endswith("console.EmailBackend"):
        warnings.append(
            Warning(
                "Les courriels (mot de passe oublié, confirmations) sont écrits dans la console, pas envoyés.",
                hint="Configurez EMAIL_URL (smtp://…) ; en attendant, lisez-les sur la page « Courriels envoyés ».",
                id="parvis.W004",
            )
        )
    for name in ALLOW_PRIVATE_SETTINGS:
        if getattr(settings, name, False):
            warnings.append(
                Warning(
                    f"{name} est activé : le serveur peut joindre des adresses privées ou locales (SSRF).",
                    hint=f"Mettez {name}=false en production.",
                    id="parvis.W005",
                )
            )
    if getattr(settings, "PARVIS_NETGUARD_PUBLIC_NETWORKS", ()):
        warnings.append(
            Warning(
                "PARVIS_NETGUARD_PUBLIC_NETWORKS traite des réseaux internes comme publics (réglage de test).",
                hint="Videz ce réglage en production.",
                id="parvis.W006",
            )
        )
    return warnings
