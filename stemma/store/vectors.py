"""ANN index over document vectors (usearch), derived from the vectors stored in SQLite and rebuilt from them."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from usearch.index import Index

DIM = 384


class VectorIndex:
    """Cosine ANN index keyed by article row number; the file is a cache of the SQLite vectors."""

    def __init__(self, path: Path, store) -> None:
        self.path = path
        self.dim = DIM
        self.index = Index(ndim=DIM, metric="cos", dtype="f16")
        self.dirty = False
        stored = store.db.execute("SELECT COUNT(*) FROM articles WHERE vector IS NOT NULL").fetchone()[0]
        if path.exists():
            try:
                self.index.load(str(path))
            except Exception:  # a torn or foreign file is only a cache: rebuild it
                self.index = Index(ndim=DIM, metric="cos", dtype="f16")
        if len(self.index) != stored:
            self.rebuild(store)

    def rebuild(self, store) -> None:
        self.index = Index(ndim=DIM, metric="cos", dtype="f16")
        keys, vectors = [], []
        for n, vector in store.stored_vectors():
            keys.append(n)
            vectors.append(vector)
        if keys:
            self.index.add(np.asarray(keys, dtype=np.uint64), np.vstack(vectors))
        self.dirty = True
        self.save()

    def add(self, n: int, vector: np.ndarray) -> None:
        self.index.add(n, np.asarray(vector, dtype=np.float32))
        self.dirty = True

    def save(self) -> None:
        if self.dirty:
            tmp = self.path.with_suffix(".tmp")
            self.index.save(str(tmp))
            tmp.replace(self.path)
            self.dirty = False

    def nearest(self, vector: np.ndarray, k: int) -> dict[int, float]:
        """Row number -> cosine similarity of the k nearest document vectors."""
        if len(self.index) == 0:
            return {}
        matches = self.index.search(np.asarray(vector, dtype=np.float32), min(k, len(self.index)))
        return {int(key): 1.0 - float(dist) for key, dist in zip(matches.keys, matches.distances)}
