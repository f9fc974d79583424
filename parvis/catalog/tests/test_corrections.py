"""Anyone may report an error or propose a correction on a dataset row; the owning organisation's editors
review it side by side, accept it (a new version with the change, credited) or refuse it with a reason, and
the person is told. Bad input (values failing the schema, unknown columns, a row changed or deleted since,
a flood of proposals) gets a clear French message and loses nothing."""

import pytest

from parvis.accounts.models import AuditEvent, OutboxMessage
from parvis.catalog import selectors, services
from parvis.catalog.models import CorrectionStatus, RowCorrection
from parvis.catalog.tests.conftest import COMMUNES_CSV

ROW_URL = "/donnees/communes-de-gpsea/communes-de-gpsea/v{n}/lignes/{line}/corriger/"
LIST_URL = "/donnees/communes-de-gpsea/communes-de-gpsea/corrections/"
# line 2 of the file is Alfortville: columns code_insee, nom, population, surface_km2
ALFORTVILLE = {"valeur__0": "94002", "valeur__1": "Alfortville", "valeur__2": "44403", "valeur__3": "3.67"}


@pytest.fixture
def communes(make_dataset):
    return make_dataset()


def propose(client, *, n=1, line=2, comment="", email="", **changes):
    data = {**ALFORTVILLE, **changes, "comment": comment, "email": email}
    return client.post(ROW_URL.format(n=n, line=line), data)


def import_again(dataset, write, users, csv_text, name="v2.csv"):
    resource = dataset.resources.get()
    path = write(name, csv_text)
    return services.start_import(resource=resource, actor=users["gestionnaire"], path=str(path), run_now=True)


def test_the_row_page_shows_its_values_and_every_row_of_the_preview_links_to_it(communes, client_as):
    page = client_as("anonyme").get("/donnees/communes-de-gpsea/communes-de-gpsea/").content.decode()
    assert ROW_URL.format(n=1, line=2) in page
    form = client_as("anonyme").get(ROW_URL.format(n=1, line=2)).content.decode()
    assert 'value="Alfortville"' in form and 'value="44403"' in form
    assert "Signaler une erreur ou proposer une correction — ligne 2" in form


def test_an_anonymous_visitor_proposes_a_correction_kept_with_the_row_and_version_it_was_based_on(
    communes, client_as
):
    response = propose(client_as("anonyme"), valeur__2="44500", email="habitant@exemple.fr")
    assert response.status_code == 302
    correction = RowCorrection.objects.get()
    assert correction.version == communes[1] and correction.row_number == 1 and correction.line == 2
    assert correction.proposed == {"population": "44500"}
    assert correction.original == {
        "code_insee": "94002",
        "nom": "Alfortville",
        "population": "44403",
        "surface_km2": "3.67",
    }
    assert correction.email == "habitant@exemple.fr" and correction.author is None
    assert AuditEvent.objects.filter(action="catalog.correction.submit").count() == 1


def test_a_plain_error_report_needs_a_comment(communes, client_as):
    client = client_as("citoyen")
    page = propose(client).content.decode()
    assert "Décrivez l&#x27;erreur dans le commentaire" in page
    assert propose(client, comment="Cette commune a fusionné.").status_code == 302
    correction = RowCorrection.objects.get()
    assert correction.is_report and correction.author.email == "citoyen@test.parvis.local"


def test_a_value_that_fails_the_schema_is_refused_before_anything_is_stored(communes, client_as):
    page = propose(client_as("anonyme"), valeur__2="beaucoup").content.decode()
    assert (
        "Colonne « population » : « beaucoup » n&#x27;est pas une valeur valide de type nombre entier" in page
    )
    assert "La proposition n'a pas été envoyée" in page
    assert not RowCorrection.objects.exists()


def test_an_unknown_column_is_refused_with_a_french_message(communes, client_as):
    page = propose(client_as("anonyme"), valeur__9="x", comment="oups").content.decode()
    assert "Colonne inconnue" in page
    assert not RowCorrection.objects.exists()


def test_a_row_past_the_end_of_the_file_is_not_found(communes, client_as):
    assert client_as("anonyme").get(ROW_URL.format(n=1, line=99)).status_code == 404
    assert client_as("anonyme").get(ROW_URL.format(n=1, line=0)).status_code == 404


def test_a_flood_of_proposals_gets_the_rate_limit_message(communes, client_as):
    client = client_as("anonyme")
    for i in range(10):
        assert propose(client, comment=f"erreur {i}").status_code == 302
    response = propose(client, comment="encore une")
    assert response.status_code == 429
    assert "Trop de demandes" in response.content.decode()
    assert RowCorrection.objects.count() == 10


