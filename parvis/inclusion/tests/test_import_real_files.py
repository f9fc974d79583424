"""Imports of the real regional files and of LaMednum's examples: zero loss."""

import json

import pytest

from parvis.inclusion.models import Place
from parvis.inclusion.services.imports import import_file
from parvis.inclusion.tests.helpers import EXAMPLE_V01, EXAMPLE_V1, SAMPLES, import_samples, sample_bytes

pytestmark = pytest.mark.django_db


def test_every_row_of_the_real_files_becomes_a_place():
    batches = import_samples()
    expected = sum(len(json.loads(sample_bytes(p))) for p in SAMPLES)
    assert sum(b.rows_total for b in batches) == expected == 1435
    assert sum(b.created for b in batches) == expected
    assert sum(b.rejected for b in batches) == 0
    assert Place.objects.count() == expected


def test_each_place_keeps_the_row_it_came_from():
    import_samples()
    place = Place.objects.get(source_key="Hinaura:0")
    raw = place.source_rows[0]["ligne_brute"]
    assert raw["publics_accueillis"].startswith("Adultes;Familles/enfants")
    assert place.source_rows[0]["ligne"] == 1


def test_v01_values_are_mapped_to_the_v1_vocabulary():
    import_samples()
    place = Place.objects.get(source_key="Hinaura:0")
    assert place.services == ["Accès internet et matériel informatique", "Aide aux démarches administratives"]
    assert place.frais_a_charge == ["Gratuit"]
    assert place.modalites_accompagnement == ["Accompagnement individuel"]
    assert "Seniors" in place.publics_specifiquement_adresses
    assert "Surdité" in place.prise_en_charge_specifique


def test_truncated_v01_summaries_are_reported_with_their_line():
    batches = import_samples()
    issues = [i for b in batches for i in b.issues if i["colonne"] == "presentation_resume"]
    assert issues and all("280" in i["message"] and i["ligne"] >= 1 for i in issues)


def test_reimporting_the_same_file_updates_instead_of_duplicating():
    path = SAMPLES[0]
    import_file(data=sample_bytes(path), filename=path.name, archive=False)
    again = import_file(data=sample_bytes(path), filename=path.name, archive=False)
    assert again.created == 0 and again.updated == again.rows_total


def test_lamednum_v1_example_is_imported_without_remark():
    batch = import_file(data=EXAMPLE_V1.read_bytes(), filename="exemple-valide.csv", archive=False)
    assert (batch.created, batch.rejected, batch.issues) == (1, 0, [])
    place = Place.objects.get()
    assert place.modalites_accompagnement == [
        "Dans un atelier collectif",
        "À distance",
        "En autonomie",
        "Accompagnement individuel",
    ]


def test_lamednum_v01_example_with_semicolons_is_imported():
    batch = import_file(data=EXAMPLE_V01.read_bytes(), filename="exemple-v0.1.csv", archive=False)
    assert (batch.created, batch.rejected) == (1, 0)
    place = Place.objects.get()
    assert place.dispositif_programmes_nationaux == ["France Services", "Point d'accès numérique CAF"]
    assert "APTIC" in place.autres_formations_labels


def test_a_datainclusion_v1_export_is_imported_with_its_services():
    payload = {
        "structures": [
            {
                "source": "dora",
                "id": "s1",
                "nom": "Centre social Les Tilleuls",
                "date_maj": "2026-03-02",
                "siret": "12345678900012",
                "commune": "Créteil",
                "code_postal": "94000",
                "code_insee": "94028",
                "adresse": "2 rue des Tilleuls",
                "latitude": 48.78,
                "longitude": 2.46,
                "telephone": "0145000000",
                "courriel": "accueil@tilleuls.example",
                "horaires_accueil": "Mo-Fr 09:00-17:00",
                "description": "Accueil de proximité.",
            },
            {
                "source": "dora",
                "id": "s2",
                "nom": "Sans adresse",
                "date_maj": "2026-03-02",
                "commune": "Créteil",
                "code_postal": "94000",
            },
        ],
        "services": [
            {
                "id": "a",
                "structure_id": "s1",
                "thematiques": ["numerique--prendre-en-main-un-ordinateur", "numerique--cours-de-poterie"],
                "frais": ["gratuit"],
                "publics": ["seniors-65"],
                "modes_accueil": ["en-presentiel", "a-distance"],
            },
            {
                "id": "b",
                "structure_id": "s1",
                "thematiques": [
                    "acces-aux-droits-et-citoyennete--accompagnement-dans-les-demarches-administratives"
                ],
            },
        ],
    }
    batch = import_file(data=json.dumps(payload).encode(), filename="di.json", archive=False)
    assert (batch.kind, batch.created, batch.rejected) == ("datainclusion", 1, 1)
    place = Place.objects.get()
    assert place.services == [
        "Maîtrise des outils numériques du quotidien",
        "Aide aux démarches administratives",
    ]
    assert (place.pivot, place.telephone, place.frais_a_charge) == (
        "12345678900012",
        "+33145000000",
        ["Gratuit"],
    )
    assert place.publics_specifiquement_adresses == ["Seniors"] and place.modalites_accompagnement == [
        "À distance"
    ]
    assert any(i["valeur"] == "numerique--cours-de-poterie" for i in batch.issues)
    assert "adresse" in batch.rejected_rows[0]["erreurs"][0]
