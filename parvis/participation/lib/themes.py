"""Automatic synthesis of open answers: themes (TF-IDF + NMF), readable labels, summaries, quotes, duplicates.

Answers are read with their question: when they answer several questions, the words of the question are added
to each answer's features (with a smaller weight), so that « Elle me semble déjà très bonne » joins the
answers to its own question rather than a random theme.
"""

from __future__ import annotations

import warnings
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from parvis.core.lib import lazy
from parvis.participation.lib import duplicates, labels, phrases, themecount
from parvis.translation import _

# scikit-learn and scipy cost every process about 110 MB: imported when a synthesis runs, not at start-up.
if TYPE_CHECKING:
    import numpy as np
    import scipy.sparse as sparse
    import sklearn.decomposition as sk_decomposition
    import sklearn.exceptions as sk_exceptions
    import sklearn.feature_extraction.text as sk_text
    import sklearn.preprocessing as sk_preprocessing
else:
    sparse = lazy.module("scipy.sparse")
    sk_decomposition = lazy.module("sklearn.decomposition")
    sk_exceptions = lazy.module("sklearn.exceptions")
    sk_preprocessing = lazy.module("sklearn.preprocessing")
    sk_text = lazy.module("sklearn.feature_extraction.text")
    np = lazy.module("numpy")

QUOTE_MAX_CHARS = 400
QUESTION_WEIGHT = 0.35
MAX_VOCABULARY = 20_000
BACKGROUND_SAMPLE = 2000
INIT_SAMPLE = 2000


@dataclass(frozen=True)
class Document:
    text: str
    ref: str = ""
    postcode: str = ""
    channel: str = ""
    question: str = ""


@dataclass
class Theme:
    label: str
    terms: list[str]
    members: list[int]
    quotes: list[int]
    summary: str = ""
    by_postcode: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    by_question: dict[str, int] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class Synthesis:
    themes: list[Theme]
    unclassified: list[int]
    duplicate_groups: list[list[int]]
    stability: dict[int, float] = field(default_factory=dict)  # number of themes → stability, when chosen
    notices: list[str] = field(default_factory=list)  # what a person should know about the input, in French