def test_a_robot_filling_the_hidden_field_is_refused(communes, client_as):
    response = client_as("anonyme").post(
        ROW_URL.format(n=1, line=2), {**ALFORTVILLE, "comment": "spam", "site_web_de_contact": "http://spam"}
    )
    assert response.status_code == 200
    assert not RowCorrection.objects.exists()


@pytest.mark.parametrize(
    "role, status",
    [
        ("anonyme", 302),
        ("citoyen", 403),
        ("partenaire", 403),
        ("contributeur", 200),
        ("gestionnaire", 200),
        ("admin", 200),
    ],
)
def test_only_the_owning_organisations_editors_review(communes, client_as, role, status):
    propose(client_as("anonyme"), valeur__2="44500")
    correction = RowCorrection.objects.get()
    client = client_as(role)
    assert client.get(LIST_URL).status_code == status
    assert client.get(f"{LIST_URL}{correction.pk}/").status_code == status
    client.post(f"{LIST_URL}{correction.pk}/", {"action": "refuser", "reason": "non"})
    correction.refresh_from_db()
    assert (correction.status == CorrectionStatus.REFUSED) == (status == 200)


def test_an_editor_of_another_organisation_cannot_review(make_dataset, client_as, other_org, users):
    from parvis.accounts.models import Membership
    from parvis.accounts.roles import Role

    make_dataset()
    propose(client_as("anonyme"), comment="erreur")
    Membership.objects.filter(user=users["gestionnaire"]).update(
        organisation=other_org, role=Role.GESTIONNAIRE
    )
    assert client_as("gestionnaire").get(LIST_URL).status_code == 403


def test_the_review_shows_current_and_proposed_values_side_by_side(communes, client_as):
    propose(client_as("anonyme"), valeur__2="44500")
    correction = RowCorrection.objects.get()
    page = client_as("gestionnaire").get(f"{LIST_URL}{correction.pk}/").content.decode()
    assert "Valeur en ligne" in page and "Valeur proposée" in page
    assert "44403" in page and "<strong>44500</strong>" in page
    assert "une personne sans compte" in page


def test_accepting_makes_a_new_version_with_the_change_credited_and_tells_the_contributor(
    communes, client_as, users
):
    users["citoyen"].display_name = "Camille Martin"
    users["citoyen"].save()
    propose(client_as("citoyen"), valeur__2="44500")
    correction = RowCorrection.objects.get()
    response = client_as("gestionnaire").post(f"{LIST_URL}{correction.pk}/", {"action": "accepter"})
    assert response.status_code == 302
    resource = communes[0].resources.get()
    current = selectors.current_version(resource)
    assert current.number == 2 and current.valid
    assert current.note == "Correction proposée par Camille Martin (ligne 2)"
    assert selectors.row_as_written(current, 1) == {
        "code_insee": "94002",
        "nom": "Alfortville",
        "population": "44500",
        "surface_km2": "3.67",
    }
    # every other row is exactly as it was
    old_rows = selectors.read_rows(communes[1]).to_pylist()
    new_rows = selectors.read_rows(current).to_pylist()
    assert [r for i, r in enumerate(new_rows) if i != 1] == [r for i, r in enumerate(old_rows) if i != 1]
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.ACCEPTED and correction.result_version == current
    mail = OutboxMessage.objects.get(kind="catalog.correction_decided")
    assert mail.to == "citoyen@test.parvis.local" and "acceptée" in mail.subject
    assert AuditEvent.objects.filter(action="catalog.correction.accept").count() == 1
    page = client_as("anonyme").get(current.get_absolute_url()).content.decode()
    assert "Correction proposée par Camille Martin (ligne 2)" in page


def test_refusing_needs_a_reason_which_is_mailed_to_the_address_given(communes, client_as):
    propose(client_as("anonyme"), valeur__2="44500", email="habitant@exemple.fr")
    correction = RowCorrection.objects.get()
    client = client_as("contributeur")
    page = client.post(f"{LIST_URL}{correction.pk}/", {"action": "refuser", "reason": ""}).content.decode()
    assert "Ce champ est obligatoire" in page
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.PENDING
    client.post(
        f"{LIST_URL}{correction.pk}/", {"action": "refuser", "reason": "Chiffre de l'Insee 2021 vérifié."}
    )
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.REFUSED
    mail = OutboxMessage.objects.get(kind="catalog.correction_decided")
    assert mail.to == "habitant@exemple.fr"
    assert "Chiffre de l'Insee 2021 vérifié." in mail.body_text and "refusée" in mail.body_text
    assert selectors.current_version(communes[0].resources.get()).number == 1


