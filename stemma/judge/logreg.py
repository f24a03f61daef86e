"""A small weighted logistic regression over sparse rows, in numpy only (no scikit-learn at run time)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class SparseRows:
    """Rows in CSR form: row r holds indices[indptr[r]:indptr[r+1]] with the matching values."""

    indptr: np.ndarray
    indices: np.ndarray
    values: np.ndarray
    dim: int

    @classmethod
    def stack(cls, rows: list[tuple[np.ndarray, np.ndarray]], dim: int) -> "SparseRows":
        lengths = np.array([len(i) for i, _ in rows], dtype=np.int64)
        indptr = np.concatenate([[0], np.cumsum(lengths)])
        indices = np.concatenate([i for i, _ in rows]) if rows else np.zeros(0, np.int64)
        values = np.concatenate([v for _, v in rows]).astype(np.float32) if rows else np.zeros(0, np.float32)
        return cls(indptr, indices.astype(np.int64), values, dim)

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def row_ids(self) -> np.ndarray:
        return np.repeat(np.arange(len(self)), np.diff(self.indptr))

    def dot(self, w: np.ndarray) -> np.ndarray:
        return np.bincount(self.row_ids(), weights=self.values * w[self.indices], minlength=len(self))


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def fit(x: SparseRows, y: np.ndarray, l2: float = 1e-4, epochs: int = 150, rate: float = 0.05,
        balance: bool = True) -> tuple[np.ndarray, float]:
    """Full-batch Adam on the class-balanced log loss plus an L2 penalty; deterministic (no sampling)."""
    y = y.astype(np.float64)
    weight = np.ones(len(y))
    if balance:  # human references are a minority in WMT; each class counts half
        for label in (0, 1):
            mask = y == label
            if mask.any():
                weight[mask] = 0.5 * len(y) / mask.sum()
    weight /= weight.sum()
    rows = x.row_ids()
    w = np.zeros(x.dim)
    b = 0.0
    m, v = np.zeros(x.dim), np.zeros(x.dim)
    mb = vb = 0.0
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for t in range(1, epochs + 1):
        z = np.bincount(rows, weights=x.values * w[x.indices], minlength=len(x)) + b
        err = (sigmoid(z) - y) * weight
        g = np.bincount(x.indices, weights=x.values * err[rows], minlength=x.dim) + l2 * w
        gb = err.sum()
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        mb = beta1 * mb + (1 - beta1) * gb
        vb = beta2 * vb + (1 - beta2) * gb * gb
        scale = rate * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
        w -= scale * m / (np.sqrt(v) + eps)
        b -= scale * mb / (np.sqrt(vb) + eps)
    return w, b


def roc_auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    labels = np.asarray(labels).astype(bool)
    scores = np.asarray(scores, dtype=np.float64)
    pos, neg = labels.sum(), (~labels).sum()
    if pos == 0 or neg == 0:
        return float("nan")
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    # average ranks over ties
    _, first, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    avg = first + (counts - 1) / 2.0 + 1
    ranks[order] = np.repeat(avg, counts)
    return float((ranks[labels].sum() - pos * (pos + 1) / 2) / (pos * neg))


def log_count_ratio(x: SparseRows, y: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """|log ratio| of how often each feature occurs in positive vs negative rows (the NB-SVM feature scaling):
    features that separate the classes get a larger scale, so the L2 penalty shrinks them less."""
    rows = x.row_ids()
    present = (x.values > 0).astype(np.float64)
    labels = y.astype(np.float64)[rows]
    pos = np.bincount(x.indices, weights=present * labels, minlength=x.dim) + alpha
    neg = np.bincount(x.indices, weights=present * (1 - labels), minlength=x.dim) + alpha
    return np.abs(np.log(pos / pos.sum()) - np.log(neg / neg.sum()))
