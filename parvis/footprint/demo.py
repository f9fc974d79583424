"""Demo: the GPSEA communes' and the EPT's websites (never audited: no network at demo time) and
the instance's own site. Idempotent."""

from django.conf import settings

from parvis.accounts import selectors as accounts
from parvis.footprint.models import Site
from parvis.footprint.services import resolve_territory

# Official home pages of the 16 GPSEA communes and of the EPT (code INSEE / SIREN, URL).
SITES = [
    ("94002", "https://www.alfortville.fr/"),
    ("94004", "https://www.ville-boissy-saint-leger.fr/"),
    ("94011", "https://www.ville-bonneuil.fr/"),
    ("94019", "https://www.chennevieres.com/"),
    ("94028", "https://www.ville-creteil.fr/"),
    ("94060", "https://www.laqueueenbrie.fr/"),
    ("94059", "https://www.leplessistrevise.fr/"),
    ("94044", "https://www.limeil-brevannes.fr/"),
    ("94047", "https://www.mandreslesroses.fr/"),
    ("94048", "https://www.marollesenbrie.fr/"),
    ("94053", "https://www.noiseau.fr/"),
    ("94055", "https://www.ormesson-sur-marne.fr/"),
    ("94056", "https://www.perigny-sur-yerres.fr/"),
    ("94070", "https://www.santeny.fr/"),
    ("94071", "https://www.ville-sucy.fr/"),
    ("94075", "https://www.villecresnes.fr/"),
    ("200058006", "https://sudestavenir.fr/"),
]


def instance_url() -> str:
    return settings.PARVIS_PUBLIC_URL


def load(stdout) -> None:
    organisation = accounts.organisation_by_slug("grand-paris-sud-est-avenir")
    entries = [(code, url, False) for code, url in SITES] + [("200058006", instance_url(), True)]
    for code, url, is_instance in entries:
        kind, code, name, population = resolve_territory(code)
        # The instance's own site is one row whatever its address: started again with another
        # PARVIS_PUBLIC_URL (or PARVIS_PORT), it is updated rather than registered a second time.
        Site.objects.update_or_create(
            **({"is_instance": True} if is_instance else {"url": url}),
            defaults={
                "url": url,
                "organisation": organisation,
                "name": f"{name} (Parvis)" if is_instance else name,
                "territory_kind": kind,
                "territory_code": code,
                "population": population,
                "is_instance": is_instance,
                "ranking_public": True,
            },
        )
    stdout.write(f"  {len(entries)} sites suivis (jamais audités : aucun accès réseau pendant la démo)")
