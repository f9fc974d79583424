"""French text normalisation: accents, elisions, function and filler words, Snowball stemming."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

import snowballstemmer

# A word: letters, digits or inner hyphens; « aujourd'hui » and « prud'hommes » are one word; an elided article
# or pronoun (« l' », « qu' », « jusqu' ») is a word of its own, so that « l'école » gives « l' », « école ».
_WORD = re.compile(
    r"aujourd'hui|prud'hom\w*|\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)'(?=\w)|[^\W_]+(?:-[^\W_]+)*",
    re.IGNORECASE,
)
# « faut-il », « pensez-vous », « a-t-on »: the pronoun after the hyphen is split off; « Saint-Maur » stays whole.
_INVERTED_PRONOUN = re.compile(
    r"-(?:t-)?(?:il|elle|ils|elles|on|vous|nous|je|tu|moi|toi|en|y|le|la|les|lui|leur)\b", re.IGNORECASE
)
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'"})
ELIDED = frozenset("c' d' j' l' m' n' s' t' qu' jusqu' lorsqu' puisqu' quoiqu' presqu'".split())
_STEMMER = snowballstemmer.stemmer("french")

# Grammar words (accents stripped): articles, pronouns, prepositions, conjunctions, auxiliaries, modal verbs.
FUNCTION_WORDS = frozenset(
    """
    a ai aie aient aies ait alors as au aupres aura aurai auraient aurais aurait auras aurez auriez aurions
    aurons auront aussi autre autres aux avaient avais avait avant avec avez aviez avions avoir avons ayant
    ayez ayons c ca car ce ceci cela celle celles celui cependant ces cet cette ceux chaque chez ci comme
    comment d dans de des deja depuis devrait devraient doit doivent donc dont du elle elles en encore entre
    es est et etaient etais etait etant etc ete etes etiez etions etre eu eue eues eus eut eux faire fais
    fait faite faites faut fera ferait feraient font fut ici il ils j je jusqu l la le les leur leurs lui m
    ma mais me meme memes mes moi moins mon n ne ni nos notre nous on ont ou par parce pas peu peut peuvent
    plus pour pourquoi pourrait pourraient puis puisse qu quand que quel quelle quelles quels qui quoi s sa
    sans se sera serai seraient serais serait seras serez seriez serions serons seront ses si sien soi
    soient sois soit sommes son sont sous soyez soyons suis sur t ta te tes toi ton tu un une vos votre vous
    vu y afin ainsi autant lors plutot quelque quelques selon tel telle tels telles vers voila cest lorsque
    puisque tandis dela ceux-ci celle-ci celui-ci contre pendant parmi malgre durant hors via
    """.split()
)
# Words frequent in consultation answers that name no theme: never a label, never a theme on their own.
FILLER_WORDS = frozenset(
    """
    bon bonne bonnes bons bien mieux tres trop beaucoup davantage vraiment surtout souvent toujours jamais
    encore deja tout tous toute toutes rien chose choses truc oui merci svp stp etc exemple notamment voir
    vois voit dire dit dis disent parle parler penser pense pensons crois croire trouve trouver sembler semble
    semblent avis reponse reponses question questions long longue temps fois monde gens personne personnes
    cas facon maniere niveau point part sorte type moment place grand grande grands grandes petit petite
    mettre mis mise donner donne prendre pris aller va vont venir vient rendre rend permettre permet
    pouvoir vouloir veut voudrais voudrions aimerais aimerait souhaite souhaitons souhaiterais souhaiter
    propose proposons proposer demande demandons demander priorite priorites urgent urgence essentiel
    important importante avance prevoir manque manquent besoin certain certaine certains certaines meme
    actuel actuelle actuellement aujourd'hui ailleurs autrement ensuite enfin aussi juste simplement
    plusieurs divers diverses nombreux nombreuses nouveau nouvelle nouveaux nouvelles premier premiere
    seul seule seuls seules vrai vraie chaque autre autres quelqu'un mr mme madame monsieur tant voire
    veux voulons voulez veulent voulait faudra pourra pourront devra devront doivent sais savoir dont partout
    """.split()
)
STOP_WORDS = FUNCTION_WORDS | FILLER_WORDS
# Words that may sit inside a multi-word expression (« tirage au sort », « taxe d'habitation »).
LINK_WORDS = frozenset("de du des d' au aux en a sur pour la le l' les".split())
# Answer words that carry meaning under a question (« Aucun », « Rien ») though they name no theme.
ANSWER_WORDS = frozenset("aucun aucune rien non oui tout tous toutes".split())


def fold(text: str) -> str:
    """Lower-case and strip accents (« École » → « ecole »); ligatures become two letters."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def written_words(text: str, keep_case: bool = False) -> list[str]:
    """Words as written (accents kept), elisions apart: « L'école » → « l' », « école »."""
    text = _INVERTED_PRONOUN.sub(" ", text.translate(_APOSTROPHES))
    return _WORD.findall(text if keep_case else text.lower())


def words(text: str) -> list[str]:
    """Folded words of a text, without elided articles: « Aujourd'hui, l'École » → « aujourd'hui », « ecole »."""
    return [fold(w) for w in written_words(text) if w not in ELIDED]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    stemmed: str = _STEMMER.stemWord(word)
    return stemmed


def meaningful(word: str) -> bool:
    """A folded word that can carry a theme: not a stop word, not a number, at least 3 characters."""
    return len(word) > 2 and word not in STOP_WORDS and not word.isdigit()


def tokens(text: str) -> list[str]:
    """Stems of the meaningful words of a text: no stop words, no numbers, at least 3 letters."""
    return [stem(w) for w in words(text) if meaningful(w)]


class SurfaceForms:
    """Remembers the most frequent written form of each key (a stem or a phrase), for readable labels."""

    def __init__(self) -> None:
        self._forms: dict[str, Counter[str]] = {}

    def add(self, key: str, written: str) -> None:
        self._forms.setdefault(key, Counter())[written] += 1

    def feed(self, text: str) -> None:
        for raw in written_words(text):
            w = fold(raw)
            if meaningful(w) and w.isalpha():
                self.add(stem(w), raw)

    def readable(self, key: str) -> str:
        forms = self._forms.get(key)
        return forms.most_common(1)[0][0] if forms else key
