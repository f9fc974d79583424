"""Demo organisations and one account per role. Passwords are random, generated once per instance
and written to PARVIS_DATA_DIR/demo-logins.txt (never a shared, published password)."""

import secrets

from django.conf import settings

from parvis.accounts.models import Membership, Organisation, User
from parvis.accounts.roles import OrganisationKind, Role

ORGANISATIONS = [
    (
        "grand-paris-sud-est-avenir",
        "Grand Paris Sud Est Avenir",
        OrganisationKind.COLLECTIVITE,
        "ept:200058006",
        "200058006",
    ),
    (
        "association-numerique-solidaire-94",
        "Association Numérique Solidaire 94",
        OrganisationKind.ASSOCIATION,
        "",
        "",
    ),
    (
        "mediatheques-du-val-de-marne",
        "Réseau des médiathèques du Val-de-Marne",
        OrganisationKind.PARTENAIRE,
        "",
        "",
    ),
]
# (email, display name, organisation slug or None, role or None, superuser)
ACCOUNTS = [
    ("admin@demo.parvis.local", "Administratrice de l'instance", None, None, True),
    (
        "gestionnaire@demo.parvis.local",
        "Gestionnaire GPSEA",
        "grand-paris-sud-est-avenir",
        Role.GESTIONNAIRE,
        False,
    ),
    (
        "contributeur@demo.parvis.local",
        "Contributeur GPSEA",
        "grand-paris-sud-est-avenir",
        Role.CONTRIBUTEUR,
        False,
    ),
    (
        "partenaire@demo.parvis.local",
        "Partenaire médiathèques",
        "mediatheques-du-val-de-marne",
        Role.PARTENAIRE,
        False,
    ),
    ("citoyen@demo.parvis.local", "Camille Habitante", None, None, False),
]


def logins_file():
    return settings.PARVIS_DATA_DIR / "demo-logins.txt"


def _passwords() -> dict[str, str]:
    path = logins_file()
    known = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            email, _, password = line.partition(" ")
            if password:
                known[email] = password.strip()
    return known


def load(stdout) -> None:
    organisations = {}
    for slug, name, kind, territory, siren in ORGANISATIONS:
        organisations[slug], _ = Organisation.objects.update_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "territory_code": territory, "siren": siren}
        )
    passwords = _passwords()
    for email, name, org_slug, role, superuser in ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email, defaults={"display_name": name, "email_verified": True, "postcode": "94000"}
        )
        if created or email not in passwords:
            passwords[email] = secrets.token_urlsafe(12)
            user.set_password(passwords[email])
        user.is_superuser = user.is_staff = superuser
        user.save()
        if org_slug and role is not None:
            Membership.objects.update_or_create(
                user=user, organisation=organisations[org_slug], defaults={"role": role}
            )
    path = logins_file()
    path.write_text("".join(f"{email} {passwords[email]}\n" for email, *_ in ACCOUNTS), encoding="utf-8")
    path.chmod(0o600)
    stdout.write(f"  {len(ACCOUNTS)} comptes de démonstration (identifiants dans {path})")
