"""SQLite store: articles, anchors, fingerprint, LSH buckets, vectors; one transaction per batch."""
from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

import numpy as np

from stemma.model import Anchor, Article, Boilerplate
from stemma.store.lsh import band_keys

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
    n INTEGER PRIMARY KEY,
    id TEXT UNIQUE NOT NULL,
    url TEXT, site TEXT, title TEXT, author TEXT, published_at TEXT,
    lang TEXT, script TEXT, text TEXT,
    sentences TEXT, paragraph_of TEXT, boilerplate TEXT, lang_shares TEXT,
    minhash BLOB, vector BLOB, added_at TEXT DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS articles_site ON articles(site);
CREATE TABLE IF NOT EXISTS anchors (n INTEGER, kind TEXT, text TEXT, key TEXT, sentence INTEGER, caption INTEGER);
CREATE INDEX IF NOT EXISTS anchors_n ON anchors(n);
CREATE TABLE IF NOT EXISTS fingerprint (key TEXT, n INTEGER, weight REAL, PRIMARY KEY (key, n)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS lsh (bucket INTEGER, n INTEGER, PRIMARY KEY (bucket, n)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sentence_vectors (n INTEGER PRIMARY KEY, vectors BLOB);
"""
# Kinds of anchor that identify a story; years and small numbers recur everywhere and only add noise.
FINGERPRINT_KINDS = {"entity": 1.0, "number": 1.0, "date": 1.5, "money": 1.5, "percent": 1.0, "quote": 1.0, "url": 1.0}


class StoreError(Exception):
    """The index folder cannot be used (not writable, not a stemma index, newer schema)."""


def fingerprint(anchors: Iterable[Anchor]) -> dict[str, float]:
    """Weighted anchor keys of one article: the cross-language candidate signal."""
    weights: dict[str, float] = {}
    for anchor in anchors:
        weight = FINGERPRINT_KINDS.get(anchor.kind)
        if weight is None or len(anchor.key) < 2 or (anchor.kind == "number" and len(anchor.key) < 3):
            continue
        key = f"{anchor.kind}:{anchor.key}"
        weights[key] = max(weights.get(key, 0.0), weight)
    return weights


def to_blob(vector: np.ndarray | None) -> bytes | None:
    return None if vector is None else np.asarray(vector, dtype=np.float32).tobytes()


def from_blob(blob: bytes | None, dim: int | None = None) -> np.ndarray | None:
    if blob is None:
        return None
    array = np.frombuffer(blob, dtype=np.float32)
    return array.reshape(-1, dim) if dim else array


class Store:
    """One index directory: index.sqlite (truth) plus derived files (vectors.usearch)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.folder / "index.sqlite", timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as err:
            raise StoreError(f"{self.folder}: cannot open index ({err})") from err
        version = self.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if version is None:
            self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            self.db.commit()
        elif int(version[0]) > SCHEMA_VERSION:
            raise StoreError(f"{self.folder}: index schema {version[0]} is newer than this stemma ({SCHEMA_VERSION})")
        self._vectors = None

    # ---- writing -------------------------------------------------------------------------
    def has(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone() is not None

    def add(self, article: Article, vector: np.ndarray | None) -> int | None:
        """Insert one article with its derived rows; returns its row number, or None if already indexed."""
        vectors = self.vectors  # opened (and reconciled with SQLite) before this row exists
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO articles (id, url, site, title, author, published_at, lang, script, text, "
            "sentences, paragraph_of, boilerplate, lang_shares, minhash, vector) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (article.id, article.url, article.site, article.title, article.author, article.published_at,
             article.lang, article.script, article.text, json.dumps(article.sentences, ensure_ascii=False),
             json.dumps(article.paragraph_of), json.dumps([asdict(b) for b in article.boilerplate], ensure_ascii=False),
             json.dumps(article.lang_shares), np.asarray(article.minhash, dtype=np.uint32).tobytes(), to_blob(vector)))
        if cursor.rowcount == 0:
            return None
        n = cursor.lastrowid
        self.db.executemany("INSERT INTO anchors VALUES (?,?,?,?,?,?)",
                            [(n, a.kind, a.text, a.key, a.sentence, int(a.caption)) for a in article.anchors])
        self.db.executemany("INSERT OR IGNORE INTO fingerprint VALUES (?,?,?)",
                            [(key, n, w) for key, w in fingerprint(article.anchors).items()])
        self.db.executemany("INSERT OR IGNORE INTO lsh VALUES (?,?)", [(b, n) for b in band_keys(article.minhash)])
        if vector is not None:
            vectors.add(n, vector)
        return n

    def commit(self) -> None:
        self.db.commit()
        if self._vectors is not None:
            self._vectors.save()

    def close(self) -> None:
        self.commit()
        self.db.close()

    # ---- reading -------------------------------------------------------------------------
    @property
    def vectors(self):
        if self._vectors is None:
            from stemma.store.vectors import VectorIndex

            self._vectors = VectorIndex(self.folder / "vectors.usearch", self)
        return self._vectors

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def article(self, n: int) -> Article | None:
        row = self.db.execute(
            "SELECT id, url, site, title, author, published_at, lang, script, text, sentences, paragraph_of, "
            "boilerplate, lang_shares, minhash FROM articles WHERE n=?", (n,)).fetchone()
        if row is None:
            return None
        anchors = [Anchor(kind, text, key, sentence, bool(caption)) for kind, text, key, sentence, caption in
                   self.db.execute("SELECT kind, text, key, sentence, caption FROM anchors WHERE n=?", (n,))]
        return Article(
            id=row[0], url=row[1], site=row[2], title=row[3] or "", author=row[4] or "", published_at=row[5],
            lang=row[6], script=row[7], text=row[8] or "", sentences=json.loads(row[9]), paragraph_of=json.loads(row[10]),
            boilerplate=[Boilerplate(**b) for b in json.loads(row[11])], anchors=anchors,
            lang_shares=json.loads(row[12]), minhash=np.frombuffer(row[13], dtype=np.uint32).tolist())

    def number_of(self, article_id: str) -> int | None:
        row = self.db.execute("SELECT n FROM articles WHERE id=?", (article_id,)).fetchone()
        return row[0] if row else None

    def stored_vectors(self) -> Iterator[tuple[int, np.ndarray]]:
        for n, blob in self.db.execute("SELECT n, vector FROM articles WHERE vector IS NOT NULL ORDER BY n"):
            yield n, from_blob(blob)

    def lsh_candidates(self, signature: list[int]) -> dict[int, int]:
        """Articles sharing at least one LSH band with the signature, with the number of shared bands."""
        keys = band_keys(signature)
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        return dict(self.db.execute(
            f"SELECT n, COUNT(*) FROM lsh WHERE bucket IN ({marks}) GROUP BY n", keys).fetchall())

    def anchor_candidates(self, weights: dict[str, float], limit: int) -> dict[int, float]:
        """Articles sharing weighted anchor keys, scored by the sum of weight x IDF of what they share."""
        if not weights:
            return {}
        total = max(self.count(), 1)
        keys = list(weights)
        marks = ",".join("?" * len(keys))
        frequency = dict(self.db.execute(
            f"SELECT key, COUNT(*) FROM fingerprint WHERE key IN ({marks}) GROUP BY key", keys).fetchall())
        # Keys on a large share of the index (a country, a common number) identify nothing: skip them.
        useful = {k: weights[k] * math.log(1 + total / f) for k, f in frequency.items() if f <= max(50, total * 0.05)}
        if not useful:
            return {}
        marks = ",".join("?" * len(useful))
        scores: dict[int, float] = {}
        for key, n in self.db.execute(f"SELECT key, n FROM fingerprint WHERE key IN ({marks})", list(useful)):
            scores[n] = scores.get(n, 0.0) + useful[key]
        return dict(sorted(scores.items(), key=lambda item: -item[1])[:limit])

    def sentence_vectors(self, n: int) -> np.ndarray | None:
        row = self.db.execute("SELECT vectors FROM sentence_vectors WHERE n=?", (n,)).fetchone()
        return None if row is None else from_blob(row[0], self.vectors.dim)

    def cache_sentence_vectors(self, n: int, vectors: np.ndarray) -> None:
        self.db.execute("INSERT OR REPLACE INTO sentence_vectors VALUES (?, ?)", (n, to_blob(vectors)))

    def summary(self) -> dict[str, list[tuple[str, int]]]:
        def grouped(sql: str) -> list[tuple[str, int]]:
            return [(str(k), c) for k, c in self.db.execute(sql)]

        return {
            "language": grouped("SELECT lang || '-' || script, COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"),
            "site": grouped("SELECT COALESCE(NULLIF(site, ''), '(no site)'), COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"),
        }
