"""Demo: the GPSEA communes' and the EPT's websites and the instance's own site. Without Internet access the
real sites cannot be measured, so each one is registered with a generated snapshot that this instance serves
(`parvis/footprint/snapshots.py`), and their first audits are queued: the background worker started by
`parvis serve` measures them with the real audit engine and the ranking fills in within minutes. Idempotent."""

from django.conf import settings

from parvis.accounts import selectors as accounts
from parvis.footprint import auditing
from parvis.footprint.lib.browser import check_tools
from parvis.footprint.lib.errors import AuditError
from parvis.footprint.messages import error_message
from parvis.footprint.models import Site, SiteAudit
from parvis.footprint.services import request_audit, resolve_territory

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


def load(stdout, *, queue_audits: bool = True) -> None:
    organisation = accounts.organisation_by_slug("grand-paris-sud-est-avenir")
    entries = [(code, url, False) for code, url in SITES] + [("200058006", instance_url(), True)]
    sites = []
    for code, url, is_instance in entries:
        kind, code, name, population = resolve_territory(code)
        # The instance's own site is one row whatever its address: started again with another
        # PARVIS_PUBLIC_URL (or PARVIS_PORT), it is updated rather than registered a second time.
        site, _ = Site.objects.update_or_create(
            **({"is_instance": True} if is_instance else {"url": url}),
            defaults={
                "url": url,
                "organisation": organisation,
                "name": f"{name} (Parvis)" if is_instance else name,
                "territory_kind": kind,
                "territory_code": code,
                "population": population,
                "is_instance": is_instance,
                "demo_snapshot": not is_instance,
                "ranking_public": True,
            },
        )
        sites.append(site)
    stdout.write(f"  {len(entries)} sites suivis ({len(SITES)} maquettes de démonstration et cette instance)")
    if not queue_audits:
        return
    try:
        check_tools(auditing.config())
    except AuditError as missing:
        stdout.write(f"  Aucun audit lancé. {error_message(missing.code, missing.params)}")
        return
    # Sites without a finished audit (a failed one is tried again at the next start); an audit already
    # waiting is not queued twice (request_audit returns it).
    never = [site for site in sites if not site.audits.filter(status=SiteAudit.Status.DONE).exists()]
    for site in never:
        request_audit(actor=None, site=site)
    if never:
        stdout.write(
            f"  {len(never)} audits en file : le travailleur lancé par « parvis serve » les mène, "
            "le classement se remplit en quelques minutes."
        )
