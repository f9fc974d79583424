"""Near-duplicate contributions: same meaningful words, or almost (cosine of word sets >= 0.9)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from parvis.core.lib import lazy

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy.module("numpy")

THRESHOLD = 0.9
MAX_BLOCK = 2000  # distinct texts compared pairwise within one theme; larger themes keep exact groups only


def signature(tokens: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(tokens)))


def _similar_pairs(signatures: list[tuple[str, ...]]) -> np.ndarray:
    """Pairs (a, b), a < b, of signatures whose binary word vectors have a cosine >= THRESHOLD."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for r, sig in enumerate(signatures):
        for tok in sig:
            rows.append(r)
            cols.append(vocab.setdefault(tok, len(vocab)))
    from scipy.sparse import csr_matrix, diags  # imported on first use: scipy costs every process ~40 MB

    m = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(signatures), len(vocab)))
    m = diags(1.0 / np.sqrt(np.asarray(m.sum(axis=1)).ravel())) @ m
    sim = (m @ m.T).tocoo()
    keep = (sim.row < sim.col) & (sim.data >= THRESHOLD - 1e-6)
    return np.column_stack([sim.row[keep], sim.col[keep]])


def groups(token_lists: list[list[str]], block_of: list[int] | None = None) -> list[list[int]]:
    """Groups of at least two documents that are duplicates or near-duplicates, largest first.

    Documents with the same set of stems are always grouped; distinct sets are compared within the same
    block (the theme), so that the cost stays bounded on 100,000 answers.
    """
    members: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, toks in enumerate(token_lists):
        if toks:
            members[signature(toks)].append(i)
    sigs = list(members)
    parent = list(range(len(sigs)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    blocks: dict[int, list[int]] = defaultdict(list)
    for s, sig in enumerate(sigs):
        blocks[block_of[members[sig][0]] if block_of is not None else 0].append(s)
    for block in blocks.values():
        if 1 < len(block) <= MAX_BLOCK:
            for a, b in _similar_pairs([sigs[s] for s in block]):
                parent[find(block[a])] = find(block[b])
    merged: dict[int, list[int]] = defaultdict(list)
    for s, sig in enumerate(sigs):
        merged[find(s)].extend(members[sig])
    return sorted((sorted(g) for g in merged.values() if len(g) > 1), key=len, reverse=True)
