"""Readable themes: a noun-phrase label, a short extractive summary and the most representative quotes."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from parvis.core.lib import lazy
from parvis.participation.lib import phrases
from parvis.participation.lib.textnorm import fold

if TYPE_CHECKING:
    import numpy as np
    import scipy.sparse as sparse
else:
    np = lazy.module("numpy")

QUOTES_PER_THEME = 3
SUMMARY_SENTENCES = 3
SUMMARY_SENTENCE_CHARS = (8, 280)
LABEL_SAMPLE = 300  # answers read to name a theme, spread evenly over its ranking
SUMMARY_SAMPLE = 30  # most representative distinct answers the summary's sentences come from
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\s*\n+\s*")
# Nouns ending like infinitives; any other word in -er/-ir opening a phrase is read as a verb. Words in -ier and
# -yer are nouns (« quartier », « loyer ») except the verbs listed.
_NOT_VERBS = frozenset(
    "hiver cancer mer fer enfer hier avenir plaisir loisir loisirs desir souvenir saphir cuir elixir".split()
)
_IER_VERBS = frozenset(
    """relier oublier publier multiplier etudier remercier apprecier negocier varier privilegier confier copier
    plier lier nier envier crier trier expedier remedier associer allier rallier concilier reconcilier""".split()
)

# Infinitives in -re (« réduire », « mettre », « prendre »): their endings are shared with many nouns (« salaire »,
# « centre », « ordre »), so the verbs are listed by their endings, as folded.
_RE_VERB_ENDINGS = tuple(
    "uire ettre endre ondre andre erdre faire dire lire crire ivre aitre oitre aindre eindre oindre oudre clure "
    "battre".split()
)
_NOT_RE_VERBS = frozenset("lettre lettres livre vivres cendre gendre tendre calendre esclandre".split())


# Endings of adjectives and past participles (« fiscale », « publique », « réparti », « augmentés »): alone,
# such a word is a poor label; nouns in « -té » (« santé », « sécurité ») are not participles.
_ADJECTIVE_ENDINGS = tuple("al ale ales ique iques ive ives euse euses elle elles aire ible ibles".split())
_PARTICIPLE_ENDINGS = ("i", "is", "ie", "ies")  # « réparti », « choisis »; « -é » is read from the accent
_LONE_ADJECTIVES = frozenset("commun commune communs communes".split())
# Nouns too general to name a theme of a public consultation on their own (« Pays », « Homme », « État »): kept
# inside phrases (« dépenses de l'État »), a poor label alone.
_VAGUE_NOUNS = frozenset("pays france francais homme hommes etat societe vie chose citoyen citoyens".split())


def _weight(key: str, written: str) -> float:
    """Phrases of several words read better than one word; a phrase or word opening with an adjective or a
    participle (« fiscale », « partagés au pied des immeubles ») reads worse."""
    first = written.split(" ", 1)[0]
    word = fold(first)
    participle = (
        first.endswith(("é", "ée", "és", "ées"))
        and not word.endswith(("te", "tes"))
        or (word.endswith(_PARTICIPLE_ENDINGS) and len(word) > 5)
    )
    weak = word.endswith(_ADJECTIVE_ENDINGS) or word in _LONE_ADJECTIVES or participle
    vague = " " not in key and word in _VAGUE_NOUNS
    return (1.15 if " " in key else 1.0) * (0.3 if weak else 1.0) * (0.4 if vague else 1.0)


def _looks_like_verb(written: str) -> bool:
    first = fold(written.split(" ", 1)[0])
    if first in _IER_VERBS or first.endswith("fier"):
        return True
    if first in _NOT_VERBS or first.endswith(("ier", "yer")):
        return False
    if first.endswith(_RE_VERB_ENDINGS) and first not in _NOT_RE_VERBS and len(first) > 4:
        return True
    return len(first) > 4 and first.endswith(("er", "ir"))


Scored = tuple[float, str, str]  # (score, key, most frequent written form) of a label candidate


class Background:
    """How often each label candidate occurs in the whole corpus (a sample of it), to find what is distinctive."""

    def __init__(self, texts: list[str]) -> None:
        self.size = max(1, len(texts))
        self.df: Counter[str] = Counter()
        for text in texts:
            self.df.update({key for key, _ in phrases.candidates(text)})

    def share(self, key: str) -> float:
        return self.df.get(key, 0) / self.size


def label(
    texts: list[str], background: Background, taken: set[str], asked: frozenset[str] = frozenset()
) -> tuple[str, list[str], str]:
    """(label, terms, key of the main phrase) for the texts of one theme, most representative first.

    ``asked``: stems of the question(s) the texts answer; a phrase that only repeats the question (« prêts à
    payer » under « seriez-vous prêts à payer plus d'impôts ? ») says nothing about the answers."""
    df: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for text in texts:
        seen: set[str] = set()
        for key, written in phrases.candidates(text):
            forms.setdefault(key, Counter())[written] += 1
            seen.add(key)
        df.update(seen)
    n = max(1, len(texts))
    minimum = 2 if n >= 10 else 1
    scored: list[Scored] = []
    common: list[Scored] = []  # no more frequent here than in the background: a label of last resort
    for key, count in df.items():
        written = forms[key].most_common(1)[0][0]
        if count < minimum or _looks_like_verb(written) or set(key.split()) <= asked:
            continue
        share = count / n
        lift = math.log((share + 0.01) / (background.share(key) + 0.01))
        if lift > 0:
            scored.append((share * lift * _weight(key, written), key, written))
        else:
            common.append((share * _weight(key, written), key, written))
    if not scored and asked:
        # Answers whose only distinctive words are the question's (« je ne suis pas prêt à payer plus
        # d'impôts »): a label taken from the question reads better than a cut sentence.
        return label(texts, background, taken)
    # One theme for all the answers (identical answers, one theme asked) is as frequent as its background:
    # its most shared phrase names it.
    scored = sorted(scored or common, reverse=True)
    if not scored:
        return "", [], ""
    terms = [written for _, _, written in scored[:8]]
    main = next((s for s in scored if s[1] not in taken), scored[0])
    main = _longest_covering(main, scored, df)
    return main[2][:1].upper() + main[2][1:], terms, main[1]


def _longest_covering(main: Scored, scored: list[Scored], df: Counter[str]) -> Scored:
    """A longer phrase holding the main words (« tirage » → « tirage au sort ») when it is about as frequent."""
    best = main
    for candidate in scored:
        key = candidate[1]
        frequent = df[key] >= max(2, 0.6 * df[main[1]])
        if len(key) > len(best[1]) and f" {main[1]} " in f" {key} " and frequent:
            best = candidate
    return best


def representative(rows: sparse.csr_matrix, profile: np.ndarray) -> np.ndarray:
    """Cosine between each row (sparse TF-IDF) and the theme's term profile."""
    norms = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
    unit = profile / (np.linalg.norm(profile) or 1.0)
    cosines: np.ndarray = np.divide(
        rows @ unit, norms, out=np.zeros(rows.shape[0], dtype=np.float64), where=norms > 0
    )
    return cosines


def distinct(order: list[int], signatures: list[tuple[str, ...]], limit: int) -> list[int]:
    """The first ``limit`` texts of ``order``, one per group of identical word sets."""
    picked: list[int] = []
    seen: set[tuple[str, ...]] = set()
    for i in order:
        if signatures[i] in seen:
            continue
        seen.add(signatures[i])
        picked.append(i)
        if len(picked) == limit:
            break
    return picked


def quotes(order: list[int], signatures: list[tuple[str, ...]]) -> list[int]:
    """The QUOTES_PER_THEME most representative texts of ``order`` (best first), one per group of duplicates."""
    return distinct(order, signatures, QUOTES_PER_THEME)


def summary(texts: list[str], score_sentences: Callable[[list[str]], np.ndarray]) -> str:
    """Two or three sentences taken from the most representative texts, each from a different answer."""
    sentences: list[str] = []
    owners: list[int] = []
    for owner, text in enumerate(texts):
        for sentence in _SENTENCE_END.split(text.strip()):
            low, high = SUMMARY_SENTENCE_CHARS
            if low <= len(sentence) <= high:
                sentences.append(sentence.strip())
                owners.append(owner)
    if not sentences:
        return ""
    scores = score_sentences(sentences)
    picked: list[str] = []
    used_owners: set[int] = set()
    used_words: list[set[str]] = []
    for i in np.argsort(-scores, kind="stable"):
        words = set(phrases.features(sentences[i]))
        if owners[i] in used_owners or any(len(words & w) > 0.7 * max(1, len(words)) for w in used_words):
            continue
        picked.append(sentences[i])
        used_owners.add(owners[i])
        used_words.append(words)
        if len(picked) == SUMMARY_SENTENCES:
            break
    return " ".join(_as_sentence(s) for s in picked)


def _as_sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."
