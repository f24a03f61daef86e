"""Trace latency, peak memory and recall at 10k, 100k and 1M indexed articles, against exact search at 10k."""
from __future__ import annotations

import json
import random
import time
from pathlib import Path

from bench import SHARED, wmt_document_url

QUERIES = 120  # one query is 0.008 of recall: enough to tell "within 0.01"
MIN_WORDS = 40


def wmt_sources_and_references() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str, str]]]:
    """Unique WMT source documents (url, lang, text) and, per source, one human reference in another language
    (url, lang, text, source url): the references are the queries, their sources are in the index."""
    sources: dict[str, tuple[str, str, str]] = {}
    references: dict[str, list[tuple[str, str, str, str]]] = {}
    seen_text: set[str] = set()
    for path in sorted((SHARED / "corpora" / "wmt").glob("*.jsonl")):
        for row in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
            if not row.get("src") or len(row["src"].split()) < MIN_WORDS:
                continue
            # The same document appears in several pairs (and once in paragraph segments): index it once.
            key = wmt_document_url(row)
            head = " ".join(row["src"].split())[:200]
            if key not in sources and head not in seen_text:
                seen_text.add(head)
                sources[key] = (f"{key}/src", row["src_lang"], row["src"])
            if key in sources:
                for name, text in sorted((row.get("refs") or {}).items()):
                    if text and len(text.split()) >= MIN_WORDS // 2:
                        url = f"{key}/{row['tgt_lang']}/{name}"
                        references.setdefault(key, []).append((url, row["tgt_lang"], text, sources[key][0]))
    rng = random.Random(5)
    with_refs = sorted(k for k in references)
    rng.shuffle(with_refs)
    queries = [rng.choice(references[k]) for k in with_refs[:QUERIES]]
    return list(sources.values()), queries


def real_index(folder: Path, workers: int = 2) -> tuple[int, float]:
    """Ingest every WMT source document end to end (analyze, embed lead, store); returns (pages, seconds)."""
    from stemma.ingest import Analyzer, ingest
    from stemma.model import Page
    from stemma.store import Store

    sources, _ = wmt_sources_and_references()
    store = Store(folder)
    analyzer = Analyzer(workers)
    started = time.perf_counter()
    summary = ingest((Page(url=url, content=text, kind="text", lang=lang, source=url) for url, lang, text in sources),
                     store, analyzer)
    elapsed = time.perf_counter() - started
    analyzer.close()
    store.close()
    (folder / "ingest.json").write_text(json.dumps({"pages": len(sources), "added": summary.added, "seconds": elapsed}))
    return len(sources), elapsed


# ---- the synthetic index -----------------------------------------------------------------------------------------
# A synthetic article's (language-centered) document vector against the real article it was made from: the 60th
# percentile of a translation's nearest unrelated lead on WMT dev (bench/results/language_centering_dev.md), the same
# place in that distribution as 0.88 held for the raw vectors of the first runs.
TARGET_COSINE = 0.37
KEEP_ANCHOR = 0.5  # share of the real article's anchors a synthetic one keeps; the rest are drawn from all anchors
KEEP_MINHASH = 0.1  # share of MinHash values kept (about Jaccard 0.1: the same topic, other words)
DONOR_SENTENCES = 6  # text of a synthetic article: the first sentences of another real article


def real_features(folder: Path) -> tuple[list, object]:
    import numpy as np

    from stemma.store import Store

    store = Store(folder)
    vectors = dict(store.stored_vectors())
    numbers = sorted(vectors)
    articles = [store.article(n) for n in numbers]
    store.close()
    return articles, np.vstack([vectors[n] for n in numbers])


def noise_scale(vectors, rng) -> float:
    """The weight of the difference of two random real vectors that, added, leaves cosine TARGET_COSINE on average."""
    import numpy as np

    from stemma.store.vectors import normalized

    base = normalized(vectors[rng.integers(0, len(vectors), 2000)])
    step = vectors[rng.integers(0, len(vectors), 2000)] - vectors[rng.integers(0, len(vectors), 2000)]
    low, high = 0.0, 10.0
    for _ in range(40):
        mid = (low + high) / 2
        cosine = float(np.mean(np.sum(normalized(base + mid * step) * base, axis=1)))
        low, high = (mid, high) if cosine > TARGET_COSINE else (low, mid)
    return low


