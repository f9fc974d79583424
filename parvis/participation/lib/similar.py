"""Similar-proposal suggestions: a TF-IDF index over stems, cosine similarity, top matches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from parvis.core.lib import lazy
from parvis.participation.lib.textnorm import tokens

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy.module("numpy")


class SimilarityIndex:
    """Built once over (key, text) pairs; ``query`` returns the keys of the closest texts with their score."""

    def __init__(self, items: list[tuple[object, str]]) -> None:
        self.keys = [k for k, _ in items]
        from sklearn.feature_extraction.text import TfidfVectorizer  # ~110 MB: imported on first use

        self._vectorizer = TfidfVectorizer(analyzer=lambda toks: toks, sublinear_tf=True, dtype=np.float32)
        token_lists = [tokens(text) for _, text in items]
        if any(token_lists):
            self._matrix = self._vectorizer.fit_transform(token_lists).tocsc()
        else:
            self._matrix = None

    def __len__(self) -> int:
        return len(self.keys)

    def query(self, text: str, limit: int = 5, min_score: float = 0.2) -> list[tuple[object, float]]:
        toks = tokens(text)
        if self._matrix is None or not toks:
            return []
        q = self._vectorizer.transform([toks])
        if q.nnz == 0:
            return []
        # Only the columns of the query's words matter: sum their weighted columns.
        cols = self._matrix[:, q.indices]
        scores = np.asarray(cols @ q.data).ravel()
        if limit < scores.size:
            top = np.argpartition(-scores, limit)[:limit]
        else:
            top = np.arange(scores.size)
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.keys[i], float(scores[i])) for i in top if scores[i] >= min_score]
