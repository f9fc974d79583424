"""Readable themes: multi-word labels, no filler, summaries, answers read with their question, stable labels."""

from parvis.participation.lib import phrases, themecount
from parvis.participation.lib.corpus import labelled_answers
from parvis.participation.lib.textnorm import FILLER_WORDS, FUNCTION_WORDS, fold
from parvis.participation.lib.themes import Document, synthesise

THEMES = {
    "Quelle démarche pour choisir les membres du conseil citoyen ?": [
        "Le tirage au sort des membres",
        "Un tirage au sort sur les listes électorales",
        "Tirage au sort, comme pour les jurés",
        "Le tirage au sort parmi les volontaires",
        "Par tirage au sort et pour deux ans",
    ],
    "Quels impôts faut-il baisser en priorité ?": [
        "La taxe d'habitation pour tous",
        "Supprimer la taxe d'habitation",
        "La taxe d'habitation est injuste",
        "Baisser la taxe d'habitation des retraités",
        "Taxe d'habitation trop lourde",
    ],
    "Comment venez-vous au centre-ville ?": [
        "En transports en commun",
        "Les transports en commun sont trop rares",
        "Des transports en commun le soir",
        "Plus de transports en commun vers la gare",
        "Transports en commun gratuits",
    ],
}


def _documents():
    return [Document(text, question=q) for q, texts in THEMES.items() for text in texts]


def test_phrases_keep_multi_word_expressions_and_drop_elided_articles():
    found = dict(phrases.candidates("Le tirage au sort et la taxe d'habitation ; les transports en commun"))
    assert found["tirag sort"] == "tirage au sort"
    assert found["tax habit"] == "taxe d'habitation"
    assert found["transport commun"] == "transports en commun"
    assert "l'" not in " ".join(phrases.features("l'école")) and "ecol" in phrases.features("l'école")


def test_labels_are_the_multi_word_expressions_people_wrote():
    labels = sorted(t.label for t in synthesise(_documents(), n_themes=3).themes)
    assert labels == ["Taxe d'habitation", "Tirage au sort", "Transports en commun"]


def test_labels_are_never_made_of_filler_words():
    result = synthesise([Document(t) for _, t in labelled_answers(2000, seed=4)], n_themes=12)
    for theme in result.themes:
        words = [fold(w) for w in theme.label.replace("'", " ").split()]
        assert any(w not in FILLER_WORDS | FUNCTION_WORDS for w in words), theme.label


def test_each_theme_has_a_two_or_three_sentence_summary_taken_from_its_answers():
    docs = [Document(t) for _, t in labelled_answers(600, seed=5)]
    result = synthesise(docs, n_themes=6)
    for theme in result.themes:
        sentences = [s for s in theme.summary.split(". ") if s]
        assert 1 <= len(sentences) <= 3
        member_text = " ".join(docs[i].text.lower() for i in theme.members)
        assert sentences[0].rstrip(".").lower()[:20] in member_text


def test_a_short_answer_is_read_with_its_question():
    docs = _documents() + [
        Document("Elle me semble déjà très bonne", question="Comment venez-vous au centre-ville ?")
    ]
    result = synthesise(docs, n_themes=3)
    transport = next(t for t in result.themes if t.label == "Transports en commun")
    assert len(docs) - 1 in transport.members
    assert transport.by_question == {"Comment venez-vous au centre-ville ?": 6}


def test_labels_stay_the_same_when_a_few_answers_are_added():
    docs = [Document(t) for _, t in labelled_answers(1500, seed=6)]
    before = synthesise(docs, n_themes=10)
    after = synthesise(
        docs + [Document("Des bus plus fréquents le soir"), Document("Planter des arbres")], n_themes=10
    )
    assert sorted(t.label for t in before.themes) == sorted(t.label for t in after.themes)


def test_a_single_theme_is_named_by_its_most_shared_phrase_not_a_cut_sentence():
    texts = [t for _, t in labelled_answers(200, seed=8, subjects=["vélo"])]
    (theme,) = synthesise([Document(t) for t in texts], n_themes=1).themes
    assert theme.label.casefold() in {term.casefold() for term in theme.terms}


def test_the_number_of_themes_is_the_most_stable_a_person_can_read():
    result = synthesise([Document(t) for _, t in labelled_answers(1500, seed=7)])
    assert 6 <= len(result.themes) <= 15
    assert set(result.stability) == set(themecount.candidates(1500))


def test_empty_single_and_identical_inputs_get_a_french_notice():
    empty = synthesise([Document(""), Document("  "), Document("le la les")])
    assert not empty.themes and empty.unclassified == [0, 1, 2]
    assert "Aucune réponse à analyser" in empty.notices[0]
    single = synthesise([Document("Des pistes cyclables"), Document("")])
    assert not single.themes and "Une seule réponse" in single.notices[0]
    same = synthesise([Document("Des pistes cyclables !")] * 500)
    assert [t.size for t in same.themes] == [500] and "disent toutes la même chose" in same.notices[0]