def synthetic(articles: list, vectors, count: int, seed: int = 11):
    """(Article, vector) pairs made from real ones: see the notes of the result for what is kept and what is noise."""
    import dataclasses

    import numpy as np

    from stemma.model import Anchor
    from stemma.store.vectors import normalized

    rng = np.random.default_rng(seed)
    scale = noise_scale(vectors, rng)
    # Anchors of a synthetic article point at its first sentence: its text comes from another article.
    first_sentence = [[Anchor(a.kind, a.text, a.key, 0, a.caption) for a in article.anchors] for article in articles]
    pool = [a for anchors in first_sentence for a in anchors]
    minhashes = np.asarray([a.minhash if len(a.minhash) == 128 else [0] * 128 for a in articles], dtype=np.uint64)
    real = len(articles)
    chunk = 10_000
    for start in range(0, count, chunk):
        size = min(chunk, count - start)
        base = rng.integers(0, real, size)
        donor = (base + rng.integers(1, real, size)) % real  # never the base itself: another story's text
        step = vectors[rng.integers(0, real, size)] - vectors[rng.integers(0, real, size)]
        fresh = normalized(normalized(vectors[base]) + scale * step + 0.02 * rng.standard_normal((size, vectors.shape[1])))
        minhash_values = rng.integers(0, 2**32, (size, 128), dtype=np.uint64)
        keep_minhash = rng.random((size, 128)) < KEEP_MINHASH
        for i in range(size):
            number = start + i
            source, text_from = articles[base[i]], articles[donor[i]]
            sentences = text_from.sentences[:DONOR_SENTENCES]
            own = first_sentence[base[i]]
            draws = rng.random(len(own)).tolist()
            others = rng.integers(0, len(pool), len(own)).tolist()
            anchors = [kept if draw < KEEP_ANCHOR else pool[other] for kept, draw, other in zip(own, draws, others)]
            signature = minhash_values[i]
            if len(source.minhash) == len(signature):
                signature = np.where(keep_minhash[i], minhashes[base[i]], signature)
            yield dataclasses.replace(
                text_from, id=f"synthetic-{number}", url=f"https://synthetic.example/{number}", site="synthetic.example",
                title="", text=" ".join(sentences), sentences=sentences, paragraph_of=[0] * len(sentences),
                boilerplate=[], anchors=anchors, minhash=signature.tolist()), fresh[i]


def build(real: Path, folder: Path, size: int) -> dict:
    """A fresh index of `size` articles: every real article, then synthetic ones made from them."""
    import shutil

    from stemma.store import Store

    articles, vectors = real_features(real)
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    store = Store(folder)
    added = store.add_many(zip(articles, vectors))
    added += store.add_many(synthetic(articles, vectors, size - len(articles)))
    share_sentence_vectors(store, real, into_real=False)
    store.close()
    elapsed = time.perf_counter() - started
    disk = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    built = {"size": added, "real": len(articles), "build_seconds": elapsed, "disk_bytes": disk}
    (folder / "built.json").write_text(json.dumps(built))
    return built


