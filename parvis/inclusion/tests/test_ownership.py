"""An import only updates the places of the importer's organisation; another organisation's published
place can only receive a moderated proposal."""

import pytest

from parvis.inclusion.models import Place, PlaceSubmission, SubmissionStatus
from parvis.inclusion.services.imports import import_file
from parvis.inclusion.tests.helpers import csv_file, row

pytestmark = pytest.mark.django_db


def _import(organisation, **values):
    return import_file(
        data=csv_file(row(**values)), filename="lieux.csv", organisation=organisation, archive=False
    )


def test_an_import_by_another_organisation_does_not_overwrite_a_published_place(org, other_org):
    _import(org, nom="Médiathèque de l'Abbaye", source="Réseau")
    batch = _import(other_org, nom="Nom détourné", source="Réseau")
    place = Place.objects.get()
    assert place.nom == "Médiathèque de l'Abbaye" and place.organisation == org
    assert (batch.created, batch.updated) == (0, 0)
    assert "soumise à modération" in batch.issues[0]["message"]
    submission = PlaceSubmission.objects.get()
    assert (submission.place, submission.organisation) == (place, other_org)
    assert submission.status == SubmissionStatus.PENDING and submission.data["nom"] == "Nom détourné"


def test_the_owning_organisation_still_updates_its_place_directly(org):
    _import(org, nom="Médiathèque de l'Abbaye", source="Réseau")
    batch = _import(org, nom="Médiathèque de l'Abbaye (rénovée)", source="Réseau")
    assert batch.updated == 1 and Place.objects.get().nom == "Médiathèque de l'Abbaye (rénovée)"
    assert not PlaceSubmission.objects.exists()


def test_an_import_without_organisation_cannot_touch_an_organisation_s_place(org):
    _import(org, nom="Médiathèque de l'Abbaye", source="Réseau")
    batch = _import(None, nom="Nom détourné", source="Réseau")
    assert Place.objects.get().nom == "Médiathèque de l'Abbaye"
    assert batch.rejected == 1 and "compte de cette organisation" in batch.rejected_rows[0]["erreurs"][0]
