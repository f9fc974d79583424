"""Demo help places for the GPSEA communes (Val-de-Marne).

`data/demo-gpsea.csv` holds, in LaMednum's standard: the 6 real France Services of GPSEA (ANCT list of
2024-08-01), the 5 real host structures of conseillers numériques in GPSEA (ANCT 2021; their services are
assumed), and generated places flagged as demo data (« Démonstration Parvis »): the public desk of each of
the 16 mairies and 6 médiathèques at their public addresses, with typical hours. Coordinates of generated
places are approximate. A real regional file (Charente France Services bus stops) is imported too.
"""

import gzip

from parvis.accounts import selectors as accounts
from parvis.inclusion import gaps, services
from parvis.inclusion.data_paths import DEMO_CSV, SAMPLES_DIR
from parvis.inclusion.models import Place
from parvis.inclusion.services.imports import import_file

REAL_SAMPLE = (
    "20231003-bus-france-services-en-charente-lieux-de-mediation-numeriques-nouvelle-aquitaine.json.gz"
)
OWNERS = {"demo-mairie-": "grand-paris-sud-est-avenir", "demo-mediatheque-": "mediatheques-du-val-de-marne"}


def load(stdout):

    batch = import_file(data=DEMO_CSV.read_bytes(), filename="demo-gpsea.csv", archive=False)
    real = import_file(
        data=gzip.decompress((SAMPLES_DIR / REAL_SAMPLE).read_bytes()),
        filename=REAL_SAMPLE[:-3],
        archive=False,
    )
    Place.objects.filter(source="Démonstration Parvis").update(demo=True)
    Place.objects.filter(identifier__startswith="cnfs-").update(demo=True)
    for prefix, slug in OWNERS.items():
        org = accounts.organisation_by_slug(slug)
        if org:
            Place.objects.filter(identifier__startswith=prefix, organisation__isnull=True).update(
                organisation=org
            )

    duplicates = services.detect_duplicates()
    indicators = gaps.compute()
    stdout.write(
        f"inclusion : {batch.created} lieux créés, {batch.updated} mis à jour (GPSEA) ; "
        f"{real.created + real.updated} lieux réels (Charente) ; {duplicates} doublons possibles ; "
        f"{indicators} indicateurs de carence.\n"
    )
