"""Open data in the Grand Débat layout: anonymised export, import of outside files, catalogue publication."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from parvis.participation.lib.grandebat import parse
from parvis.participation.models import Contribution, ImportReport, Visibility
from parvis.participation.services import opendata

pytestmark = pytest.mark.django_db
HEADER = (
    "id,reference,title,createdAt,publishedAt,updatedAt,trashed,trashedStatus,authorId,authorType,authorZipCode,"
    '"UXVlc3Rpb246MTYw - Que faudrait-il faire pour la transition écologique ?"\n'
)


def test_export_is_anonymous_and_keeps_postcodes(process, questions, users):
    Contribution.objects.create(
        process=process,
        author=users["citoyen"],
        postcode="94370",
        answers={str(questions["ouverte"].pk): "Plus d'arbres"},
    )
    Contribution.objects.create(
        process=process,
        author=users["gestionnaire"],
        answers={str(questions["ouverte"].pk): "Insulte"},
        visibility=Visibility.HIDDEN,
    )
    text = opendata.export_csv(process)
    assert users["citoyen"].email not in text and "Insulte" not in text
    parsed = parse(text.encode(), name="export.csv")
    visible, hidden = sorted(parsed.rows, key=lambda r: r.trashed)
    assert visible.author_zip_code == "94370" and visible.answers == {
        f"Q{questions['ouverte'].pk}": "Plus d'arbres"
    }
    assert len(visible.author_id) == 16 and hidden.trashed and hidden.answers == {}


def test_import_iso_8859_1_file_creates_questions_and_contributions(process, client_as):
    data = (
        HEADER + 'a1,1,,2019-01-22 09:37:43,,,false,,x,Citoyen,94000,"Isoler les écoles"\n'
        'a2,2,,2019-01-23 10:00:00,,,true,invisible,y,Citoyen,94370,"Texte retiré"\n'
    ).encode("latin-1")
    response = client_as("gestionnaire").post(
        f"/participation/{process.slug}/import/", {"file": SimpleUploadedFile("gd.csv", data, "text/csv")}
    )
    assert response.status_code == 200 and "2 contributions importées (encodage iso-8859-1)" in response.text
    question = process.questions.get(external_id="UXVlc3Rpb246MTYw")
    imported = Contribution.objects.get(external_id="a1")
    assert imported.answers == {str(question.pk): "Isoler les écoles"} and imported.channel == "import"
    assert Contribution.objects.get(external_id="a2").visibility == Visibility.HIDDEN


def test_an_import_is_audited_once_with_the_agents_address(process, client_as):
    from parvis.accounts.models import AuditEvent

    data = (HEADER + "a1,1,,2019-01-22,,,false,,x,C,94000,ok\n").encode()
    client_as("gestionnaire").post(
        f"/participation/{process.slug}/import/", {"file": SimpleUploadedFile("gd.csv", data, "text/csv")}
    )
    event = AuditEvent.objects.get(action="participation.import")
    assert event.ip_address == "127.0.0.1" and event.details == {"file": "gd.csv", "rows": 1, "errors": 0}


def test_import_with_broken_encoding_is_refused_in_french_and_nothing_created(process, client_as):
    data = (
        HEADER.encode()
        + "a1,1,,2019-01-22,,,false,,x,C,94000,é\n".encode()
        + "a2,1,,2019-01-22,,,false,,x,C,94000,é\n".encode("latin-1")
    )
    response = client_as("gestionnaire").post(
        f"/participation/{process.slug}/import/", {"file": SimpleUploadedFile("gd.csv", data, "text/csv")}
    )
    assert (
        response.status_code == 400 and "Encodage incohérent" in response.text and "ligne 3" in response.text
    )
    assert not Contribution.objects.exists() and not ImportReport.objects.exists()


def test_a_binary_upload_is_refused_with_the_name_the_agent_gave_it(process, client_as):
    upload = SimpleUploadedFile("registre-mairie.csv", HEADER.encode() + b"\x00\x01\x02", "text/csv")
    response = client_as("gestionnaire").post(f"/participation/{process.slug}/import/", {"file": upload})
    assert response.status_code == 400
    assert "Le fichier « registre-mairie.csv » n&#x27;est pas un texte lisible" in response.text
    assert "« CSV »" not in response.text and not ImportReport.objects.exists()


def test_import_with_missing_columns_names_them(process, client_as):
    data = b'id,title,"Q1 - Une question ?"\n1,t,r\n'
    response = client_as("gestionnaire").post(
        f"/participation/{process.slug}/import/", {"file": SimpleUploadedFile("gd.csv", data, "text/csv")}
    )
    assert (
        response.status_code == 400
        and "colonnes obligatoires absentes : createdAt, authorZipCode" in response.text
    )


def test_import_lists_bad_rows_and_imports_the_rest(process, users):
    data = (
        HEADER + "a1,1,,2019-01-22,,,false,,x,C,94000,ok\n" + "a2,1,,pas une date,,,false,,x,C,94000,ok\n"
    ).encode()
    report = opendata.import_grand_debat(
        process=process, data=data, filename="gd.csv", actor=users["gestionnaire"]
    )
    assert report.imported == 1
    assert report.errors == ["Ligne 3, colonne createdAt : date illisible « pas une date », ligne ignorée."]


def _pending(process, users, data: bytes) -> tuple[ImportReport, str]:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    report = ImportReport.objects.create(
        process=process,
        filename="gd.csv",
        encoding="utf-8",
        status=ImportReport.Status.PENDING,
        created_by=users["gestionnaire"],
    )
    return report, default_storage.save(f"participation/imports/{report.pk}.csv", ContentFile(data))


def test_the_background_part_of_an_import_fills_its_report_and_deletes_the_stored_file(process, users):
    from django.core.files.storage import default_storage

    report, path = _pending(process, users, (HEADER + "a1,1,,2019-01-22,,,false,,x,C,94000,ok\n").encode())
    done = opendata.finish_grand_debat_import(report.pk, path)
    assert (done.pk, done.status, done.imported) == (report.pk, ImportReport.Status.DONE, 1)
    assert Contribution.objects.get(external_id="a1").process == process
    assert not default_storage.exists(path)


def test_an_import_failing_in_the_background_says_why_and_creates_nothing(process, users):
    report, path = _pending(process, users, b"pas,un,fichier\n1,2,3\n")
    failed = opendata.finish_grand_debat_import(report.pk, path)
    assert failed.status == ImportReport.Status.FAILED and "colonnes obligatoires absentes" in failed.failure
    assert not Contribution.objects.exists()


def test_import_without_file_says_so(process, client_as):
    response = client_as("gestionnaire").post(f"/participation/{process.slug}/import/", {})
    assert response.status_code == 400 and "Choisissez un fichier" in response.text


def test_publication_creates_then_updates_one_catalogue_dataset(process, questions, users):
    from parvis.catalog import selectors as catalog_selectors

    Contribution.objects.create(
        process=process, postcode="94000", answers={str(questions["ouverte"].pk): "Des bus"}
    )
    first = opendata.publish(process=process, actor=users["gestionnaire"])
    Contribution.objects.create(
        process=process, postcode="94370", answers={str(questions["ouverte"].pk): "Des arbres"}
    )
    second = opendata.publish(process=process, actor=users["gestionnaire"])
    assert first == second
    dataset = catalog_selectors.visible_datasets(None).get(pk=first)
    assert dataset.published and dataset.resources.count() == 1
    assert dataset.resources.first().versions.count() == 2
