"""The participation journeys in a real browser, with JavaScript on and off; axe-core finds nothing."""

import random

import pytest

from parvis.participation.lib.corpus import labelled_answers
from parvis.participation.models import Contribution, Proposal, Report, Support
from parvis.participation.services import synthesis

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(axe, page, js, name=None):
    """axe-core runs inside the page, so only with JavaScript on; the same pages are checked in both modes."""
    if js:
        axe.assert_clean(page)
        if name:
            axe.screenshot(page, f"participation-{name}")


@pytest.mark.parametrize("js", [True, False], ids=["js", "sans-js"])
def test_answering_the_questionnaire(open_as, axe, users, process, questions, js):
    page = open_as(users["citoyen"], js)
    page.goto(f"/participation/{process.slug}/questionnaire/")
    check(axe, page, js)
    page.get_by_label("Que faudrait-il améliorer ?").fill("Des pistes cyclables <b>sûres</b>")
    page.get_by_label("Oui").check()
    check(axe, page, js, "questionnaire")
    page.get_by_role("button", name="Envoyer mes réponses").click()
    assert page.get_by_text("Merci, votre contribution est enregistrée.").is_visible()
    assert (
        Contribution.objects.get().answers[str(questions["ouverte"].pk)]
        == "Des pistes cyclables <b>sûres</b>"
    )


@pytest.mark.parametrize("js", [True, False], ids=["js", "sans-js"])
def test_proposal_with_similar_suggestions_then_support_and_report(
    open_as, axe, users, process, proposal, js
):
    page = open_as(users["gestionnaire"], js)
    page.goto(f"/participation/{process.slug}/propositions/nouvelle/")
    page.get_by_label("Titre (150 caractères au plus)").fill("Pistes cyclables sécurisées")
    page.get_by_label("Description").fill("Des pistes cyclables protégées vers la gare")
    if not js:
        page.get_by_role("button", name="Voir les propositions similaires").click()
    suggestion = page.locator("#similar-list").get_by_role("link", name=proposal.title)
    suggestion.wait_for()
    check(axe, page, js, "proposition-suggestions")
    page.get_by_role("button", name="Publier ma proposition").click()
    created = Proposal.objects.get(title="Pistes cyclables sécurisées")
    assert page.get_by_role("heading", name=created.title).is_visible()
    page.get_by_role("button", name="Soutenir cette proposition").click()
    assert page.get_by_text("Votre soutien est enregistré.").is_visible()
    assert Support.objects.filter(proposal=created).count() == 1
    check(axe, page, js, "proposition")
    page.get_by_role("link", name="Signaler cette proposition").click()
    page.get_by_label("Hors sujet").check()
    check(axe, page, js)
    page.get_by_role("button", name="Envoyer le signalement").click()
    assert page.get_by_text("Merci, votre signalement a été transmis à la modération.").is_visible()
    assert Report.objects.filter(target_id=created.pk, reason="hors_sujet").exists()


@pytest.mark.parametrize("js", [True, False], ids=["js", "sans-js"])
def test_agent_enters_a_paper_contribution(open_as, axe, users, process, questions, js):
    page = open_as(users["contributeur"], js)
    page.goto(f"/participation/{process.slug}/saisie-papier/")
    page.get_by_label("Lieu de recueil (mairie, réunion, marché…)").fill("Mairie de Créteil")
    page.get_by_label("Date de recueil").fill("2026-11-20")
    page.get_by_label("Que faudrait-il améliorer ?").fill("Plus de bancs au parc")
    check(axe, page, js, "saisie-papier")
    page.get_by_role("button", name="Enregistrer la contribution").click()
    assert page.get_by_text("Contribution papier enregistrée.").is_visible()
    saved = Contribution.objects.get()
    assert (saved.channel, saved.place, saved.entered_by) == (
        "papier",
        "Mairie de Créteil",
        users["contributeur"],
    )


@pytest.mark.parametrize("js", [True, False], ids=["js", "sans-js"])
def test_synthesis_page_and_theme_rename(open_as, axe, users, process, questions, js):
    rng = random.Random(3)
    qid = str(questions["ouverte"].pk)
    Contribution.objects.bulk_create(
        Contribution(
            process=process,
            channel=rng.choice(["en_ligne", "papier"]),
            postcode=rng.choice(["94000", "94370"]),
            answers={qid: text},
        )
        for _, text in labelled_answers(
            150, seed=4, subjects=["vélo", "bus", "espaces verts", "santé", "propreté"]
        )
    )
    version = synthesis.run(process=process, actor=None, n_themes=5)
    page = open_as(users["contributeur"], js)
    page.goto(f"/participation/{process.slug}/synthese/")
    first = version.themes.first()
    assert page.get_by_role("heading", name=f"1. {first.label}").is_visible()
    check(axe, page, js, "synthese")
    page.locator(f"#label-{first.pk}").fill("Mobilités douces")
    page.locator("form", has=page.locator(f"#label-{first.pk}")).get_by_role(
        "button", name="Renommer"
    ).click()
    assert page.get_by_role("heading", name="1. Mobilités douces").is_visible()
    page.goto(f"/participation/{process.slug}/synthese/imprimer/")
    check(axe, page, js, "synthese-a4")
    # The themes of one open question: chosen in the form, said on the page.
    page.goto(f"/participation/{process.slug}/synthese/")
    page.get_by_label("Réponses lues").select_option(label=questions["ouverte"].text)
    page.get_by_role("button", name="Relancer la synthèse").click()
    assert page.get_by_text(f"Réponses à la seule question « {questions['ouverte'].text} »").is_visible()
    check(axe, page, js, "synthese-question")


def test_process_results_budget_and_moderation_pages_are_accessible(open_as, axe, users, process, proposal):
    page = open_as(users["gestionnaire"])
    for path, name in (
        ("", "demarche"),
        ("resultats/", "resultats"),
        ("budget/", "budget"),
        ("moderation/", "moderation"),
        ("questionnaire/imprimer/", "questionnaire-papier"),
        ("import/", "import"),
    ):
        page.goto(f"/participation/{process.slug}/{path}")
        axe.assert_clean(page)
        axe.screenshot(page, f"participation-{name}")
