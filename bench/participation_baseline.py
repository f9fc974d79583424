"""Reference method for theme quality: plain French TF-IDF + NMF (what a data scientist would try first).

Accents stripped, a standard French stop-word list (the NLTK list), words of two letters or more, TF-IDF with
l2-normalised rows, Frobenius NMF (nndsvda init), each text in the theme of its largest weight.
Used by bench/participation_annotated.py to score Parvis against it on the same texts, k and seeds.
"""

import unicodedata
import warnings

import numpy as np
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer

NLTK_FRENCH_STOP_WORDS = """
au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me même mes moi mon ne nos
notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l à m
n s t y été étée étées étés étant étante étants étantes suis es est sommes êtes sont serai seras sera serons serez
seront serais serait serions seriez seraient étais était étions étiez étaient fus fut fûmes fûtes furent sois soit
soyons soyez soient fusse fusses fût fussions fussiez fussent ayant ayante ayantes ayants eu eue eues eus ai as
avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient avais avait avions aviez
avaient eut eûmes eûtes eurent aie aies ait ayons ayez aient eusse eusses eût eussions eussiez eussent
""".split()


def _strip(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


STOP_WORDS = sorted({_strip(w) for w in NLTK_FRENCH_STOP_WORDS})


def baseline_labels(texts: list[str], k: int, seed: int = 0) -> list[int]:
    """Theme index of each text (-1 when the text has no word left)."""
    vectorizer = TfidfVectorizer(
        strip_accents="unicode", stop_words=STOP_WORDS, min_df=2 if len(texts) >= 50 else 1, max_df=0.95
    )
    x = vectorizer.fit_transform(texts)
    k = min(k, *x.shape)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        w = NMF(n_components=k, init="nndsvda", max_iter=400, random_state=seed).fit_transform(x)
    return np.where(w.sum(axis=1) > 0, w.argmax(axis=1), -1).tolist()
