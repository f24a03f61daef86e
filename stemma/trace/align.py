"""Monotonic sentence alignment with 1-1, 1-2, 2-1 merges and skips, scored by a nearest-neighbour margin."""
from __future__ import annotations

import numpy as np

from stemma.model import AlignedPair

NEIGHBOURS = 4
# Cosine of unrelated sentences for the bundled e5 encoder (0.69-0.77 measured): the baseline when a side has
# too few sentences to measure its own neighbourhood.
UNRELATED_SIMILARITY = 0.78
MERGE_PENALTY = 0.03


def normalize(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.maximum(norms, 1e-9)


def merged(vectors: np.ndarray) -> np.ndarray:
    """Vectors of each pair of adjacent sentences, for 2-1 and 1-2 links."""
    if len(vectors) < 2:
        return np.zeros((0, vectors.shape[1]), dtype=vectors.dtype)
    return normalize(vectors[:-1] + vectors[1:])


def neighbourhood(similarity: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """Per sentence: the sum of its NEIGHBOURS+1 best similarities on the other side, and the smallest of them."""
    k = min(NEIGHBOURS + 1, similarity.shape[axis])
    top = -np.sort(-similarity, axis=axis)
    top = top[:k, :] if axis == 0 else top[:, :k]
    return top.sum(axis=axis), top.min(axis=axis)


def other_neighbours(similarity: np.ndarray, total: np.ndarray, smallest: np.ndarray, count: int, axis: int) -> np.ndarray:
    """Mean similarity of each sentence's best neighbours other than the pair itself, for every pair."""
    if axis == 1:
        total, smallest = total[:, None], smallest[:, None]
    else:
        total, smallest = total[None, :], smallest[None, :]
    if count <= 1:
        return np.full(similarity.shape, UNRELATED_SIMILARITY)
    own = np.where(similarity >= smallest, similarity, smallest)
    return (total - own) / (count - 1)


def margin_scores(similarity: np.ndarray) -> np.ndarray:
    """Ratio margin: a pair's similarity over how similar both sides are to their other best neighbours.

    Generic sentences ("He said it was time.") are close to many; a true translation pair stands out."""
    rows_total, rows_min = neighbourhood(similarity, 1)
    cols_total, cols_min = neighbourhood(similarity, 0)
    rows = other_neighbours(similarity, rows_total, rows_min, min(NEIGHBOURS + 1, similarity.shape[1]), 1)
    cols = other_neighbours(similarity, cols_total, cols_min, min(NEIGHBOURS + 1, similarity.shape[0]), 0)
    return similarity / np.maximum((rows + cols) / 2, 1e-6)


def align(query: np.ndarray, article: np.ndarray, threshold: float) -> list[AlignedPair]:
    """Best monotonic alignment: maximizes the sum of (margin - threshold) over links; weak links become skips."""
    n, m = len(query), len(article)
    if n == 0 or m == 0:
        return []
    sim11 = query @ article.T
    gain11 = margin_scores(sim11) - threshold
    sim21 = merged(query) @ article.T  # two query sentences -> one article sentence
    sim12 = query @ merged(article).T
    gain21 = (margin_scores(sim21) - threshold) * 1.5 - MERGE_PENALTY if n > 1 else None
    gain12 = (margin_scores(sim12) - threshold) * 1.5 - MERGE_PENALTY if m > 1 else None

    best = np.zeros((n + 1, m + 1))
    step = np.zeros((n + 1, m + 1), dtype=np.int8)  # 0 skip query, 1 skip article, 2: 1-1, 3: 2-1, 4: 1-2
    step[0, 1:] = 1
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            options = [best[i - 1, j], best[i, j - 1], best[i - 1, j - 1] + gain11[i - 1, j - 1]]
            options.append(best[i - 2, j - 1] + gain21[i - 2, j - 1] if i > 1 and gain21 is not None else -np.inf)
            options.append(best[i - 1, j - 2] + gain12[i - 1, j - 2] if j > 1 and gain12 is not None else -np.inf)
            choice = int(np.argmax(options))
            best[i, j], step[i, j] = options[choice], choice

    pairs: list[AlignedPair] = []
    i, j = n, m
    while i > 0 and j > 0:
        choice = step[i, j]
        if choice == 0:
            i -= 1
        elif choice == 1:
            j -= 1
        elif choice == 2:
            pairs.append(AlignedPair([i - 1], [j - 1], float(sim11[i - 1, j - 1])))
            i, j = i - 1, j - 1
        elif choice == 3:
            pairs.append(AlignedPair([i - 2, i - 1], [j - 1], float(sim21[i - 2, j - 1])))
            i, j = i - 2, j - 1
        else:
            pairs.append(AlignedPair([i - 1], [j - 2, j - 1], float(sim12[i - 1, j - 2])))
            i, j = i - 1, j - 2
    pairs.reverse()
    return pairs
