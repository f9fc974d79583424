"""Upload to first API answer: a 1,000,000-row × 12-column CSV (~146 MB) is sent to the import API
(multipart upload, streamed to disk), read, validated against its schema, typed, written as Parquet
plus its query store, and the first page of the new version is read from the rows API. Compared in
the same run with loading the same file into SQLite with ``sqlite-utils insert`` and getting the
first answer from Datasette.

Usage: .venv/bin/python bench/catalog_upload.py [--rows 1000000] [--datasette /tmp/dsvenv/bin]
The Parvis side runs in-process through Django's test client with the immediate task backend (the
request returns once the import is done), so no HTTP socket is involved on that side.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from catalog_api import SCHEMA, generate_csv, setup_django
from catalog_upload_http import datasette_http


def parvis_upload(csv_path: Path) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client, override_settings

    from parvis.accounts.models import Membership, Organisation, User
    from parvis.catalog import services

    org = Organisation.objects.create(slug="bench-upload", name="Bench", kind="collectivite")
    user = User.objects.create_user(email="bench@parvis.local", password="x-bench-x-bench")
    Membership.objects.create(user=user, organisation=org, role="gestionnaire")
    dataset = services.create_dataset(organisation=org, title="Bench upload", published=True)
    resource = services.create_resource(dataset=dataset, title="Demandes", schema=SCHEMA)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    base = f"/api/catalog/datasets/{dataset.slug}/resources/{resource.slug}"
    upload = SimpleUploadedFile("bench.csv", csv_path.read_bytes(), content_type="text/csv")
    immediate = {
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}
    }
    client.get(f"/api/catalog/datasets/{dataset.slug}")  # warm-up: URL resolvers and API schema
    with override_settings(TASKS=immediate):
        started = time.perf_counter()
        response = client.post(f"{base}/versions", {"file": upload})
        accepted = time.perf_counter() - started
        assert response.status_code == 202, response.content[:300]
        first = client.get(f"{base}/rows", {"_size": "100"})
        total = time.perf_counter() - started
    body = first.json()
    assert first.status_code == 200 and body["total"] > 0, first.content[:300]
    version = resource.versions.get()
    return {
        "upload_and_import_s": accepted,
        "first_answer_s": total,
        "rows": body["total"],
        "errors": version.error_count,
        "valid": version.valid,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--datasette", default="/tmp/dsvenv/bin")
    parser.add_argument("--port", type=int, default=8775)
    parser.add_argument(
        "--http", action="store_true", help="through HTTP and the real worker (see catalog_upload_http.py)"
    )
    args = parser.parse_args()
    if args.http:
        return main_http(args)
    work = Path(tempfile.mkdtemp(prefix="parvis-bench-upload-"))
    try:
        csv_path = generate_csv(work / "bench.csv", args.rows)
        print(f"CSV : {args.rows:,} lignes × 12 colonnes, {csv_path.stat().st_size / 1e6:.0f} Mo")
        setup_django(work / "data")
        os.environ.setdefault("PARVIS_MAX_UPLOAD_BYTES", str(1 << 30))
        parvis = parvis_upload(csv_path)
        for key, value in parvis.items():
            print(f"parvis {key} = {value:.2f}" if isinstance(value, float) else f"parvis {key} = {value}")
        bin_dir = Path(args.datasette)
        if (bin_dir / "datasette").exists():
            ds = datasette_http(bin_dir, csv_path, work, args.port)
            for key, value in ds.items():
                print(
                    f"datasette {key} = {value:.2f}"
                    if isinstance(value, float)
                    else f"datasette {key} = {value}"
                )
            print(
                f"ratio datasette / parvis (première réponse) = {ds['first_answer_s'] / parvis['first_answer_s']:.1f}"
            )
        else:
            print("datasette absent : comparaison ignorée")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main_http(args) -> None:
    from catalog_upload_http import parvis_http

    work = Path(tempfile.mkdtemp(prefix="parvis-bench-upload-http-"))
    try:
        csv_path = generate_csv(work / "bench.csv", args.rows)
        print(
            f"CSV : {args.rows:,} lignes × 12 colonnes, {csv_path.stat().st_size / 1e6:.0f} Mo (HTTP + worker)"
        )
        parvis = parvis_http(csv_path, work, SCHEMA, args.port + 1)
        print("parvis", {k: round(v, 2) if isinstance(v, float) else v for k, v in parvis.items()})
        bin_dir = Path(args.datasette)
        if (bin_dir / "datasette").exists():
            peer = datasette_http(bin_dir, csv_path, work, args.port)
            print(
                "sqlite-utils + datasette",
                {k: round(v, 2) if isinstance(v, float) else v for k, v in peer.items()},
            )
            ratio = peer["first_answer_s"] / parvis["first_answer_s"]
            if peer["facet_present"]:
                print(f"ratio (first complete answer) = {ratio:.1f}x")
            else:  # Datasette cut the facet (time limit): its answer is incomplete, the ratio a lower bound
                print(f"Datasette's first answer lacks the facet: ratio ≥ {ratio:.1f}x (answer incomplete)")
        else:
            print("datasette absent : comparaison ignorée")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
