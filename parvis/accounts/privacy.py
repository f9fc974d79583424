"""What the accounts app holds about a person (RGPD): declared to ``accounts.rgpd`` like every other app."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from parvis.accounts.models import ApiToken, AuditEvent, ExternalIdentity, LoginFailure
from parvis.accounts.rgpd import Declaration, Processing, declare, iso

RETENTION = timedelta(days=365)


def export(user) -> dict[str, list[dict]]:
    about_user = Q(actor=user) | Q(target_type=user._meta.label_lower, target_id=str(user.pk))
    return {
        "compte": [
            {
                "adresse_electronique": user.email,
                "nom_affiche": user.display_name,
                "code_postal": user.postcode,
                "adresse_verifiee": user.email_verified,
                "inscription": iso(user.date_joined),
                "derniere_connexion": iso(user.last_login),
            }
        ],
        "organisations": [
            {"organisation": m.organisation.name, "role": m.get_role_display(), "depuis": iso(m.created_at)}
            for m in user.memberships.select_related("organisation")
        ],
        "journal": [
            {
                "date": iso(e.created_at),
                "action": e.action,
                "par": e.actor_label,
                "objet": e.target_label,
                "adresse_ip": e.ip_address,
            }
            for e in AuditEvent.objects.filter(about_user)[:5000]
        ],
        "tentatives_de_connexion_echouees": [
            {"date": iso(f.created_at), "adresse_ip": f.ip_address}
            for f in LoginFailure.objects.filter(email=user.email)
        ],
        "double_authentification": [
            {"appareil": d.name, "active": d.confirmed, "creee": iso(d.created_at)}
            for d in TOTPDevice.objects.filter(user=user)
        ],
        "jetons_api": [
            {
                "nom": t.name,
                "portees": t.scopes,
                "cree": iso(t.created_at),
                "expire": iso(t.expires_at),
                "derniere_utilisation": iso(t.last_used_at),
                "revoque": iso(t.revoked_at),
            }
            for t in ApiToken.objects.filter(user=user)
        ],
        "identites_externes": [
            {"fournisseur": i.provider, "identifiant": i.subject, "liee": iso(i.created_at)}
            for i in ExternalIdentity.objects.filter(user=user)
        ],
    }


def purge() -> dict[str, int]:
    now = timezone.now()
    return {
        "tentatives_de_connexion": LoginFailure.objects.filter(created_at__lt=now - RETENTION).delete()[0],
        "sessions_expirees": Session.objects.filter(expire_date__lt=now).delete()[0],
        "jetons_api_echus": ApiToken.objects.filter(
            Q(expires_at__lt=now - RETENTION) | Q(revoked_at__lt=now - RETENTION)
        ).delete()[0],
    }


declare(
    Declaration(
        app="accounts",
        processings=(
            Processing(
                name="Comptes et organisations",
                purpose="Permettre la connexion, la participation et la gestion des contenus par les agents et "
                "partenaires selon leur rôle.",
                legal_basis="Mission d'intérêt public (art. 6.1.e RGPD) ; exécution des conditions d'utilisation.",
                people="Agents, partenaires, habitants inscrits.",
                data="Adresse électronique, nom affiché, code postal déclaré, rôles, date de dernière connexion, "
                "appareil de double authentification, jetons d'accès à l'API (empreinte), identifiant chez "
                "ProConnect ou FranceConnect.",
                retention="Jusqu'à la suppression du compte par la personne ou l'administrateur ; jetons échus ou "
                "révoqués supprimés après 12 mois.",
                recipients="Administrateurs de l'instance ; gestionnaires des organisations de la personne.",
            ),
            Processing(
                name="Sécurité et journal des actions sensibles",
                purpose="Prévenir les accès frauduleux (limitation des tentatives de connexion) et tracer les "
                "actions sensibles.",
                legal_basis="Obligation de sécurité (art. 32 RGPD) ; intérêt légitime.",
                people="Toute personne qui se connecte ou agit sur l'instance.",
                data="Adresse IP, adresse saisie lors d'une connexion échouée, action, date, objet de l'action.",
                retention="Tentatives de connexion échouées : 12 mois ; journal : selon le réglage de l'instance, "
                "pseudonymisé à la suppression du compte.",
                recipients="Administrateurs de l'instance ; gestionnaires pour le journal de leur organisation.",
            ),
        ),
        export=export,
        purge=purge,
    )
)
