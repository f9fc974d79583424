"""RGPD through a real browser: a citoyen downloads a ZIP of everything they did, then erases the account;
results and support counts do not move and the audit log no longer names them."""

import io
import json
import zipfile

import pytest

from conftest import assert_no_axe_violations, log_in
from parvis.accounts.services import audit
from parvis.participation import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citoyen_exports_a_zip_then_erasure_changes_no_result(
    browser_context_factory, process, questions, proposal, users, make_citizen
):
    citoyen, other = users["citoyen"], make_citizen(1)
    services.support(proposal=proposal, user=citoyen)
    services.support(proposal=proposal, user=other)
    services.add_comment(proposal=proposal, user=citoyen, body="Oui, avec un éclairage la nuit.")
    projects = list(process.budget_projects.filter(cost__lte=30_000).values_list("pk", flat=True))
    services.vote_budget(process=process, user=citoyen, project_ids=projects)
    services.submit_contribution(
        process=process, user=citoyen, answers={str(questions["ouverte"].pk): "Plus de bus le soir"}
    )
    audit(actor=citoyen, action="participation.proposal.create", target=proposal)

    admin = browser_context_factory().new_page()
    log_in(admin, "admin@test.parvis.local")
    admin.goto("/participation/mobilites/resultats/")
    results_before = admin.locator("main").inner_text()
    admin.goto(f"/participation/mobilites/propositions/{proposal.pk}/")
    proposal_before = admin.locator("main").inner_text()
    assert "2 soutiens" in proposal_before or "2\xa0soutiens" in proposal_before

    page = browser_context_factory(accept_downloads=True).new_page()
    log_in(page, "citoyen@test.parvis.local")
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger mes données (archive ZIP : JSON et CSV)").click()
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
    mine = json.loads(archive.read("donnees.json"))["participation"]
    assert mine["propositions"][0]["titre"] == proposal.title
    assert mine["commentaires"][0]["texte"] == "Oui, avec un éclairage la nuit."
    assert mine["soutiens"][0]["proposition"] == proposal.title
    assert len(mine["votes"][0]["projets"]) == 2
    assert "Plus de bus le soir" in json.dumps(mine["reponses_aux_questionnaires"], ensure_ascii=False)

    page.goto("/compte/registre-des-traitements/")
    assert_no_axe_violations(page)
    page.goto("/compte/supprimer/")
    page.get_by_label("Tapez SUPPRIMER pour confirmer").fill("SUPPRIMER")
    page.get_by_role("button", name="Supprimer définitivement").click()
    page.wait_for_url("**/")
    assert "Votre compte et vos données personnelles ont été supprimés." in page.content()

    admin.goto("/participation/mobilites/resultats/")
    assert admin.locator("main").inner_text() == results_before
    admin.goto(f"/participation/mobilites/propositions/{proposal.pk}/")
    assert admin.locator("main").inner_text().replace(
        "citoyen@test.parvis.local", ""
    ) == proposal_before.replace("citoyen@test.parvis.local", "")
    admin.goto("/compte/journal/")
    journal = admin.locator("main").inner_text()
    assert "citoyen@test.parvis.local" not in journal
    assert "compte supprimé" in journal