def _initial(x: sparse.csr_matrix, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Theme profiles to start from: k typical and mutually distant answers, then one assignment step.

    Deterministic (no random draw), so that adding a few answers leaves the seeds, hence the themes and their
    labels, in place; and cheaper than NNDSVD, whose randomized SVD dominated the time on 100,000 answers."""
    sample = x[:: max(1, x.shape[0] // INIT_SAMPLE)]
    typical = np.asarray(sample @ np.asarray(sample.mean(axis=0)).ravel()).ravel()
    seeds = [int(np.argmax(typical))]
    distance = 1.0 - np.asarray((sample @ sample[seeds[0]].T).todense()).ravel()
    while len(seeds) < k:
        seeds.append(int(np.argmax(np.clip(distance, 0, None) ** 2 * typical)))
        distance = np.minimum(distance, 1.0 - np.asarray((sample @ sample[seeds[-1]].T).todense()).ravel())
    nearest = np.asarray((sample @ sample[seeds].T).todense()).argmax(axis=1)
    h = np.vstack([np.asarray(sample[nearest == t].mean(axis=0)).ravel() for t in range(k)])
    h = np.where(np.isfinite(h), h, 0.0) + 1e-6
    w = np.asarray(x @ h.T) / (h * h).sum(axis=1)
    return np.clip(w, 1e-6, None), h


def _nmf(x: sparse.csr_matrix, k: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(document weights, theme profiles). Coordinate descent stops early once the fit barely improves."""
    w, h = _initial(x, k)
    model = sk_decomposition.NMF(
        n_components=k, init="custom", solver="cd", max_iter=150, tol=1e-3, random_state=seed
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sk_exceptions.ConvergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)  # tiny corpora: NMF's own error estimate may be NaN
        return model.fit_transform(x, W=w, H=h), model.components_


def _assign(x: sparse.csr_matrix, k: int, seed: int = 0) -> np.ndarray:
    w, _ = _nmf(x, k, seed)
    themes: np.ndarray = np.where(w.sum(axis=1) > 0, w.argmax(axis=1), -1)
    return themes


def _matrix(
    documents: list[Document], features: list[list[str]]
) -> tuple[sparse.csr_matrix, sk_text.TfidfVectorizer, int]:
    """(rows, vectorizer, answer columns): L2-normalised TF-IDF of each answer's words and phrases, followed,
    when answers reply to several questions, by columns for the words of the question, with a smaller weight."""
    n = len(features)
    vectorizer = sk_text.TfidfVectorizer(
        analyzer=lambda toks: toks,
        min_df=2 if n >= 50 else 1,
        max_features=MAX_VOCABULARY,
        sublinear_tf=True,
        dtype=np.float64,
    )
    x = sk_preprocessing.normalize(vectorizer.fit_transform(features))
    answer_columns = x.shape[1]
    questions = sorted({d.question for d in documents if d.question})
    if len(questions) > 1:
        q = sk_preprocessing.normalize(
            sk_text.TfidfVectorizer(analyzer=lambda toks: toks, dtype=np.float64).fit_transform(
                [phrases.features(text) for text in questions]
            )
        )
        index = {text: i for i, text in enumerate(questions)}
        rows = [index.get(d.question, -1) for d in documents]
        picked = q[[max(r, 0) for r in rows]].multiply(np.asarray([[r >= 0] for r in rows], dtype=np.float64))
        x = sk_preprocessing.normalize(
            sparse.hstack([x, QUESTION_WEIGHT * sparse.csr_matrix(picked)]).tocsr()
        )
    return x, vectorizer, answer_columns


def synthesise(documents: list[Document], n_themes: int | None = None, seed: int = 0) -> Synthesis:
    """Discover themes in ``documents``; every document ends in exactly one theme or in ``unclassified``."""
    features = [phrases.features(d.text) for d in documents]
    signatures = [duplicates.signature(f) for f in features]
    # An answer without a meaningful word (« Elle me semble déjà très bonne ») is still placed by its question
    # when answers reply to several questions.
    by_question = len({d.question for d in documents if d.question}) > 1
    useful = np.asarray(
        [
            i
            for i, (f, d) in enumerate(zip(features, documents, strict=True))
            if f or (by_question and d.question and d.text.strip())
        ],
        dtype=np.int64,
    )
    distinct = len({signatures[i] for i in useful})
    notices = _notices(len(documents), useful.size, distinct)
    if useful.size < 2:
        return Synthesis([], list(range(len(documents))), duplicates.groups(features), notices=notices)
    x, vectorizer, answer_columns = _matrix([documents[i] for i in useful], [features[i] for i in useful])
    stability: dict[int, float] = {}
    if distinct == 1:
        k = 1
    elif n_themes is None:
        k, stability = themecount.choose(x, _assign, seed)
    else:
        k = n_themes
    k = max(1, min(k, distinct, answer_columns))
    w, profiles = _nmf(x, k, seed)
    assigned = np.where(w.sum(axis=1) > 0, w.argmax(axis=1), -1)
    themes = _themes(documents, useful, x, vectorizer, assigned, profiles[:, :answer_columns], signatures)
    classified = set(useful[assigned >= 0].tolist())
    unclassified = [i for i in range(len(documents)) if i not in classified]
    block_of = [-1] * len(documents)
    for i, t in zip(useful.tolist(), assigned.tolist(), strict=True):
        block_of[i] = t
    return Synthesis(themes, unclassified, duplicates.groups(features, block_of), stability, notices)


def _notices(total: int, useful: int, distinct: int) -> list[str]:
    if useful == 0:
        return [_("Aucune réponse à analyser : les réponses sont vides ou sans mot porteur de sens.")]
    if useful == 1:
        return [_("Une seule réponse a du contenu : il en faut au moins deux pour dégager des thèmes.")]
    notices = []
    if distinct == 1:
        notices.append(
            _("Les %(n)s réponses disent toutes la même chose : elles forment un seul thème.") % {"n": useful}
        )
    if useful < total:
        notices.append(
            _("Réponses vides ou sans mot porteur de sens, laissées sans thème : %(n)s.")
            % {"n": total - useful}
        )
    return notices


def _themes(
    documents: list[Document],
    useful: np.ndarray,
    x: sparse.csr_matrix,
    vectorizer: sk_text.TfidfVectorizer,
    assigned: np.ndarray,
    profiles: np.ndarray,
    signatures: list[tuple[str, ...]],
) -> list[Theme]:
    rng = np.random.default_rng(0)
    sample = (
        useful if useful.size <= BACKGROUND_SAMPLE else rng.choice(useful, BACKGROUND_SAMPLE, replace=False)
    )
    background = labels.Background([documents[i].text for i in sample])
    built: list[Theme] = []
    taken: set[str] = set()
    order = sorted(range(profiles.shape[0]), key=lambda t: -int((assigned == t).sum()))
    for t in order:
        local = np.flatnonzero(assigned == t)
        if local.size == 0:
            continue
        score = labels.representative(x[local][:, : profiles.shape[1]], profiles[t])
        ranked = local[np.argsort(-score, kind="stable")]
        members = useful[ranked]
        texts = [documents[i].text for i in members[: labels.LABEL_SAMPLE]]
        name, terms, key = labels.label(texts, background, taken, _asked(documents, members))
        taken.add(key)
        summary = labels.summary(texts[:30], partial(_sentence_scores, vectorizer, profiles[t]))
        built.append(
            Theme(
                label=name or texts[0][:60],
                terms=terms,
                members=sorted(members.tolist()),
                quotes=labels.quotes(members.tolist(), signatures),
                summary=summary,
                by_postcode=_count(documents, members, "postcode"),
                by_channel=_count(documents, members, "channel"),
                by_question=_count(documents, members, "question"),
            )
        )
    return built


def _sentence_scores(
    vectorizer: sk_text.TfidfVectorizer, profile: np.ndarray, sentences: list[str]
) -> np.ndarray:
    return labels.representative(vectorizer.transform([phrases.features(s) for s in sentences]), profile)


def _asked(documents: list[Document], members: np.ndarray) -> frozenset[str]:
    """Stems of the questions that at least a quarter of the theme's answers reply to."""
    questions = Counter(documents[i].question for i in members)
    common = [q for q, n in questions.items() if q and n >= 0.25 * len(members)]
    return frozenset(stem for q in common for stem in phrases.features(q) if " " not in stem)


def _count(documents: list[Document], members: np.ndarray, attribute: str) -> dict[str, int]:
    return dict(Counter(getattr(documents[i], attribute) or "inconnu" for i in members).most_common())
