"""The index paths that scale: bulk loading equals one-by-one adds, k-means cells find what exact search finds,
a lost vector folder is rebuilt, a version-1 index gets its LSH buckets recomputed."""
from __future__ import annotations

import numpy as np

import stemma.store.vectors as vectors_module
from stemma.model import Anchor, Article
from stemma.store import Store
from stemma.store.db import SCHEMA_VERSION


def article(number: int, rng: np.random.Generator) -> Article:
    keys = [f"name{number % 7}", f"{1000 + number}", f"town{number % 3}"]
    return Article(id=f"a{number}", url=f"https://x.example/{number}", site="x.example", lang="en",
                   text=f"Story {number}.", sentences=[f"Story {number}."], paragraph_of=[0],
                   anchors=[Anchor("entity", k, k, 0) for k in keys],
                   minhash=rng.integers(0, 2**32, 128).tolist())


def clustered_vectors(count: int, rng: np.random.Generator) -> np.ndarray:
    centres = rng.standard_normal((40, vectors_module.DIM))
    return centres[rng.integers(0, 40, count)] + 0.5 * rng.standard_normal((count, vectors_module.DIM))


def test_bulk_load_stores_the_same_rows_as_adding_one_by_one(tmp_path):
    rng = np.random.default_rng(1)
    items = [(article(i, rng), rng.standard_normal(vectors_module.DIM)) for i in range(30)]
    one, bulk = Store(tmp_path / "one"), Store(tmp_path / "bulk")
    for a, v in items:
        one.add(a, v)
    one.commit()
    assert bulk.add_many(items) == 30
    for table in ("fingerprint", "lsh", "anchors"):
        assert sorted(one.db.execute(f"SELECT * FROM {table}")) == sorted(bulk.db.execute(f"SELECT * FROM {table}"))
    assert bulk.lsh_candidates(items[4][0].minhash) == {5: 32}
    assert list(bulk.vectors.nearest(items[9][1], 1)) == [10]


def test_cells_find_the_exact_nearest_vector(tmp_path, monkeypatch):
    monkeypatch.setattr(vectors_module, "FLAT_LIMIT", 500)
    rng = np.random.default_rng(2)
    data = clustered_vectors(4000, rng)
    store = Store(tmp_path / "index")
    store.vectors.add_many(np.arange(1, 4001), data)
    store.vectors.save()
    assert len(store.vectors.centroids) > 1  # clustered, not flat
    unit = data / np.linalg.norm(data, axis=1, keepdims=True)
    hits = 0
    for row in rng.integers(0, 4000, 100):
        query = data[row] + 0.2 * rng.standard_normal(vectors_module.DIM)
        exact = int(np.argmax(unit @ (query / np.linalg.norm(query)))) + 1
        hits += max(store.vectors.nearest(query, 5), key=store.vectors.nearest(query, 5).get) == exact
    assert hits >= 95


def test_lost_vector_folder_is_rebuilt_from_sqlite(tmp_path):
    rng = np.random.default_rng(3)
    store = Store(tmp_path / "index")
    items = [(article(i, rng), rng.standard_normal(vectors_module.DIM)) for i in range(20)]
    store.add_many(items)
    store.close()
    (tmp_path / "index" / "vectors" / "meta.json").write_text("torn")
    reopened = Store(tmp_path / "index")
    nearest = reopened.vectors.nearest(items[3][1], 1)
    assert list(nearest) == [4] and nearest[4] > 0.99


def test_version_1_index_gets_new_lsh_buckets(tmp_path):
    rng = np.random.default_rng(4)
    store = Store(tmp_path / "index")
    first = article(0, rng)
    store.add(first, None)
    store.db.execute("DELETE FROM lsh")
    store.db.execute("UPDATE meta SET value='1' WHERE key='schema'")
    store.close()
    reopened = Store(tmp_path / "index")
    assert reopened.lsh_candidates(first.minhash) == {1: 32}
    assert reopened.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()[0] == str(SCHEMA_VERSION)
