"""How many themes to show: the number, among those a person can read (6 to 15), whose themes are most stable.

Stability: the themes found on two random halves-and-more (80 %) of a sample of answers are compared on the
answers both contain (normalised mutual information). A number of themes that cuts the answers the same way
whatever the sample reflects real groups; one that reshuffles them does not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from parvis.core.lib import lazy

if TYPE_CHECKING:
    import numpy as np
    import scipy.sparse as sparse
    import sklearn.metrics as sk_metrics
else:
    sk_metrics = lazy.module("sklearn.metrics")
    np = lazy.module("numpy")

READABLE = (6, 15)
SAMPLE = 1000
SHARE = 0.8
NEARLY = 0.9  # stability within 10 % of the best counts as stable: more themes then say more


# A clustering: (answers × words matrix, number of themes) -> theme of each answer.
Fit = Callable[["sparse.csr_matrix", int], "np.ndarray"]


def candidates(n_documents: int) -> range:
    """Numbers of themes worth trying: 6 to 15, fewer for small corpora (at least 3 answers per theme)."""
    high = max(2, min(READABLE[1], n_documents // 3))
    low = min(READABLE[0], high)
    return range(low, high + 1)


def stability(x: sparse.csr_matrix, k: int, fit: Fit, rng: np.random.Generator) -> float:
    n = x.shape[0]
    size = max(k + 1, int(SHARE * n))
    first, second = rng.choice(n, size, replace=False), rng.choice(n, size, replace=False)
    labels_first, labels_second = np.full(n, -1), np.full(n, -2)
    labels_first[first] = fit(x[first], k)
    labels_second[second] = fit(x[second], k)
    both = (labels_first >= 0) & (labels_second >= 0)
    if both.sum() <= 1:
        return 0.0
    return float(sk_metrics.normalized_mutual_info_score(labels_first[both], labels_second[both]))


def choose(x: sparse.csr_matrix, fit: Fit, seed: int = 0) -> tuple[int, dict[int, float]]:
    """(number of themes, stability of each candidate): the most themes among the nearly most stable."""
    rng = np.random.default_rng(seed)
    if x.shape[0] > SAMPLE:
        x = x[rng.choice(x.shape[0], SAMPLE, replace=False)]
    scores = {k: stability(x, k, fit, rng) for k in candidates(x.shape[0])}
    best = max(scores.values())
    return max(k for k, s in scores.items() if s >= NEARLY * best), scores
