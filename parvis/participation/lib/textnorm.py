"""French text normalisation: accents, stop words and Snowball stemming."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[a-z0-9]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_STEMMER = snowballstemmer.stemmer("french")

# French stop words (accents stripped), plus words frequent in consultations but carrying no theme.
STOP_WORDS = frozenset(
    """
    a ai aie aient aies ait alors as au aucun aucune aupres aura aurai auraient aurais aurait auras aurez
    auriez aurions aurons auront aussi autre autres aux avaient avais avait avant avec avez aviez avions
    avoir avons ayant ayez ayons bon c ca car ce ceci cela celle celles celui cependant certain certaines
    certains ces cet cette ceux chaque chez ci comme comment d dans de des deja depuis devrait doit donc
    dont du elle elles en encore entre es est et etaient etais etait etant etc ete etes etiez etions etre
    eu eue eues eumes eurent eus eusse eussent eusses eussiez eussions eut eutes eux faire fais fait faut
    fois font furent fus fusse fussent fusses fussiez fussions fut futes ici il ils j je jusqu l la le les
    leur leurs lui m ma mais me meme memes mes moi moins mon n ne ni non nos notre nous on ont ou où par
    parce pas peu peut peuvent plus pour pourquoi puis qu quand que quel quelle quelles quels qui quoi
    s sa sans se sera serai seraient serais serait seras serez seriez serions serons seront ses si sien
    soi soient sois soit sommes son sont sous soyez soyons suis sur t ta te tes toi ton tous tout toute
    toutes tres tu un une vos votre vous vu y afin beaucoup bien cest etre faudrait falloir fassent
    avoir ainsi aussi autant celui donc dire doivent etc il ils lors mieux peut plutot pourrait
    quelque quelques rien selon tel telle tels telles toujours trop vers voila oui merci davantage
    propose proposons proposer souhaite souhaitons souhaiterais souhaiter demande demandons demander
    priorite priorites urgent urgence essentiel avance prevoir manque manquent besoin serait seraient
    chose choses avis pense penser crois trouve voudrais voudrions aimerais
    """.split()
)


def fold(text: str) -> str:
    """Lower-case and strip accents (« École » → « ecole »); ligatures become two letters."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Folded words of a text, elisions split (« l'école » → « l », « ecole »)."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def tokens(text: str) -> list[str]:
    """Stems of the meaningful words of a text: no stop words, no numbers, at least 3 letters."""
    return [stem(w) for w in words(text) if len(w) > 2 and w not in STOP_WORDS and not w.isdigit()]


class SurfaceForms:
    """Remembers the most frequent written word for each stem, to turn stems back into readable labels."""

    def __init__(self) -> None:
        self._forms: dict[str, Counter] = {}

    def feed(self, text: str) -> None:
        for raw in _LETTERS.findall(text.lower()):
            w = fold(raw)
            if len(w) > 2 and w not in STOP_WORDS and w.isalpha():
                self._forms.setdefault(stem(w), Counter())[raw] += 1

    def readable(self, stem_: str) -> str:
        forms = self._forms.get(stem_)
        return forms.most_common(1)[0][0] if forms else stem_
