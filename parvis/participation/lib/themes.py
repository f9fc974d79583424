"""Automatic synthesis of open answers: TF-IDF + NMF themes, labels, quotes, breakdowns, duplicates."""

from __future__ import annotations

import math
import warnings
from collections import Counter
from dataclasses import dataclass, field

from parvis.core.lib import lazy
from parvis.participation.lib import duplicates
from parvis.participation.lib.textnorm import SurfaceForms, tokens

np = lazy.module("numpy")

QUOTES_PER_THEME = 3
QUOTE_MAX_CHARS = 400


@dataclass(frozen=True)
class Document:
    text: str
    ref: str = ""
    postcode: str = ""
    channel: str = ""


@dataclass
class Theme:
    label: str
    terms: list[str]
    members: list[int]
    quotes: list[int]
    by_postcode: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class Synthesis:
    themes: list[Theme]
    unclassified: list[int]
    duplicate_groups: list[list[int]]


def default_theme_count(n_documents: int) -> int:
    """About sqrt(n/5) themes, between 2 and 40 (100 answers → 4, 1,000 → 14, 8,000 and more → 40)."""
    return max(2, min(40, round(math.sqrt(n_documents / 5))))


def duplicate_groups(token_lists: list[list[str]], block_of: list[int] | None = None) -> list[list[int]]:
    """Duplicate and near-duplicate groups (see ``duplicates.groups``)."""
    return duplicates.groups(token_lists, block_of)


def _readable_label(terms: list[str]) -> str:
    label = " · ".join(terms[:3])
    return label[:1].upper() + label[1:]


def _pick_quotes(members: np.ndarray, score: np.ndarray, token_lists: list[list[str]]) -> list[int]:
    """Most representative members (highest ``score``, indexed like ``members``), one per duplicate group."""
    order = members[np.argsort(-score, kind="stable")]
    quotes, seen = [], set()
    for i in order:
        key = tuple(sorted(set(token_lists[i])))
        if key in seen:
            continue
        seen.add(key)
        quotes.append(int(i))
        if len(quotes) == QUOTES_PER_THEME:
            break
    return quotes


def synthesise(documents: list[Document], n_themes: int | None = None, seed: int = 0) -> Synthesis:
    """Discover themes in ``documents``; every document ends in exactly one theme or in ``unclassified``."""
    token_lists = [tokens(d.text) for d in documents]
    surface = SurfaceForms()
    for d in documents[:20_000]:
        surface.feed(d.text)
    useful = [i for i, t in enumerate(token_lists) if t]
    if len(useful) < 2:
        return Synthesis([], list(range(len(documents))), duplicate_groups(token_lists))
    k = min(n_themes or default_theme_count(len(useful)), len(useful))
    min_df, max_df = (2, 0.5) if len(useful) >= 50 else (1, 1.0)
    from sklearn.feature_extraction.text import TfidfVectorizer  # ~110 MB: only where a synthesis runs

    vectorizer = TfidfVectorizer(
        analyzer=lambda toks: toks,
        min_df=min_df,
        max_df=max_df,
        max_features=20_000,
        sublinear_tf=True,
        norm=None,
        dtype=np.float32,
    )
    try:
        x = vectorizer.fit_transform([token_lists[i] for i in useful])
    except ValueError:  # every word removed by min_df/max_df
        return Synthesis([], list(range(len(documents))), duplicate_groups(token_lists))
    k = min(k, x.shape[1])
    # Kullback-Leibler NMF on unnormalised TF-IDF: on the labelled corpus (bench/participation_quality.py)
    # it raised NMI from 0.57 (Frobenius, L2-normalised rows) to about 0.72 at the same cost.
    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning

    model = NMF(
        n_components=k,
        init="nndsvdar",
        beta_loss="kullback-leibler",
        solver="mu",
        max_iter=300,
        tol=1e-4,
        random_state=seed,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)  # tiny corpora: NMF's own error estimate may be NaN
        w = model.fit_transform(x)
    vocabulary = vectorizer.get_feature_names_out()
    row_sum = w.sum(axis=1)
    assigned = np.where(row_sum > 0, w.argmax(axis=1), -1)
    useful_arr = np.asarray(useful)
    unclassified = sorted(set(range(len(documents))) - set(useful_arr[assigned >= 0].tolist()))
    themes = []
    for t in range(k):
        local = np.flatnonzero(assigned == t)
        if local.size == 0:
            continue
        # Quote score: cosine between the member's words and the theme's term profile, so that the quotes
        # say what the label says.
        profile = model.components_[t] / (np.linalg.norm(model.components_[t]) or 1.0)
        rows = x[local]
        norms = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
        score = np.divide(rows @ profile, norms, out=np.zeros(local.size, dtype=np.float64), where=norms > 0)
        terms = [surface.readable(vocabulary[j]) for j in np.argsort(-model.components_[t])[:8]]
        members = useful_arr[local].tolist()
        quotes_local = _pick_quotes(local, score, [token_lists[i] for i in useful])
        themes.append(
            Theme(
                label=_readable_label(terms),
                terms=terms,
                members=members,
                quotes=[useful[i] for i in quotes_local],
                by_postcode=dict(Counter(documents[i].postcode or "inconnu" for i in members).most_common()),
                by_channel=dict(Counter(documents[i].channel or "inconnu" for i in members).most_common()),
            )
        )
    themes.sort(key=lambda th: th.size, reverse=True)
    block_of = [-1] * len(documents)
    for i, t in zip(useful, assigned.tolist(), strict=True):
        block_of[i] = t
    return Synthesis(themes, unclassified, duplicate_groups(token_lists, block_of))
