"""The index: idempotent ingest, interrupted ingest that a re-run completes, derived vector file rebuilt from SQLite."""
from __future__ import annotations

import json
import shutil

import pytest

from stemma.ingest import Analyzer, ingest
from stemma.read import read_path
from stemma.store import Store

STORIES = [
    ("Flood waters rose in Novi Sad on Monday.", "The Danube reached 7.4 metres, officials said. About 1,200 people left their homes."),
    ("Parliament passed the budget.", "The vote was 131 to 99 after a 14-hour debate. The opposition walked out in protest."),
    ("A new bridge opened in Split.", "The 1.4-kilometre bridge cost 210 million euros. Mayor Ivan Horvat cut the ribbon."),
    ("Tram drivers went on strike in Zagreb.", "Some 800 drivers stopped work at dawn. The union wants a 9% raise."),
]


@pytest.fixture()
def pages_file(tmp_path):
    path = tmp_path / "pages.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for number, (title, text) in enumerate(STORIES):
            out.write(json.dumps({"url": f"https://news.example/{number}", "title": title, "text": text}) + "\n")
        out.write("{not json\n")
        out.write(json.dumps({"html": "<p>no url</p>"}) + "\n")
        out.write(json.dumps({"url": 5, "text": "A number for a URL."}) + "\n")
    return path


def test_ingest_twice_adds_nothing_the_second_time(tmp_path, pages_file):
    store = Store(tmp_path / "index")
    first = ingest(read_path(pages_file), store, Analyzer(1))
    assert (first.read, first.added, first.already) == (7, 4, 0)
    assert sorted(message for _, message in first.failed) == [
        "'url' is not a string", "invalid JSON (Expecting property name enclosed in double quotes)", "missing 'url'"]
    second = ingest(read_path(pages_file), store, Analyzer(1))
    assert (second.added, second.already) == (0, 4)
    assert store.count() == 4


def test_interrupted_ingest_keeps_finished_batches_and_a_rerun_completes(tmp_path, pages_file, monkeypatch):
    monkeypatch.setattr("stemma.ingest.BATCH", 2)

    def interrupted(pages):
        for number, page in enumerate(pages):
            if number == 3:
                raise KeyboardInterrupt  # Ctrl-C in the middle of the second batch
            yield page

    store = Store(tmp_path / "index")
    with pytest.raises(KeyboardInterrupt):
        ingest(interrupted(read_path(pages_file)), store, Analyzer(1))
    store.db.rollback()
    assert store.count() == 2  # the first batch was committed, the open one was not
    store.close()
    reopened = Store(tmp_path / "index")
    summary = ingest(read_path(pages_file), reopened, Analyzer(1))
    assert (summary.added, summary.already, reopened.count()) == (2, 2, 4)


def test_vector_file_is_rebuilt_from_sqlite_when_lost(tmp_path, pages_file):
    store = Store(tmp_path / "index")
    ingest(read_path(pages_file), store, Analyzer(1))
    n = store.number_of(next(iter(store.db.execute("SELECT id FROM articles WHERE url LIKE '%/2'")))[0])
    vector = next(v for k, v in store.stored_vectors() if k == n)
    store.close()
    derived = tmp_path / "index" / "vectors"
    shutil.rmtree(derived)
    derived.mkdir()
    (derived / "meta.json").write_text("{torn")
    reopened = Store(tmp_path / "index")
    nearest = reopened.vectors.nearest(vector, 2)
    assert max(nearest, key=nearest.get) == n and nearest[n] > 0.99


def test_index_from_before_language_centering_is_upgraded_in_place(tmp_path, pages_file):
    """A schema-2 index stored raw encoder vectors; opening it centers them, so old and new pages stay comparable."""
    from stemma.embed import embed_texts
    from stemma.signatures import document_vector, lead_text
    from stemma.store.db import to_blob

    store = Store(tmp_path / "index")
    ingest(read_path(pages_file), store, Analyzer(1))
    url = "https://news.example/2"
    article = store.article(store.db.execute("SELECT n FROM articles WHERE url=?", (url,)).fetchone()[0])
    raw = embed_texts([lead_text(article)], article.lang)[0]
    with store.db:
        store.db.execute("UPDATE articles SET vector=? WHERE url=?", (to_blob(raw), url))
        store.db.execute("UPDATE meta SET value='2' WHERE key='schema'")
    store.close()
    upgraded = Store(tmp_path / "index")
    n = upgraded.db.execute("SELECT n FROM articles WHERE url=?", (url,)).fetchone()[0]
    stored = next(v for k, v in upgraded.stored_vectors() if k == n)
    assert abs(float(stored @ document_vector(article)) - 1) < 1e-4
    assert abs(float(stored @ raw)) < 0.99  # it really changed: the raw vector is not what is stored any more
    nearest = upgraded.vectors.nearest(stored, 1)
    assert list(nearest) == [n]


def test_a_worker_that_dies_costs_no_page_and_ingest_goes_on(tmp_path, pages_file):
    """The kernel kills a worker that takes too much memory; the pool breaks with it. The batch is analyzed again."""
    import os
    import signal

    analyzer = Analyzer(2)
    try:
        analyzer.map(list(read_path(pages_file))[:1])  # the workers are up
        os.kill(next(iter(analyzer.pool._processes)), signal.SIGKILL)
        summary = ingest(read_path(pages_file), Store(tmp_path / "index"), analyzer)
    finally:
        analyzer.close()
    assert (summary.read, summary.added) == (7, 4)