# ---- measuring ---------------------------------------------------------------------------------------------------
class ExactSearch:
    """The baseline candidate stage: exact cosine against every stored vector (numpy) and a full scan of the
    fingerprint table for shared anchors, ranked by the same priority as stemma's own candidate stage."""

    def __init__(self, store) -> None:
        import numpy as np

        from stemma.store.vectors import normalized

        pairs = list(store.stored_vectors())
        self.numbers = np.asarray([n for n, _ in pairs])
        self.matrix = normalized(np.vstack([v for _, v in pairs]))
        self.row = {int(n): i for i, n in enumerate(self.numbers)}

    def __call__(self, query, vector, store, limit):
        import math

        import numpy as np

        from stemma.store.db import COMMON_KEY_SHARE, WEIGHT_SCALE, fingerprint
        from stemma.trace.candidates import ANCHOR_POOL, VECTOR_POOL, combine

        cosines = self.matrix @ (vector / np.linalg.norm(vector)) if vector is not None else np.zeros(0)
        near = {int(self.numbers[i]): float(cosines[i]) for i in np.argsort(-cosines)[:VECTOR_POOL]}
        weights = fingerprint(query)
        postings: dict[str, list[tuple[int, float]]] = {}
        for key, n, weight in store.db.execute("SELECT key, n, weight FROM fingerprint"):  # the full scan
            if key in weights:
                postings.setdefault(key, []).append((n, weight))
        total = len(self.numbers)
        scores: dict[int, float] = {}
        for key, stored in postings.items():
            if len(stored) <= max(50, total * COMMON_KEY_SHARE):
                for n, weight in stored:
                    scores[n] = scores.get(n, 0.0) + weights[key] * math.log(1 + total / len(stored)) * weight / WEIGHT_SCALE
        anchors = dict(sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:ANCHOR_POOL])
        # As find_candidates does: each proposed article scored by both signals.
        anchors.update({n: scores[n] for n in near if n in scores})
        if vector is not None:
            near.update({n: float(cosines[self.row[n]]) for n in anchors if n in self.row})
        return combine(store.lsh_candidates(query.minhash), anchors, near, store.number_of(query.id), limit)


def share_sentence_vectors(store, real: Path, into_real: bool) -> None:
    """Sentence vectors of real articles, computed when a trace verified them, are kept in the real index and given
    to the next index built from it: the encoder time is spent once per article, as in a long-lived index."""
    store.db.execute("ATTACH DATABASE ? AS real", (str(real / "index.sqlite"),))
    if into_real:
        store.db.execute("INSERT OR IGNORE INTO real.sentence_vectors SELECT r.n, s.vectors FROM sentence_vectors s "
                         "JOIN articles a ON a.n = s.n JOIN real.articles r ON r.id = a.id")
    else:
        store.db.execute("INSERT OR IGNORE INTO sentence_vectors SELECT a.n, s.vectors FROM real.sentence_vectors s "
                         "JOIN real.articles r ON r.n = s.n JOIN articles a ON a.id = r.id")
    store.db.commit()
    store.db.execute("DETACH DATABASE real")


