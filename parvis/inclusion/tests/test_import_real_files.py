"""Imports of the real regional files and of LaMednum's examples: zero loss."""

import json

import pytest

from parvis.inclusion.importing import import_file
from parvis.inclusion.models import Place

from .helpers import EXAMPLE_V01, EXAMPLE_V1, SAMPLES, import_samples, sample_bytes

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
