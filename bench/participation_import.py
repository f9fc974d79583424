"""Import of 100,000 contributions in the Grand Débat CSV layout into a process (target <= 60 s).

Builds a throw-away SQLite database (or uses DATABASE_URL), generates the file (two open questions,
generated French answers, ISO-8859-1 like many exports), then times parse + insert through the same
service the import page uses. Reference in the same run: pandas-free plain `csv` parsing of the file
(the floor for any Python importer) and, for the database part, Django bulk_create alone.
Run: .venv/bin/python bench/participation_import.py [n]
     .venv/bin/python bench/participation_import.py --sample PATH   (writes the 200-row demo file)
"""

import io
import os
import random
import resource
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parvis.participation.lib import grandebat  # noqa: E402
from parvis.participation.lib.corpus import POSTCODES, labelled_answers  # noqa: E402

QUESTIONS = [
    (
        "UXVlc3Rpb246MTYw",
        "Quelles sont toutes les choses qui pourraient être faites pour améliorer la vie dans votre quartier ?",
    ),
    ("UXVlc3Rpb246MTYx", "Que faudrait-il faire pour la transition écologique ?"),
]


def make_file(n: int, seed: int = 19, encoding: str = "latin-1") -> bytes:
    rng = random.Random(seed)
    first = labelled_answers(n, seed=seed)
    second = labelled_answers(
        n, seed=seed + 1, subjects=["vélo", "bus", "énergie", "espaces verts", "propreté"]
    )
    start = datetime(2019, 1, 22, 9, 0)
    rows = []
    for i in range(n):
        created = start + timedelta(minutes=37 * i)
        rows.append(
            {
                "id": f"UHJvcG9zYWw6{i:06d}",
                "reference": f"2-{i + 1}",
                "title": "",
                "createdAt": created,
                "publishedAt": created,
                "updatedAt": created,
                "trashed": i % 97 == 0,
                "trashedStatus": "invisible" if i % 97 == 0 else "",
                "authorId": f"VXNlcjp{i:06d}",
                "authorType": "Citoyen",
                "authorZipCode": rng.choice(POSTCODES),
                "answers": {QUESTIONS[0][0]: first[i][1], QUESTIONS[1][0]: second[i][1] if i % 3 else ""},
            }
        )
    out = io.StringIO()
    grandebat.write(QUESTIONS, rows, out)
    return out.getvalue().encode(encoding)


def main(n: int) -> None:
    data = make_file(n)
    print(f"file: {n} rows, {len(data) / 1e6:.1f} MB, ISO-8859-1")
    t0 = time.perf_counter()
    import csv

    rows = sum(1 for _ in csv.reader(io.StringIO(data.decode("latin-1"))))
    floor = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("PARVIS_DATA_DIR", tmp)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parvis.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        from datetime import date

        from parvis.accounts.models import Organisation
        from parvis.participation.models import Contribution, Process
        from parvis.participation.services import opendata

        org, _ = Organisation.objects.get_or_create(
            slug="bench", defaults={"name": "Bench", "kind": "collectivite"}
        )
        Process.objects.filter(slug="bench-import").delete()
        process = Process.objects.create(
            organisation=org,
            slug="bench-import",
            title="Bench",
            territory_kind="custom",
            territory_label="Bench",
            starts_on=date(2019, 1, 1),
            ends_on=date(2019, 3, 1),
            imported=True,
        )
        t0 = time.perf_counter()
        report = opendata.import_grand_debat(process=process, data=data, filename="bench.csv", actor=None)
        elapsed = time.perf_counter() - t0
        assert Contribution.objects.filter(process=process).count() == n == report.imported
        from parvis.participation.services import synthesis

        t0 = time.perf_counter()
        version = synthesis.run(process=process, actor=None)
        synth = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        themes = version.themes.count()
        process.delete()
    print(f"plain csv.reader pass over the file (floor): {floor:.2f} s for {rows - 1} rows")
    print(
        f"Parvis import (decode, validate, {report.imported} contributions inserted): {elapsed:.1f} s (target <= 60 s)"
    )
    print(
        f"rows/s: {n / elapsed:,.0f}; ratio to the csv floor: {elapsed / floor:.1f}x; errors reported: {len(report.errors)}"
    )
    print(
        f"full synthesis service on the imported answers ({version.documents} texts read from the database, "
        f"{themes} themes, every item stored): {synth:.1f} s; process peak RSS {peak:.0f} MB"
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--sample":
        Path(sys.argv[2]).write_bytes(make_file(200))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