def measure(folder: Path, exact: bool) -> dict:
    """Trace every query twice (the first pass fills the sentence-vector cache of the candidates it verifies)."""
    import resource

    from stemma.analyze import analyze
    from stemma.model import Page
    from stemma.signatures import document_vector
    from stemma.store import Store
    from stemma.trace import tracer as tracer_module
    from stemma.trace.candidates import find_candidates

    _, queries = wmt_sources_and_references()
    store = Store(folder)
    choose = ExactSearch(store) if exact else find_candidates
    tracer_module.find_candidates = choose
    tracer = tracer_module.Tracer(store)
    tracer.trace(analyze(Page(url="https://warm.example/", content="Warm-up sentence for the models.", kind="text")))
    runs: dict[str, list] = {"cold": [], "warm": [], "candidates": [], "top_candidate": [], "top_relation": []}
    real = {url: (n, id_) for n, id_, url in store.db.execute("SELECT n, id, url FROM articles WHERE site='wmt.example'")}
    for run in ("cold", "warm"):
        for url, lang, text, source_url in queries:
            source = real[source_url]
            started = time.perf_counter()
            article = analyze(Page(url=url + "#query", content=text, kind="text", lang=lang))
            analyzed = time.perf_counter() - started
            if run == "warm":  # the candidate stage alone, on the vector the trace is about to compute again
                vector = document_vector(article)
                started = time.perf_counter()
                candidates = choose(article, vector, store, tracer_module.VERIFY)
                runs["candidates"].append(time.perf_counter() - started)
                runs["top_candidate"].append(bool(candidates) and candidates[0].n == source[0])
            started = time.perf_counter()
            report = tracer.trace(article)
            runs[run].append(analyzed + time.perf_counter() - started)
            if run == "warm":
                runs["top_relation"].append(bool(report.relations) and report.relations[0].article.id == source[1])
    share_sentence_vectors(store, folder.parent / "real", into_real=True)
    store.close()
    runs["peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return runs


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def child(args: list[str]) -> dict:
    """Run one stage in a fresh process, so that its peak RSS is its own; the stage prints JSON as its last line."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "bench.scale", *args], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--work", default="/tmp/stemma-scale", help="scratch folder for the indexes (deleted after)")
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--exact", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--report", action="store_true", help="only re-render the table from the last run's results")
    parser.add_argument("--keep", action="store_true",
                        help="keep the indexes, and measure an index kept by an earlier run instead of building it "
                             "(build on a busy machine, measure latency on a quiet one)")
    args = parser.parse_args(argv if argv is not None else [])
    work = Path(args.work)
    if args.build:
        print(json.dumps(build(work / "real", work / str(args.build), args.build)))
        return
    if args.measure:
        print(json.dumps(measure(work / str(args.measure), args.exact)))
        return
    sizes = sorted(int(s) for s in args.sizes.split(","))
    if not (work / "real" / "ingest.json").exists():
        real_index(work / "real")
    ingested = json.loads((work / "real" / "ingest.json").read_text())
    if not args.report:
        results = run_sizes(work, sizes, args.keep)
        (work / "results.json").write_text(json.dumps(results))
    results = json.loads((work / "results.json").read_text())
    report(results, ingested, args.sizes)


def run_sizes(work: Path, sizes: list[int], keep: bool) -> list:
    import shutil
    import sys

    results = []
    for size in sizes:
        kept = work / str(size) / "built.json"
        if keep and kept.exists():
            print(f"measuring the kept index of {size}", file=sys.stderr, flush=True)
            built = json.loads(kept.read_text()) | {"kept": True}
        else:
            print(f"building {size}", file=sys.stderr, flush=True)
            built = child(["--work", str(work), "--build", str(size)])
        for exact in ([True, False] if size == sizes[0] else [False]):
            print(f"measuring {size} exact={exact}", file=sys.stderr, flush=True)
            results.append((built, exact, child(["--work", str(work), "--measure", str(size)] + ["--exact"] * exact)))
        if not keep:
            shutil.rmtree(work / str(size), ignore_errors=True)
    return results


def report(results: list, ingested: dict, sizes: str) -> None:
    import statistics

    from bench import markdown_table, write_result

    baseline = statistics.median(results[0][2]["candidates"])
    rows = []
    for built, exact, runs in results:
        rows.append([
            "exact search (baseline)" if exact else "stemma", f"{built['size']:,}", f"{built['build_seconds']:.0f}",
            f"{built['disk_bytes'] / 2**30:.2f}", f"{statistics.median(runs['warm']):.2f}",
            f"{percentile(runs['warm'], 0.95):.2f}", f"{statistics.median(runs['cold']):.2f}",
            f"{statistics.median(runs['candidates']) * 1000:.1f}", f"{percentile(runs['candidates'], 0.95) * 1000:.1f}",
            f"{baseline / statistics.median(runs['candidates']):.2f}", f"{runs['peak_rss_bytes'] / 2**30:.2f}",
            f"{sum(runs['top_candidate']) / len(runs['top_candidate']):.3f}",
            f"{sum(runs['top_relation']) / len(runs['top_relation']):.3f}"])
    table = markdown_table(["candidate search", "articles", "build s", "disk GB", "trace p50 s", "trace p95 s",
                            "first pass p50 s", "candidates p50 ms", "candidates p95 ms", "candidate speed vs exact",
                            "peak RSS GB", "recall: top candidate", "recall: top relation"], rows)
    table += "\n\n" + markdown_table(["real ingest (end to end, 2 workers)", "pages", "pages/s"], [[
        "WMT source documents as plain-text pages: analyze, embed lead, store", ingested["added"],
        f"{ingested['pages'] / ingested['seconds']:.2f}"]])
    name = "scale" if sizes == "10000,100000,1000000" else f"scale-{sizes.rsplit(',', 1)[-1]}"  # a partial run
    kept = any(built.get("kept") for built, _, _ in results)
    notes = NOTES.format(queries=len(results[0][2]["warm"]), TARGET_COSINE=TARGET_COSINE)
    if kept:
        notes += ("\n- **--keep**: the indexes were built by an earlier run (its build seconds) and may have been measured "
                  "before, so their sentence-vector caches can be warm: *first pass* is then not a cold pass.")
    write_result(name, "Trace latency, memory and recall at scale", table,
                 f"python -m bench.scale --sizes {sizes}" + " --keep" * kept, notes=notes)


NOTES = """How it was measured.

- **Queries**: {queries} human references (hr, en, cs, de, uk, zh, ru, sr) of WMT source documents, one per
  source, chosen at random (seed 5); every source is in every index, its references are not.
  *recall: top candidate* = the source is the first candidate; *recall: top relation* = the best-ranked relation
  of the report is the source.
- **Real articles**: the WMT source documents of at least 40 words (each once: one per source language and doc_id), ingested end to end as
  plain-text pages by `stemma.ingest` with 2 workers (the ingest table).
- **Synthetic articles** fill each index up to its size, at the level of stored features, and go through
  `Store.add_many`, so every derived row (anchors, fingerprint, LSH buckets, vector index) comes from the same code
  as for ingested pages. Each one is made from a random real article (its *base*) and another random real article
  (its *donor*): document vector = normalize(base + s·(r1 − r2) + 0.02·g), r1 and r2 random real vectors, g Gaussian,
  s fitted so the mean cosine to the base is {TARGET_COSINE} (as close as a translation's nearest unrelated lead
  is at its 60th percentile); anchors = each of the base's anchors kept with p = 0.5, otherwise replaced by an anchor drawn from all
  real articles' anchors (so keys keep their real frequencies), all on the first sentence; fingerprint = what
  `Store.add_many` derives from those anchors and the text's loan-word keys (stemma.text.fingerprint); MinHash = each of the
  base's 128 values kept with p = 0.1, otherwise a random 32-bit value; text = the donor's first 6 sentences (a
  synthetic candidate that reaches verification costs real alignment work and does not align). At 1M every real
  article has ~820 such look-alikes: harder than a random million.
- **trace** = `analyze` of the query page + `Tracer.trace` (document vector, candidates, sentence vectors of the
  query, alignment of up to 8 candidates, relations), measured on a second pass over the queries, when the
  sentence vectors of the candidates are cached in the index as they are after their first use. **first pass** is
  the pass before it, which embeds the sentences of every candidate not cached yet: to spend the shared cores once,
  the sentence vectors of real articles are carried from one index to the next (runs in the order of the table), so
  only the first row pays them all; later rows pay for the synthetic candidates they meet. **candidates** = the
  candidate stage alone on a precomputed query vector. **exact search (baseline)**: numpy exact cosine against every stored vector plus a
  full scan of the fingerprint table, ranked by the same `combine`. Peak RSS = `ru_maxrss` of the measuring
  process (a fresh one per row, not the one that built the index), encoder model included.
- Index: k-means cells past 20,000 vectors (about sqrt(n) cells, the nearest quarter of them probed), float32
  vectors memory-mapped; anchor keys on more than 5 % of the index are skipped, and a query sums at most 20,000
  fingerprint postings, its most telling keys first (until commit 1336b8b keys on more than 5,000 articles were
  skipped too: at 1M that dropped keys that counted at 10k). (The first
  run, commit cb55c63, probed 1/16 of the cells of float16 vectors: 352 ms candidates at 1M and the source lost
  from the top 20 vectors for 8 of 39 queries at 100k.)
- The trace columns are mostly the encoder (a profile of 12 traces at 100k: 27.4 of 29.3 s in the encoder, 0.8 s
  in the candidate stage), so they move with the load of the machine more than with the index size;
  the candidate columns are the index's own cost."""


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
