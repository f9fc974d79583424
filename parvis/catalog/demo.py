"""Demo datasets of the catalogue (``parvis demo``): real open data of the GPSEA territory and of
the Val-de-Marne, two official examples of schema.data.gouv.fr schemas, and one deliberately
invalid file (a second version of the IFN dataset) so the validation report can be seen.
Idempotent: a dataset whose slug exists is left as it is."""

from __future__ import annotations

import json
from pathlib import Path

from parvis.accounts import selectors as accounts
from parvis.catalog import schemas, services
from parvis.catalog.models import Access, Dataset, Frequency, Theme

DATA = Path(__file__).resolve().parent / "data" / "demo"
GPSEA_CODES = [
    "94002",
    "94004",
    "94011",
    "94019",
    "94028",
    "94044",
    "94047",
    "94048",
    "94053",
    "94055",
    "94056",
    "94059",
    "94060",
    "94070",
    "94071",
    "94075",
]

DATASETS = [
    {
        "slug": "indice-fragilite-numerique-2023-gpsea",
        "title": "Indice de fragilité numérique 2023 des communes de GPSEA",
        "description": "Les cinq scores (de 1 à 10, 10 = plus fragile) de l'indice de fragilité numérique publié par "
        "La MedNum et l'ANCT (fragilite-numerique.fr, août 2023) pour les 16 communes du territoire.",
        "file": "ifn-2023-gpsea.csv",
        "schema_file": "ifn-communes.schema.json",
        "theme": Theme.SOCI,
        "keywords": ["inclusion numérique", "fragilité", "IFN"],
        "coverage": GPSEA_CODES,
        "frequency": Frequency.ANNUAL,
        "invalid_version": "ifn-2023-gpsea-recu-avec-erreurs.csv",
    },
    {
        "slug": "france-services-val-de-marne",
        "title": "Espaces France Services du Val-de-Marne",
        "description": "Liste des espaces France Services du département (ANCT, 1er août 2024) : adresse, horaires, "
        "coordonnées géographiques. Export GeoJSON disponible.",
        "file": "france-services-94-2024-08.csv",
        "theme": Theme.GOVE,
        "keywords": ["France Services", "accueil", "démarches"],
        "coverage": ["94"],
        "frequency": Frequency.MONTHLY,
    },
    {
        "slug": "conseillers-numeriques-val-de-marne",
        "title": "Structures accueillant des conseillers numériques dans le Val-de-Marne",
        "description": "Structures dont les postes de conseillers numériques France Services ont été validés "
        "(ANCT, avril 2023). Partagé avec le réseau des médiathèques.",
        "file": "conseillers-numeriques-94-2023-04.csv",
        "theme": Theme.SOCI,
        "keywords": ["conseillers numériques"],
        "coverage": ["94"],
        "access": Access.RESTRICTED,
        "shared_with": ["mediatheques-du-val-de-marne"],
    },
    {
        "slug": "fontaines-a-eau-exemple",
        "title": "Fontaines à eau (exemple officiel du schéma)",
        "description": "Le fichier d'exemple publié avec le schéma « Fontaines à eau » de schema.data.gouv.fr, "
        "validé avec le schéma du catalogue intégré.",
        "file": "fontaine-eau-exemple-officiel.csv",
        "catalogue_schema": "datagouv/schema-fontaine-eau",
        "theme": Theme.ENVI,
        "keywords": ["eau", "équipements"],
    },
    {
        "slug": "stationnements-cyclables-exemple",
        "title": "Stationnements cyclables (exemple officiel du schéma)",
        "description": "Le fichier d'exemple du schéma national des stationnements cyclables (schema.data.gouv.fr).",
        "file": "stationnement-cyclable-exemple-officiel.csv",
        "catalogue_schema": "etalab/schema-stationnement-cyclable",
        "theme": Theme.TRAN,
        "keywords": ["vélo"],
    },
]


def load(stdout) -> None:
    owner = accounts.organisation_by_slug("grand-paris-sud-est-avenir")
    if owner is None:
        stdout.write("catalog: organisation de démonstration absente, rien à charger\n")
        return
    actor = accounts.user_by_email("gestionnaire@demo.parvis.local")
    for spec in DATASETS:
        if Dataset.objects.filter(slug=spec["slug"]).exists():
            continue
        _load_one(spec, owner, actor)
        stdout.write(f"catalog: {spec['title']}\n")


def _load_one(spec: dict, owner, actor) -> None:
    schema, source = None, ""
    if spec.get("schema_file"):
        schema, source = (
            json.loads((DATA / spec["schema_file"]).read_text(encoding="utf-8")),
            spec["schema_file"],
        )
    elif spec.get("catalogue_schema"):
        schema, source = schemas.from_catalogue(spec["catalogue_schema"]), spec["catalogue_schema"]
    fields = {
        k: spec[k]
        for k in ("description", "theme", "keywords", "coverage", "frequency", "access")
        if k in spec
    }
    dataset, _version = services.create_dataset_from_file(
        organisation=owner,
        title=spec["title"],
        path=str(DATA / spec["file"]),
        schema=schema,
        schema_source=source,
        actor=actor,
        published=True,
        contact_name="Service données",
        **fields,
    )
    if dataset.slug != spec["slug"]:
        dataset.slug = spec["slug"]
        dataset.save(update_fields=["slug"])
    if spec.get("shared_with"):
        dataset.shared_with.set(accounts.organisations().filter(slug__in=spec["shared_with"]))
    if spec.get("invalid_version"):
        services.start_import(
            resource=dataset.resources.get(),
            actor=actor,
            path=str(DATA / spec["invalid_version"]),
            run_now=True,
        )
