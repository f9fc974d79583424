"""``parvis catalog_reindex``: rebuild the catalogue's search index (folded text and keywords of every
dataset) from the datasets themselves; safe to run at any time, on any node."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from parvis.catalog.services import search


class Command(BaseCommand):
    help = "Catalogue de données : reconstruit l'index de recherche des jeux de données."

    def handle(self, *args, **options):
        count = search.rebuild()
        self.stdout.write(_("Index de recherche reconstruit : %(n)s jeu(x) de données.") % {"n": count})
