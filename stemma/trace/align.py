"""Monotonic sentence alignment with 1-1, 1-2, 2-1 merges and skips, scored by a nearest-neighbour margin."""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from stemma.embed import background_similarity
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


@dataclass(frozen=True)
class PairScores:
    """Similarities and margins of every 1-1, 2-1 and 1-2 pairing of two texts' sentences: they do not depend on the
    alignment threshold, so a strict and a lenient alignment share them."""
    sim11: np.ndarray
    sim21: np.ndarray
    sim12: np.ndarray
    margin11: np.ndarray
    margin21: np.ndarray | None
    margin12: np.ndarray | None


def pair_scores(query: np.ndarray, article: np.ndarray) -> PairScores:
    sim11 = query @ article.T
    sim21 = merged(query) @ article.T  # two query sentences -> one article sentence
    sim12 = query @ merged(article).T
    return PairScores(sim11, sim21, sim12, margin_scores(sim11),
                      margin_scores(sim21) if len(query) > 1 else None,
                      margin_scores(sim12) if len(article) > 1 else None)


def background_scores(scores: PairScores, query: np.ndarray, article: np.ndarray, query_lang: str,
                      article_lang: str) -> PairScores | None:
    """The same pairs with another margin: a pair's similarity minus how close its two sentences are to ordinary
    sentences of the other language (embed.background_similarity), for texts too short to be their own
    neighbourhood. None with an encoder that has no background."""
    query_background = background_similarity(query, article_lang)
    article_background = background_similarity(article, query_lang)
    if query_background is None or article_background is None:
        return None

    def specificity(similarity: np.ndarray, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        return similarity - (rows[:, None] + columns[None, :]) / 2

    return replace(
        scores, margin11=specificity(scores.sim11, query_background, article_background),
        margin21=specificity(scores.sim21, background_similarity(merged(query), article_lang), article_background)
        if len(query) > 1 else None,
        margin12=specificity(scores.sim12, query_background, background_similarity(merged(article), query_lang))
        if len(article) > 1 else None)


def align(query: np.ndarray, article: np.ndarray, threshold: float,
          scores: PairScores | None = None) -> list[AlignedPair]:
    """Best monotonic alignment: maximizes the sum of (margin - threshold) over links; weak links become skips."""
    n, m = len(query), len(article)
    if n == 0 or m == 0:
        return []
    scores = scores or pair_scores(query, article)
    # Plain Python lists: the loop reads single cells, which numpy serves an order of magnitude slower.
    gain11 = (scores.margin11 - threshold).tolist()
    gain21 = ((scores.margin21 - threshold) * 1.5 - MERGE_PENALTY).tolist() if scores.margin21 is not None else None
    gain12 = ((scores.margin12 - threshold) * 1.5 - MERGE_PENALTY).tolist() if scores.margin12 is not None else None

    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    step = [[1] * (m + 1) for _ in range(n + 1)]  # 0 skip query, 1 skip article, 2: 1-1, 3: 2-1, 4: 1-2
    for i in range(1, n + 1):
        row, above = best[i], best[i - 1]
        step[i][0] = 0
        for j in range(1, m + 1):
            # Ties keep the earlier option, in this order: skip query, skip article, 1-1, 2-1, 1-2.
            value, choice = above[j], 0
            if row[j - 1] > value:
                value, choice = row[j - 1], 1
            candidate = above[j - 1] + gain11[i - 1][j - 1]
            if candidate > value:
                value, choice = candidate, 2
            if i > 1 and gain21 is not None:
                candidate = best[i - 2][j - 1] + gain21[i - 2][j - 1]
                if candidate > value:
                    value, choice = candidate, 3
            if j > 1 and gain12 is not None:
                candidate = above[j - 2] + gain12[i - 1][j - 2]
                if candidate > value:
                    value, choice = candidate, 4
            row[j], step[i][j] = value, choice

    pairs: list[AlignedPair] = []
    i, j = n, m
    while i > 0 and j > 0:
        choice = step[i][j]
        if choice == 0:
            i -= 1
        elif choice == 1:
            j -= 1
        elif choice == 2:
            pairs.append(AlignedPair([i - 1], [j - 1], float(scores.sim11[i - 1, j - 1])))
            i, j = i - 1, j - 1
        elif choice == 3:
            pairs.append(AlignedPair([i - 2, i - 1], [j - 1], float(scores.sim21[i - 2, j - 1])))
            i, j = i - 2, j - 1
        else:
            pairs.append(AlignedPair([i - 1], [j - 2, j - 1], float(scores.sim12[i - 1, j - 2])))
            i, j = i - 1, j - 2
    pairs.reverse()
    return pairs