def test_a_row_changed_since_cannot_be_accepted_and_the_proposal_is_kept(communes, client_as, write, users):
    propose(client_as("anonyme"), valeur__2="44500")
    correction = RowCorrection.objects.get()
    import_again(communes[0], write, users, COMMUNES_CSV.replace("44403", "44600"))
    client = client_as("gestionnaire")
    page = client.get(f"{LIST_URL}{correction.pk}/").content.decode()
    assert "La ligne a changé depuis la proposition" in page and "« population »" in page
    response = client.post(f"{LIST_URL}{correction.pk}/", {"action": "accepter"}, follow=True)
    assert "La ligne a changé depuis la proposition" in response.content.decode()
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.PENDING and correction.proposed == {"population": "44500"}
    assert selectors.current_version(communes[0].resources.get()).number == 2


def test_a_deleted_row_cannot_be_accepted(communes, client_as, write, users):
    propose(
        client_as("anonyme"),
        line=5,
        valeur__0="94047",
        valeur__1="Mandres",
        valeur__2="4650",
        valeur__3="3.37",
    )
    correction = RowCorrection.objects.get()
    shorter = "\n".join(COMMUNES_CSV.strip().split("\n")[:-1]) + "\n"
    import_again(communes[0], write, users, shorter)
    page = client_as("gestionnaire").post(f"{LIST_URL}{correction.pk}/", {"action": "accepter"}, follow=True)
    assert "n&#x27;existe plus dans la version en ligne" in page.content.decode()
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.PENDING


def test_with_a_primary_key_the_row_is_found_where_it_moved(make_dataset, client_as, write, users):
    schema = {
        "fields": [
            {"name": "code_insee", "type": "string"},
            {"name": "nom", "type": "string"},
            {"name": "population", "type": "integer"},
            {"name": "surface_km2", "type": "number"},
        ],
        "primaryKey": "code_insee",
    }
    dataset, _v1 = make_dataset(schema=schema)
    propose(client_as("anonyme"), valeur__2="44500")
    lines = COMMUNES_CSV.strip().split("\n")
    reordered = "\n".join([lines[0], *reversed(lines[1:])]) + "\n"  # Alfortville is now line 4
    import_again(dataset, write, users, reordered)
    correction = RowCorrection.objects.get()
    client_as("gestionnaire").post(f"{LIST_URL}{correction.pk}/", {"action": "accepter"})
    current = selectors.current_version(dataset.resources.get())
    assert current.number == 3
    assert selectors.row_as_written(current, 3)["population"] == "44500"
    assert selectors.row_as_written(current, 3)["nom"] == "Alfortville"


def test_an_error_report_is_marked_handled_without_a_new_version(communes, client_as):
    propose(client_as("anonyme"), comment="Le nom est mal orthographié ?", email="a@exemple.fr")
    correction = RowCorrection.objects.get()
    client_as("gestionnaire").post(f"{LIST_URL}{correction.pk}/", {"action": "accepter"})
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.ACCEPTED and correction.result_version is None
    assert OutboxMessage.objects.filter(kind="catalog.correction_decided", to="a@exemple.fr").exists()


def test_the_person_s_proposals_are_in_their_rgpd_export_and_leave_with_their_account(
    communes, client_as, users
):
    from parvis.accounts.services.rgpd import erase_account, personal_data

    propose(client_as("citoyen"), valeur__2="44500", comment="Chiffre 2023 de l'Insee")
    exported = personal_data(users["citoyen"])["catalog"]["corrections_proposees"]
    assert exported[0]["valeurs_proposees"] == {"population": "44500"} and exported[0]["ligne"] == 2
    erase_account(user=users["citoyen"])
    correction = RowCorrection.objects.get()
    assert (correction.author, correction.email, correction.comment) == (None, "", "")
    assert correction.proposed == {"population": "44500"}  # the proposal itself stays for the review


def test_a_value_too_long_is_refused_but_a_long_cell_sent_back_unchanged_is_not_a_proposal(
    make_dataset, client_as
):
    long_text = "x" * 6000
    make_dataset(csv=f"code_insee,nom,population,surface_km2\n94028,{long_text},92265,11.44\n")
    client = client_as("anonyme")
    url = ROW_URL.format(n=1, line=1)
    unchanged = {"valeur__0": "94028", "valeur__1": long_text, "valeur__2": "92265", "valeur__3": "11.44"}
    assert client.post(url, {**unchanged, "valeur__2": "92300"}).status_code == 302
    assert RowCorrection.objects.get().proposed == {"population": "92300"}
    page = client.post(url, {**unchanged, "valeur__1": "y" * 5001}).content.decode()
    assert "La valeur proposée pour « nom » dépasse 5\u202f000 caractères." in page
    assert RowCorrection.objects.count() == 1
