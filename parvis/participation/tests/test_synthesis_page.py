"""The synthesis page and API: labels, summaries and quotes; a chosen number of themes; French messages."""

import pytest
from django.utils.html import escape

from parvis.participation.lib.corpus import labelled_answers
from parvis.participation.models import Contribution, Process, Question, Synthesis

pytestmark = pytest.mark.django_db


def _answers(process, texts, question=None):
    qid = str((question or process.questions.get(position=1)).pk)
    Contribution.objects.bulk_create(
        [Contribution(process=process, channel="en_ligne", postcode="94000", answers={qid: t}) for t in texts]
    )


def _run(client, process, **data):
    return client.post(
        f"/participation/{process.slug}/synthese/modifier/", {"op": "run", **data}, follow=True
    )


def test_page_shows_labels_summaries_and_quotes_with_the_number_of_themes_asked(process, client_as):
    _answers(
        process, [t for _, t in labelled_answers(150, seed=2, subjects=["vélo", "bus", "espaces verts"])]
    )
    client = client_as("contributeur")
    page = _run(client, process, theme_count="3").content.decode()
    version = Synthesis.objects.get(process=process)
    themes = list(version.themes.all())
    assert len(themes) == 3
    for theme in themes:
        assert theme.summary and theme.quotes
        assert escape(theme.label) in page and escape(theme.summary.split(".")[0]) in page
        assert escape(f"« {theme.quotes[0]['text']} »") in page
    assert "Résumé" in page and "Citations représentatives" in page and 'name="theme_count"' in page


def test_a_number_of_themes_out_of_range_is_refused_in_french(process, client_as):
    _answers(process, ["Plus de bus", "Des arbres"])
    page = _run(client_as("contributeur"), process, theme_count="80").content.decode()
    assert "inférieure ou égale à 40" in page and not Synthesis.objects.exists()


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        (["", "   "], "Il faut au moins deux réponses"),
        (["Des pistes cyclables"], "Il faut au moins deux réponses"),
        (["le la les", "et ou donc"], "Aucune réponse à analyser"),
    ],
)
def test_empty_or_single_answers_give_a_french_message_not_an_error(process, client_as, texts, message):
    _answers(process, texts)
    response = _run(client_as("contributeur"), process)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Synthesis.objects.exists()


def test_identical_answers_make_one_theme_and_say_so(process, client_as):
    _answers(process, ["Plus de bus le soir"] * 300)
    page = _run(client_as("contributeur"), process).content.decode()
    assert "disent toutes la même chose" in page
    assert [t.size for t in Synthesis.objects.get().themes.all()] == [300]


def test_answers_to_several_questions_are_synthesised_together_with_their_question(process, client_as):
    second = Question.objects.create(process=process, position=3, kind="ouverte", text="Comment venez-vous ?")
    _answers(process, ["Des pistes cyclables sûres"] * 4 + ["Des arbres dans les parcs"] * 4)
    _answers(process, ["En transports en commun"] * 4 + ["Elle me semble déjà très bonne"], question=second)
    _run(client_as("contributeur"), process, theme_count="3")
    themes = list(Synthesis.objects.get().themes.all())
    transport = next(t for t in themes if "Transports" in t.label)
    assert transport.by_question == {"Comment venez-vous ?": 5}


def test_api_runs_with_a_chosen_number_of_themes_and_refuses_others_in_french(process, client_as):
    _answers(process, [t for _, t in labelled_answers(120, seed=2, subjects=["vélo", "bus", "propreté"])])
    client = client_as("contributeur")
    url = f"/api/participation/processes/{process.slug}/synthesis"
    created = client.post(f"{url}?themes=3")
    assert created.status_code == 201
    assert len(created.json()["themes"]) == 3 and all(t["summary"] for t in created.json()["themes"])
    refused = client.post(f"{url}?themes=1")
    assert refused.status_code == 400 and "entre 2 et 40" in refused.json()["detail"]


def test_a_synthesis_of_one_question_reads_its_answers_alone_and_says_so(process, client_as):
    second = Question.objects.create(process=process, position=3, kind="ouverte", text="Comment venez-vous ?")
    _answers(process, ["Des pistes cyclables sûres"] * 4 + ["Des arbres dans les parcs"] * 4)
    _answers(process, ["En transports en commun"] * 4 + ["À pied par la rue"] * 3, question=second)
    client = client_as("contributeur")
    form = client.get(f"/participation/{process.slug}/synthese/").content.decode()
    assert 'name="question"' in form and "Toutes les questions ouvertes et les propositions" in form
    page = _run(client, process, theme_count="2", question=str(second.pk)).content.decode()
    version = Synthesis.objects.get()
    assert version.question == second and version.documents == 7
    assert all(t.by_question == {"Comment venez-vous ?": t.size} for t in version.themes.all())
    assert "Réponses à la seule question « Comment venez-vous ? »" in page
    # A rename keeps the scope of the version it edits.
    theme = version.themes.first()
    client.post(
        f"/participation/{process.slug}/synthese/modifier/",
        {"op": "rename", "theme": theme.pk, "label": "Venir"},
    )
    assert Synthesis.objects.get(version=2).question == second


def test_a_closed_or_foreign_question_is_refused_in_french(process, client_as, other_org):
    _answers(process, ["Des pistes cyclables sûres"] * 4 + ["Des arbres dans les parcs"] * 4)
    closed = process.questions.get(kind="fermee")
    elsewhere = Process.objects.create(
        organisation=other_org,
        title="Ailleurs",
        slug="ailleurs",
        starts_on=process.starts_on,
        ends_on=process.ends_on,
    )
    foreign = Question.objects.create(process=elsewhere, position=1, kind="ouverte", text="Ailleurs ?")
    client = client_as("contributeur")
    for question in (closed, foreign):
        page = _run(client, process, question=str(question.pk)).content.decode()
        assert "question ouverte de la démarche" in page
        refused = client.post(f"/api/participation/processes/{process.slug}/synthesis?question={question.pk}")
        assert refused.status_code == 400 and "question ouverte de la démarche" in refused.json()["detail"]
    assert not Synthesis.objects.exists()


def test_api_runs_a_synthesis_of_one_question(process, client_as):
    second = Question.objects.create(process=process, position=3, kind="ouverte", text="Comment venez-vous ?")
    _answers(process, ["Des pistes cyclables sûres"] * 4)
    _answers(process, ["En transports en commun"] * 4 + ["À pied par la rue"] * 3, question=second)
    url = f"/api/participation/processes/{process.slug}/synthesis"
    created = client_as("contributeur").post(f"{url}?themes=2&question={second.pk}")
    assert created.status_code == 201
    body = created.json()
    assert body["question"] == "Comment venez-vous ?" and body["documents"] == 7
