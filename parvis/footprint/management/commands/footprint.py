import json
import time

from django.core.management.base import BaseCommand, CommandError

from parvis.footprint.auditing import self_audit
from parvis.footprint.models import Site, SiteAudit
from parvis.footprint.services import audit_home_pages

A_GRADE_FLOOR = 80


class Command(BaseCommand):
    help = "Audits de sobriété. « parvis footprint self-audit [URL] » audite les pages publiques de Parvis."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, title="actions")
        self_parser = actions.add_parser(
            "self-audit", help="auditer les pages publiques de cette instance en marche"
        )
        self_parser.add_argument(
            "url",
            nargs="?",
            default="http://127.0.0.1:8000/",
            help="adresse de l'instance (défaut : http://127.0.0.1:8000/)",
        )
        self_parser.add_argument("--json", action="store_true", help="sortie JSON")
        self_parser.add_argument(
            "--crawl",
            action="store_true",
            help="suivre aussi les liens des pages (une page par route : lieux, jeux de données, démarches…)",
        )
        self_parser.add_argument(
            "--seed",
            action="append",
            default=[],
            metavar="CHEMIN",
            help="page dont suivre les liens avec --crawl (ex. « /aide/?lieu=Créteil »), répétable",
        )
        homes = actions.add_parser(
            "audit-homes", help="auditer la page d'accueil de tous les sites suivis (campagne)"
        )
        homes.add_argument(
            "--concurrency", type=int, default=3, help="pages auditées en même temps (défaut : 3)"
        )
        homes.add_argument("--never", action="store_true", help="seulement les sites jamais audités")
        homes.add_argument("--limit", type=int, default=0, help="nombre maximal de sites")

    def handle(self, *args, action, **options):
        if action == "audit-homes":
            return self.audit_homes(**options)
        return self.self_audit(options["url"], options["json"], options["crawl"], options["seed"])

    def audit_homes(self, *, concurrency, never, limit, **options):
        sites = Site.objects.order_by("pk")
        if never:
            sites = sites.exclude(audits__status=SiteAudit.Status.DONE)
        sites = sites[:limit] if limit else sites
        started = time.perf_counter()
        audits = audit_home_pages(actor=None, sites=sites, concurrency=concurrency)
        minutes = (time.perf_counter() - started) / 60
        for audit in audits:
            outcome = f"{audit.score} ({audit.grade})" if audit.status == "done" else audit.error_message
            self.stdout.write(f"{audit.site.name} — {outcome}")
        self.stdout.write(f"{len(audits)} sites en {minutes:.1f} min.")

    def self_audit(self, url, as_json, crawl=False, seeds=()):
        rows = self_audit(url if url.endswith("/") else url + "/", crawl=crawl, seeds=seeds)
        if not rows:
            raise CommandError(f"Aucune page publique ne répond à {url} : l'instance est-elle démarrée ?")
        if as_json:
            self.stdout.write(_dumps(rows))
        else:
            self.stdout.write(f"{'score':>5} {'note':>4} {'poids ko':>9} {'requêtes':>8} {'axe':>4}  page")
            for row in rows:
                if "error" in row:
                    self.stdout.write(
                        f"{'—':>5} {'—':>4} {'—':>9} {'—':>8} {'—':>4}  {row['url']} (erreur {row['error']})"
                    )
                else:
                    self.stdout.write(
                        f"{row['score']:>5} {row['grade']:>4} {row['size_kb']:>9.1f} "
                        f"{row['requests']:>8} {len(row['violations']):>4}  {row['url']}"
                    )
        failing = [r for r in rows if "error" in r or r["score"] <= A_GRADE_FLOOR or r["violations"]]
        if failing:
            raise CommandError(
                f"{len(failing)} page(s) sous la note A ou avec des violations d'accessibilité."
            )
        if not as_json:
            self.stdout.write(
                self.style.SUCCESS(f"{len(rows)} pages publiques : toutes en note A, aucune violation axe.")
            )


def _dumps(rows):
    return json.dumps(rows, ensure_ascii=False, indent=1)