CAPPED_WORKER = """
from stemma.ingest import WARM_UP, analyze_bounded, cap_memory
from stemma.model import Page

paragraph = b"<p>" + b"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. " * 4 + b"</p>"
pages = [Page(url="https://a.example/", content=b"<article>" + paragraph * copies + b"</article>") for copies in (30_000, 3)]
analyze_bounded(WARM_UP)
cap_memory(30 * 1024 ** 2)
for page in pages:
    result = analyze_bounded(page)
    print(getattr(result, "message", None) or f"{len(result.sentences)} sentences")
"""


def test_a_page_past_the_memory_cap_fails_alone():
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", CAPPED_WORKER], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    big, small = run.stdout.splitlines()
    assert big in ("analysis ran out of memory", "page too large to parse")
    assert small == "12 sentences"


def test_a_language_without_a_bundled_mean_is_centered_on_what_the_index_learns_of_it(tmp_path):
    """Vectors of a language the bundled means lack ('am' here) keep something of that language, so a query in it finds
    pages in its own language before its original in another. Once the index holds LEARN_AT of them it takes their mean
    out of them and out of the query, and the original is the nearest; the index remembers what it learnt."""
    import numpy as np

    from stemma.model import Article
    from stemma.store.db import LEARN_AT
    from stemma.store.vectors import normalized

    rng = np.random.default_rng(3)
    topics = normalized(rng.normal(size=(LEARN_AT + 1, 384)))
    accent = 1.5 * normalized(rng.normal(size=384))[0]  # what stays of the language after centering on all languages

    def amharic(topic: int):
        return normalized(topics[topic] + accent + 0.2 * normalized(rng.normal(size=384))[0])[0]

    def page(lang: str, topic: int) -> Article:
        return Article(id=f"{lang}-{topic}", url=f"https://{lang}.example/{topic}", site=f"{lang}.example", lang=lang,
                       sentences=["A sentence."])

    store = Store(tmp_path / "index")
    store.add_many([(page("en", topic), topics[topic]) for topic in range(LEARN_AT + 1)])
    store.add_many([(page("am", topic), amharic(topic)) for topic in range(LEARN_AT - 1)])
    query = amharic(LEARN_AT)  # its English original is indexed, no Amharic version of it
    original = store.number_of("en-%d" % LEARN_AT)
    assert store.article(next(iter(store.vectors.nearest(store.adjusted(query, "am"), 1)))).lang == "am"
    store.add(page("am", LEARN_AT - 1), amharic(LEARN_AT - 1))
    store.commit()
    assert list(store.vectors.nearest(store.adjusted(query, "am"), 1)) == [original]
    assert np.array_equal(store.adjusted(topics[0], "en"), topics[0])  # a language with a bundled mean: as it was
    store.close()
    reopened = Store(tmp_path / "index")
    assert list(reopened.vectors.nearest(reopened.adjusted(query, "am"), 1)) == [original]


def test_a_page_stored_before_its_language_was_learnt_again_compares_as_its_query_would(tmp_path, monkeypatch):
    """Each time the index learns a language again, the vectors already stored are corrected as a new query is: a page
    traced against the index finds itself at cosine 1, whenever it was added."""
    import numpy as np

    from stemma.model import Article
    from stemma.store import db
    from stemma.store.vectors import normalized

    monkeypatch.setattr(db, "LEARN_AT", 4)
    monkeypatch.setattr(db, "LEARN_GROWTH", 2)
    monkeypatch.setattr(db, "LEARN_LAST", 8)
    rng = np.random.default_rng(5)
    accent = normalized(rng.normal(size=384))[0]
    vectors = normalized(rng.normal(size=(9, 384)) + 2 * accent)
    store = Store(tmp_path / "index")
    for n, vector in enumerate(vectors):  # learnt at 4 and at 8 vectors
        store.add(Article(id=f"am-{n}", url=f"https://am.example/{n}", site="am.example", lang="am",
                          sentences=["A sentence."]), vector)
        store.commit()
    assert len(store._offsets["am"][2]) == 2
    for n in (0, 5, 8):  # stored before the first learning, between the two, after the last
        number = store.number_of(f"am-{n}")
        assert store.vector_similarities(store.adjusted(vectors[n], "am"), [number])[number] > 0.999


def test_with_another_encoder_every_language_is_learnt(tmp_path, monkeypatch):
    """A swapped encoder's vectors are stored raw (no bundled mean fits them): the index centers English too."""
    import numpy as np

    import stemma.embed
    from stemma.model import Article
    from stemma.store.db import LEARN_AT
    from stemma.store.vectors import normalized

    monkeypatch.setattr(stemma.embed, "language_means", lambda: None)
    rng = np.random.default_rng(7)
    vectors = normalized(normalized(rng.normal(size=(LEARN_AT, 384))) + 1.5 * normalized(rng.normal(size=384)))
    store = Store(tmp_path / "index")
    store.add_many([(Article(id=f"en-{n}", url=f"https://en.example/{n}", site="en.example", lang="en",
                             sentences=["A sentence."]), vector) for n, vector in enumerate(vectors)])
    stored = np.vstack([vector for _, vector in store.stored_vectors()])
    assert float(vectors.mean(axis=0) @ vectors.mean(axis=0)) > 0.5  # the language's offset before
    assert float(stored.mean(axis=0) @ stored.mean(axis=0)) < 0.01  # taken out
