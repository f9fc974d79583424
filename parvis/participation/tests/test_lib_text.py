"""Pure-Python building blocks: normalisation, themes, similarity, spam."""

from parvis.participation.lib.similar import SimilarityIndex
from parvis.participation.lib.spam import spam_reasons
from parvis.participation.lib.textnorm import SurfaceForms, fold, tokens, words
from parvis.participation.lib.themecount import candidates
from parvis.participation.lib.themes import Document, synthesise


def test_fold_strips_accents_and_ligatures():
    assert fold("Œuvre À l'École") == "oeuvre a l'ecole"


def test_elided_articles_are_dropped_and_aujourdhui_stays_one_word():
    assert words("Aujourd’hui, l'école d'Orly") == ["aujourd'hui", "ecole", "orly"]
    assert tokens("L'école") == tokens("école")


def test_tokens_drop_stop_words_and_stem():
    assert tokens("Les pistes cyclables de la ville") == tokens("piste cyclable ville")


def test_surface_forms_give_the_most_frequent_written_word():
    forms = SurfaceForms()
    forms.feed("Des pistes, des pistes et une piste")
    assert forms.readable(tokens("pistes")[0]) == "pistes"


def test_the_number_of_themes_is_chosen_among_those_a_person_reads():
    assert candidates(100_000) == range(6, 16)
    assert candidates(12) == range(4, 5)
    assert candidates(4) == range(2, 3)


CORPUS = [
    "Il faut plus de pistes cyclables sécurisées pour les vélos",
    "Des pistes cyclables et des vélos en libre service",
    "Sécuriser les vélos avec de vraies pistes cyclables",
    "Plus d'arbres et d'espaces verts dans les parcs",
    "Planter des arbres, créer des parcs et des espaces verts",
    "Des espaces verts et des arbres dans chaque quartier",
    "Le bus passe trop rarement, il faut plus de bus le soir",
    "Augmenter la fréquence des bus le soir",
    "Des bus plus fréquents et des horaires de bus le soir",
]


def test_synthesis_finds_one_theme_per_subject_with_quotes_and_breakdowns():
    docs = [
        Document(t, postcode="94000" if i % 2 else "94370", channel="papier") for i, t in enumerate(CORPUS)
    ]
    result = synthesise(docs, n_themes=3)
    groups = sorted(sorted(t.members) for t in result.themes)
    assert groups == [[0, 1, 2], [3, 4, 5], [6, 7, 8]]
    for theme in result.themes:
        assert theme.quotes and set(theme.quotes) <= set(theme.members)
        assert sum(theme.by_postcode.values()) == theme.size
        assert theme.by_channel == {"papier": theme.size}
    labels = " ".join(t.label.lower() for t in result.themes)
    assert "bus" in labels and "espaces verts" in labels and "pistes cyclables" in labels


def test_empty_answers_are_unclassified_not_lost():
    result = synthesise([Document(t) for t in CORPUS] + [Document(""), Document("le la les")], n_themes=3)
    assert result.unclassified == [9, 10]
    assert sum(t.size for t in result.themes) == 9


def test_near_duplicates_are_grouped_whatever_the_case_accents_and_order():
    docs = [
        Document("Créer des pistes cyclables"),
        Document("creer  des PISTES cyclables !"),
        Document("autre chose"),
    ]
    assert synthesise(docs).duplicate_groups == [[0, 1]]


def test_similarity_index_returns_the_closest_proposal_first():
    index = SimilarityIndex(
        [(1, "Créer une piste cyclable rue de Paris"), (2, "Planter des arbres à l'école")]
    )
    assert [key for key, _ in index.query("des pistes cyclables")] == [1]
    assert index.query("le la les") == []


def test_spam_filter_explains_links_repeats_and_patterns():
    assert "trop de liens" in spam_reasons("http://a.com http://b.com www.c.com")
    assert "caractères répétés" in spam_reasons("aaaaaaaaaaaaaaaa")
    assert "motif de spam connu" in spam_reasons("Gagnez de l'argent avec le casino")
    assert "message identique déjà envoyé" in spam_reasons("Bonjour !", ("bonjour",))
    assert spam_reasons("Une piste cyclable rue de la République serait utile.") == []


def test_near_duplicates_with_one_extra_word_are_grouped_but_not_different_texts():
    from parvis.participation.lib.duplicates import groups

    texts = [
        "Des pistes cyclables continues et sécurisées vers la gare RER de Boissy",
        "Des pistes cyclables continues et sécurisées vers la gare RER de Boissy rapidement",
        "Des pistes cyclables vers le collège",
        "Planter des arbres",
    ]
    assert groups([tokens(t) for t in texts]) == [[0, 1]]
