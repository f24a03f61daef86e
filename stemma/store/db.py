"""SQLite store: articles, anchors, fingerprint, LSH buckets, vectors; one transaction per batch, bulk loading."""
from __future__ import annotations

import json
import math
import shutil
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

import numpy as np

from stemma.model import Anchor, Article, Boilerplate
from stemma.store.lsh import BANDS, ROWS, band_keys, band_matrix
from stemma.store.vectors import DIM, normalized
from stemma.text.fingerprint import fingerprint as text_fingerprint

# 2: LSH bucket keys from a vectorized hash; 3: document vectors centered on their language (embed.language_centered);
# 4: fingerprints of anchor and term keys, capped and unit length (stemma.text.fingerprint).
# An older index is brought up to date from what it stores.
SCHEMA_VERSION = 4
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
CREATE INDEX IF NOT EXISTS articles_vector ON articles(n) WHERE vector IS NOT NULL;
CREATE TABLE IF NOT EXISTS anchors (n INTEGER, kind TEXT, text TEXT, key TEXT, sentence INTEGER, caption INTEGER);
CREATE INDEX IF NOT EXISTS anchors_n ON anchors(n);
CREATE TABLE IF NOT EXISTS fingerprint (key TEXT, n INTEGER, weight REAL, PRIMARY KEY (key, n)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS lsh (bucket INTEGER, n INTEGER, PRIMARY KEY (bucket, n)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sentence_vectors (n INTEGER PRIMARY KEY, vectors BLOB);
CREATE TABLE IF NOT EXISTS language_offsets (lang TEXT PRIMARY KEY, seen INTEGER, fitted INTEGER, offsets BLOB);
"""
# A language without a mean of its own in the bundled model (most of NTREX's 128) is centered on the mean of all
# languages (embed.language_centered), and what is left of its own still sets its vectors apart: on WMT dev, with
# Chinese's mean withheld, a Chinese translation's original was among its 8 nearest leads for 0.40 of queries instead
# of 0.95. The index learns what is left from its own vectors of that language: once it holds LEARN_AT of them, their
# mean is taken out of them and of every later vector and query in that language (0.93; Japanese 0.85 -> 0.98, Czech
# 0.90 -> 1.00: bench/results/language_centering_dev.md, last table). It is learnt again, from the vectors as
# corrected, at LEARN_AT * LEARN_GROWTH and so on up to LEARN_LAST, so the first pages' own topics do not stay in it;
# each time the vector index is rebuilt from SQLite. Learning from 16 (then 128 and 1,024) did as well on average
# over the seven languages and worse on Chinese (0.90), whose 84 documents never reach a second step.
LEARN_AT = 32
LEARN_GROWTH = 8
LEARN_LAST = 2048
# A key shared by more than this share of the index (a country, a common number) identifies nothing: it is skipped.
COMMON_KEY_SHARE = 0.05
# Postings one query sums at most: a fingerprint has up to 64 keys, and at 1M articles their postings could add up to
# millions of rows. The query's most telling keys (largest weight) are taken first, the rest once this is spent; a
# key with more postings than the budget has left is skipped. This bounds the cost, so the share above stays the same
# at every size: an absolute cap of 5,000 postings (0.5 % of 1M) dropped keys at 1M that counted at 10k, and with them
# the source of 1 of 120 bench scale queries (bench scale at 10k: the source's anchor rank unchanged for all 40
# queries down to a budget of 5,000).
POSTINGS_BUDGET = 20_000
BULK_ROWS = 20_000  # articles per transaction when bulk loading


class StoreError(Exception):
    """The index folder cannot be used (not writable, not a stemma index, newer schema)."""


# Stored fingerprint weights are in thousandths: whole numbers, which SQLite writes in one or two bytes instead of
# eight (the table is a quarter smaller), and a score moves by about 0.001 of a cosine.
WEIGHT_SCALE = 1000


def fingerprint(article: Article) -> dict[str, float]:
    """The cross-language candidate signal of one article: its capped, unit-length key vector."""
    return text_fingerprint(article.anchors, article.sentences, article.lang)


def fingerprint_rows(n: int, anchors: list[Anchor], sentences: list[str], lang: str) -> list[tuple[str, int, float]]:
    """(key, n, weight in thousandths) rows of one article's fingerprint; a weight that rounds to nothing is left out."""
    rows = [(key, n, float(round(w * WEIGHT_SCALE))) for key, w in text_fingerprint(anchors, sentences, lang).items()]
    return [row for row in rows if row[2] > 0]


def to_blob(vector: np.ndarray | None) -> bytes | None:
    return None if vector is None else np.asarray(vector, dtype=np.float32).tobytes()


def from_blob(blob: bytes | None, dim: int | None = None) -> np.ndarray | None:
    if blob is None:
        return None
    array = np.frombuffer(blob, dtype=np.float32)
    return array.reshape(-1, dim) if dim else array


DB_FILE = "index.sqlite"


def index_exists(folder: str | Path) -> bool:
    return (Path(folder) / DB_FILE).exists()


class Store:
    """One index directory: index.sqlite (truth) plus the derived vector index (folder vectors/)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.folder / DB_FILE, timeout=30)
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
        else:
            if int(version[0]) < 2:
                self._rebucket()
            if int(version[0]) < 3:
                self._center_vectors()
            if int(version[0]) < 4:
                self._refingerprint()
        self._vectors = None
        self._count: tuple[int, int] | None = None  # (data_version, count): COUNT(*) scans an index of the whole table
        self._offsets = {lang: [seen, fitted, from_blob(blob, DIM) if blob else np.zeros((0, DIM), dtype=np.float32)]
                         for lang, seen, fitted, blob in self.db.execute("SELECT * FROM language_offsets")}
        self._touched: set[str] = set()  # languages whose count changed since the last commit

    def _rebucket(self) -> None:
        """LSH buckets are derived from the stored MinHash signatures: recompute them with this version's hash."""
        with self.db:
            self.db.execute("DELETE FROM lsh")
            for n, blob in self.db.execute("SELECT n, minhash FROM articles").fetchall():
                self.db.executemany("INSERT OR IGNORE INTO lsh VALUES (?,?)",
                                    [(b, n) for b in band_keys(np.frombuffer(blob, dtype=np.uint32).tolist())])
            self.db.execute("UPDATE meta SET value='2' WHERE key='schema'")

    def _center_vectors(self) -> None:
        """Stored vectors are unit encoder outputs: center each on its language, and let the vector index rebuild."""
        from stemma.embed import language_centered

        with self.db:
            rows = self.db.execute("SELECT n, lang, vector FROM articles WHERE vector IS NOT NULL").fetchall()
            self.db.executemany("UPDATE articles SET vector=? WHERE n=?",
                                [(to_blob(language_centered(from_blob(blob), lang)), n) for n, lang, blob in rows])
            self.db.execute("UPDATE meta SET value='3' WHERE key='schema'")
        shutil.rmtree(self.folder / "vectors", ignore_errors=True)

    def _refingerprint(self) -> None:
        """Fingerprints are derived from each article's stored anchors and sentences: derive them again with this
        version's keys, a slice of articles at a time so memory stays flat on a large index."""
        with self.db:
            self.db.execute("DELETE FROM fingerprint")
            last = 0
            while True:
                rows = self.db.execute("SELECT n, lang, sentences FROM articles WHERE n > ? ORDER BY n LIMIT ?",
                                       (last, BULK_ROWS)).fetchall()
                if not rows:
                    break
                anchors: dict[int, list[Anchor]] = {}
                for n, kind, text, key, sentence, caption in self.db.execute(
                        "SELECT n, kind, text, key, sentence, caption FROM anchors WHERE n BETWEEN ? AND ?",
                        (rows[0][0], rows[-1][0])):
                    anchors.setdefault(n, []).append(Anchor(kind, text, key, sentence, bool(caption)))
                prints = sorted(row for n, lang, sentences in rows
                                for row in fingerprint_rows(n, anchors.get(n, []), json.loads(sentences), lang))
                self.db.executemany("INSERT OR IGNORE INTO fingerprint VALUES (?,?,?)", prints)
                last = rows[-1][0]
            self.db.execute("UPDATE meta SET value=? WHERE key='schema'", (str(SCHEMA_VERSION),))

    # ---- writing -------------------------------------------------------------------------
    def has(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone() is not None

    def add(self, article: Article, vector: np.ndarray | None) -> int | None:
        """Insert one article with its derived rows; returns its row number, or None if already indexed."""
        vectors = self.vectors  # opened (and reconciled with SQLite) before this row exists
        vector = self.adjusted(vector, article.lang) if vector is not None else None
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
                            fingerprint_rows(n, article.anchors, article.sentences, article.lang))
        self.db.executemany("INSERT OR IGNORE INTO lsh VALUES (?,?)", [(b, n) for b in band_keys(article.minhash)])
        if vector is not None:
            vectors.add(n, vector)
            self._seen(article.lang, 1)
        return n

    def add_many(self, items: Iterable[tuple[Article, np.ndarray | None]]) -> int:
        """Bulk load: the rows of many articles inserted with executemany, BULK_ROWS articles per transaction, each
        table's rows sorted by key so the B-trees grow at a few pages; vectors go to the index at the end.
        Articles must be new (not yet indexed); returns how many were added."""
        vectors = self.vectors
        next_n = (self.db.execute("SELECT MAX(n) FROM articles").fetchone()[0] or 0) + 1
        added, keys, stacked = 0, [], []
        self.db.execute("PRAGMA cache_size=-262144")  # 256 MB of page cache while the B-trees grow
        batch: list[tuple[Article, np.ndarray | None]] = []
        for item in items:
            batch.append(item)
            if len(batch) == BULK_ROWS:
                added += self._insert_batch(batch, next_n + added, keys, stacked)
                batch = []
        if batch:
            added += self._insert_batch(batch, next_n + added, keys, stacked)
        if keys:
            vectors.add_many(np.asarray(keys, dtype=np.int64), np.vstack(stacked))
        self.commit()
        return added

    def _insert_batch(self, batch: list[tuple[Article, np.ndarray | None]], first: int, keys: list, stacked: list) -> int:
        articles, anchors, prints, signed = [], [], [], []
        langs: Counter = Counter()  # stored vectors per language
        for n, (article, vector) in enumerate(batch, first):
            if vector is not None:
                vector = self.adjusted(vector, article.lang)
                langs[article.lang] += 1
            articles.append((n, article.id, article.url, article.site, article.title, article.author,
                             article.published_at, article.lang, article.script, article.text,
                             json.dumps(article.sentences, ensure_ascii=False), json.dumps(article.paragraph_of),
                             json.dumps([asdict(b) for b in article.boilerplate], ensure_ascii=False),
                             json.dumps(article.lang_shares), np.asarray(article.minhash, dtype=np.uint32).tobytes(),
                             to_blob(vector)))
            anchors += [(n, a.kind, a.text, a.key, a.sentence, int(a.caption)) for a in article.anchors]
            prints += fingerprint_rows(n, article.anchors, article.sentences, article.lang)
            if len(article.minhash) >= BANDS * ROWS:
                signed.append((n, article.minhash[:BANDS * ROWS]))
            if vector is not None:
                keys.append(n)
                stacked.append(np.asarray(vector, dtype=np.float32))
        prints.sort()
        buckets: list = []
        if signed:
            numbers = np.repeat(np.asarray([n for n, _ in signed], dtype=np.int64), BANDS)
            bucket_keys = band_matrix(np.asarray([m for _, m in signed], dtype=np.uint64)).ravel()
            order = np.lexsort((numbers, bucket_keys))
            buckets = list(zip(bucket_keys[order].tolist(), numbers[order].tolist()))
        with self.db:
            self.db.executemany("INSERT INTO articles (n, id, url, site, title, author, published_at, lang, script, "
                                "text, sentences, paragraph_of, boilerplate, lang_shares, minhash, vector) "
                                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", articles)
            self.db.executemany("INSERT INTO anchors VALUES (?,?,?,?,?,?)", anchors)
            self.db.executemany("INSERT OR IGNORE INTO fingerprint VALUES (?,?,?)", prints)
            self.db.executemany("INSERT OR IGNORE INTO lsh VALUES (?,?)", buckets)
        for lang, count in langs.items():
            self._seen(lang, count)
        return len(batch)

    def commit(self) -> None:
        learnt = self._learn_offsets()
        self.db.commit()
        if learnt:  # stored vectors changed: the vector index is rebuilt from SQLite when next used
            self._vectors = None
            shutil.rmtree(self.folder / "vectors", ignore_errors=True)
        elif self._vectors is not None:
            self._vectors.save()

    # ---- languages without a bundled mean (see LEARN_AT) ---------------------------------------
    def adjusted(self, vector: np.ndarray, lang: str) -> np.ndarray:
        """A language-centered document vector (signatures.document_vector) with what the index learnt of its
        language taken out too: how a vector is stored, and how a query's must be compared."""
        state = self._offsets.get(lang)
        if state is None:
            return vector
        for offset in state[2]:
            vector = normalized(np.asarray(vector, dtype=np.float32) - offset)[0]
        return vector

    def _seen(self, lang: str, count: int) -> None:
        """Count `count` vectors of a language just stored (their rows inserted), if the bundled means lack it."""
        if lang in self._offsets:
            self._offsets[lang][0] += count
        else:
            from stemma.embed import language_means

            means = language_means()
            if lang in ("", "und") or means is not None and lang in means[0]:  # another encoder: every language
                return
            stored = self.db.execute("SELECT COUNT(*) FROM articles WHERE lang=? AND vector IS NOT NULL",
                                     (lang,)).fetchone()[0]  # the new rows among them
            self._offsets[lang] = [stored, 0, np.zeros((0, DIM), dtype=np.float32)]
        self._touched.add(lang)

    def _learn_offsets(self) -> bool:
        """Learn (again) the offset of each language that has reached its next step; whether any was learnt."""
        learnt = False
        for lang in self._touched:
            state = self._offsets[lang]
            seen, fitted, offsets = state
            step = LEARN_AT
            while step <= fitted:
                step *= LEARN_GROWTH
            if seen >= step and step <= LEARN_LAST:
                rows = self.db.execute("SELECT n, vector FROM articles WHERE lang=? AND vector IS NOT NULL",
                                       (lang,)).fetchall()
                stored = np.vstack([from_blob(blob) for _, blob in rows])
                offset = stored.mean(axis=0)
                self.db.executemany("UPDATE articles SET vector=? WHERE n=?",
                                    [(to_blob(v), n) for (n, _), v in zip(rows, normalized(stored - offset))])
                state[1], state[2] = seen, np.vstack([offsets, offset[None, :]]).astype(np.float32)
                learnt = True
            self.db.execute("INSERT OR REPLACE INTO language_offsets VALUES (?,?,?,?)",
                            (lang, state[0], state[1], to_blob(state[2]) if len(state[2]) else None))
        self._touched.clear()
        return learnt

    def close(self) -> None:
        self.commit()
        self.db.close()

    # ---- reading -------------------------------------------------------------------------
    @property
    def vectors(self):
        if self._vectors is None:
            from stemma.store.vectors import VectorIndex

            self._vectors = VectorIndex(self.folder / "vectors", self)
        return self._vectors

    def count(self) -> int:
        version = self.db.execute("PRAGMA data_version").fetchone()[0]  # changes when another connection writes
        if self._count is None or self._count[0] != version or self.db.in_transaction:
            self._count = (version, self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        return self._count[1]

    def vector_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles WHERE vector IS NOT NULL").fetchone()[0]

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

    def anchor_candidates(self, weights: dict[str, float], limit: int, among: Iterable[int] = ()) -> dict[int, float]:
        """The `limit` articles sharing most fingerprint keys with `weights` (a query's fingerprint), plus those of
        `among` (proposed by other signals) that share any, scored by the sum over shared keys of query weight x IDF
        in this index x the article's stored weight: stored fingerprints are unit vectors, so an article with many
        keys does not outscore one whose few keys all match."""
        if not weights:
            return {}
        total = max(self.count(), 1)
        cap = int(max(50, total * COMMON_KEY_SHARE))
        useful: dict[str, float] = {}
        budget = POSTINGS_BUDGET
        for key, weight in sorted(weights.items(), key=lambda item: (-item[1], item[0])):
            # Counting stops past the cap (or what is left of the budget): a frequent key costs at most that many
            # index steps, not its whole list.
            most = min(cap, budget)
            frequency = self.db.execute("SELECT COUNT(*) FROM (SELECT 1 FROM fingerprint WHERE key=? LIMIT ?)",
                                        (key, most + 1)).fetchone()[0]
            if 0 < frequency <= most:
                useful[key] = weight * math.log(1 + total / frequency) / WEIGHT_SCALE
                budget -= frequency
        if not useful:
            return {}
        # Summed in SQLite: the postings lists never become Python objects.
        shared = (f"WITH q(key, w) AS (VALUES {','.join('(?,?)' for _ in useful)}) SELECT f.n, SUM(q.w * f.weight) AS s "
                  "FROM q JOIN fingerprint f ON f.key = q.key")
        pairs = [v for item in useful.items() for v in item]
        scores = dict(self.db.execute(f"{shared} GROUP BY f.n ORDER BY s DESC, f.n LIMIT ?", pairs + [limit]))
        wanted = sorted(set(among) - set(scores))  # a candidate pool: tens of articles, well under SQLite's bound limit
        if wanted:
            scores.update(self.db.execute(f"{shared} WHERE f.n IN ({','.join('?' * len(wanted))}) GROUP BY f.n",
                                          pairs + wanted))
        return scores

    def document_vector(self, n: int) -> np.ndarray | None:
        row = self.db.execute("SELECT vector FROM articles WHERE n=?", (n,)).fetchone()
        return None if row is None else from_blob(row[0])

    def vector_similarities(self, vector: np.ndarray, numbers: Iterable[int]) -> dict[int, float]:
        """Cosine of `vector` with the stored document vectors of `numbers` (those that have one)."""
        from stemma.store.vectors import normalized

        wanted = sorted(set(numbers))  # a candidate pool, as in anchor_candidates
        rows = self.db.execute(f"SELECT n, vector FROM articles WHERE vector IS NOT NULL AND n IN "
                               f"({','.join('?' * len(wanted))})", wanted).fetchall()
        if not rows:
            return {}
        scores = normalized(np.vstack([from_blob(blob) for _, blob in rows])) @ normalized(vector)[0]
        return {n: float(score) for (n, _), score in zip(rows, scores)}

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
