"""Automatic synthesis of open answers: themes (TF-IDF, LSA, spherical k-means), readable labels, summaries,
quotes, duplicates.

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
    import sklearn.cluster as sk_cluster
    import sklearn.decomposition as sk_decomposition
    import sklearn.exceptions as sk_exceptions
    import sklearn.feature_extraction.text as sk_text
    import sklearn.preprocessing as sk_preprocessing
else:
    sparse = lazy.module("scipy.sparse")
    sk_cluster = lazy.module("sklearn.cluster")
    sk_decomposition = lazy.module("sklearn.decomposition")
    sk_exceptions = lazy.module("sklearn.exceptions")
    sk_preprocessing = lazy.module("sklearn.preprocessing")
    sk_text = lazy.module("sklearn.feature_extraction.text")
    np = lazy.module("numpy")

QUOTE_MAX_CHARS = 400
QUESTION_WEIGHT = 0.35
MAX_VOCABULARY = 20_000
BACKGROUND_SAMPLE = 2000
LSA_DIMS = (30, 100)  # number of latent dimensions: one per 20 answers, within these bounds
SVD_SAMPLE = 20_000
WARD_SAMPLE = 2000


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


def _vectors(x: sparse.csr_matrix, seed: int = 0) -> np.ndarray:
    """Latent semantic vectors (LSA): the TF-IDF rows projected on their main SVD directions, L2-normalised.

    Words that answer the same way (« impôt », « taxe », « fiscalité ») meet in the same directions, so that
    two answers sharing no word can still be close. The directions are computed on a sample (at most
    SVD_SAMPLE rows), then every row is projected: the cost grows with the number of answers only linearly."""
    n, columns = x.shape
    dims = int(min(LSA_DIMS[1], max(LSA_DIMS[0], n // 20), n - 1, columns - 1))
    if dims < 1:
        dense: np.ndarray = sk_preprocessing.normalize(np.asarray(x.todense()))
        return dense
    sample = x[:: max(1, n // SVD_SAMPLE)]
    svd = sk_decomposition.TruncatedSVD(dims, algorithm="randomized", n_iter=5, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # tiny corpora: explained variance ratio 0 / 0
        svd.fit(sample)
    vectors: np.ndarray = sk_preprocessing.normalize(np.asarray(x @ svd.components_.T))
    return vectors


def _seeds(z: np.ndarray, k: int) -> np.ndarray:
    """k starting centres: the groups of a Ward hierarchical clustering of a sample (at most WARD_SAMPLE rows).

    Deterministic (no random draw), so that adding a few answers leaves the centres, hence the themes and their
    labels, in place; and better starts than k-means++ on real answers (docs/benchmarks.md)."""
    sample = z[:: -(-z.shape[0] // WARD_SAMPLE)]  # every n-th row, at most WARD_SAMPLE
    groups = sk_cluster.AgglomerativeClustering(k, linkage="ward").fit_predict(sample)
    return np.vstack([sample[groups == t].mean(axis=0) for t in range(k)])


def _kmeans(z: np.ndarray, k: int, seed: int = 0) -> np.ndarray:
    """Spherical k-means (rows are unit vectors) from the centres of a hierarchical clustering of a sample."""
    k = max(1, min(k, z.shape[0]))
    if k == 1:
        return np.zeros(z.shape[0], dtype=np.int64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sk_exceptions.ConvergenceWarning)  # fewer distinct rows than themes
        model = sk_cluster.KMeans(k, init=_seeds(z, k), n_init=1, max_iter=100, random_state=seed)
        themes: np.ndarray = model.fit_predict(z)
        return themes


def _assign(x: np.ndarray, k: int, seed: int = 0) -> np.ndarray:
    """Themes of the rows of ``x`` (LSA vectors), for the stability of each number of themes."""
    return _kmeans(x, k, seed)


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
    # Rows left without any feature (every word of the answer too rare to count) stay unclassified.
    kept = np.flatnonzero(np.diff(x.indptr) > 0)
    z = _vectors(x[kept], seed)
    stability: dict[int, float] = {}
    if distinct == 1:
        k = 1
    elif n_themes is None:
        k, stability = themecount.choose(z, _assign, seed)
    else:
        k = n_themes
    k = max(1, min(k, distinct, kept.size))
    assigned = np.full(x.shape[0], -1, dtype=np.int64)
    assigned[kept] = _kmeans(z, k, seed)
    profiles = _profiles(x[:, :answer_columns], assigned)
    themes = _themes(documents, useful, x, vectorizer, assigned, profiles, signatures)
    classified = set(useful[assigned >= 0].tolist())
    unclassified = [i for i in range(len(documents)) if i not in classified]
    block_of = [-1] * len(documents)
    for i, t in zip(useful.tolist(), assigned.tolist(), strict=True):
        block_of[i] = t
    return Synthesis(themes, unclassified, duplicates.groups(features, block_of), stability, notices)


def _profiles(x: sparse.csr_matrix, assigned: np.ndarray) -> np.ndarray:
    """Each theme's mean TF-IDF row (its words' weights), to rank its answers and sentences."""
    k = int(assigned.max()) + 1 if assigned.size else 0
    rows = np.flatnonzero(assigned >= 0)
    members = sparse.csr_matrix((np.ones(rows.size), (assigned[rows], rows)), shape=(k, assigned.size))
    sizes = np.maximum(np.asarray(members.sum(axis=1)).ravel(), 1)
    return np.asarray((members @ x).todense()) / sizes[:, None]


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
        # The label reads answers spread evenly over the theme's ranking: the few most central answers of a
        # large theme, or one answer given many times, would otherwise name it alone.
        spread = [documents[members[j]].text for j in _evenly(members.size, labels.LABEL_SAMPLE)]
        name, terms, key = labels.label(spread, background, taken, _asked(documents, members))
        taken.add(key)
        distinct = labels.distinct(members.tolist(), signatures, labels.SUMMARY_SAMPLE)
        texts = [documents[i].text for i in distinct]
        summary = labels.summary(texts, partial(_sentence_scores, vectorizer, profiles[t]))
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


def _evenly(n: int, at_most: int) -> list[int]:
    """``at_most`` positions spread evenly over ``range(n)`` (all of them when n is smaller), first included."""
    if n <= at_most:
        return list(range(n))
    return [n * j // at_most for j in range(at_most)]  # n > at_most: strictly increasing


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
