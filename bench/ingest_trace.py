"""Ingest throughput and trace latency on 2,000 real pages, against trafilatura-only extraction in the same run."""
from __future__ import annotations

import argparse
import gzip
import html
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench import SHARED, markdown_table, wmt_document_url, write_result

PAGES = 2000
TRACE_QUERIES = 40
WMT_SOURCES = 100  # WMT source documents among the pages, so that their human translations can be traced


def extraction_pages() -> list[tuple[str, bytes]]:
    pages = []
    for dataset in sorted((SHARED / "corpora" / "extraction").iterdir()):
        if not dataset.is_dir():
            continue
        for row in map(json.loads, (dataset / "truth.jsonl").read_text(encoding="utf-8").splitlines()):
            path = dataset / "html" / f"{row['id']}.html.gz"
            url = row.get("url") or f"https://{dataset.name}.example/{row['id']}"
            pages.append((url, gzip.decompress(path.read_bytes())))
    return pages


def wmt_documents() -> list[tuple[str, str, str]]:
    """(url, language, text) of WMT source documents and human references, for topping up and for queries."""
    docs = []
    for path in sorted((SHARED / "corpora" / "wmt").glob("*.jsonl")):
        for row in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
            if row.get("src"):
                docs.append((f"{wmt_document_url(row)}/src", row["src_lang"], row["src"]))
            for name, text in (row.get("refs") or {}).items():
                docs.append((f"{wmt_document_url(row)}/{row['tgt_lang']}/{name}", row["tgt_lang"], text))
    return docs


def wrap(title: str, text: str, lang: str) -> bytes:
    """A WMT document as a simple news page: header, navigation, article paragraphs, footer."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
            f"<body><header><nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav></header>"
            f"<article><h1>{html.escape(title)}</h1>{paragraphs}</article>"
            f"<footer>© News Example · <a href='/about'>About</a></footer></body></html>").encode("utf-8")


def corpus(count: int) -> tuple[list[tuple[str, bytes]], list[tuple[str, str, str]]]:
    pages = extraction_pages()[:count - min(WMT_SOURCES, count // 4)]
    docs = wmt_documents()
    random.Random(7).shuffle(docs)
    docs.sort(key=lambda d: not d[0].endswith("/src"))  # sources first: the queries are their translations
    seen = set()
    for url, lang, text in docs:
        if len(pages) >= count:
            break
        key = text[:200]
        if key not in seen and len(text.split()) > 60:
            seen.add(key)
            pages.append((url, wrap(text.split("\n")[0][:90], text, lang)))
    return pages, docs


def trafilatura_only(page: tuple[str, bytes]) -> int:
    import trafilatura

    text = trafilatura.extract(page[1], url=page[0], include_comments=False)
    return len(text or "")


def time_trafilatura(pages: list[tuple[str, bytes]], workers: int) -> float:
    started = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(trafilatura_only, pages, chunksize=8))
    return time.perf_counter() - started


def time_ingest(pages: list[tuple[str, bytes]], folder: Path, workers: int) -> tuple[float, int]:
    from stemma.ingest import Analyzer, ingest
    from stemma.model import Page
    from stemma.store import Store

    store = Store(folder)
    analyzer = Analyzer(workers)
    started = time.perf_counter()
    summary = ingest((Page(url=url, content=data, source=url) for url, data in pages), store, analyzer)
    elapsed = time.perf_counter() - started
    analyzer.close()
    store.close()
    return elapsed, summary.added


def time_traces(folder: Path, queries: list[tuple[str, str, str]]) -> list[float]:
    from stemma.analyze import analyze
    from stemma.model import Page
    from stemma.store import Store
    from stemma.trace.tracer import Tracer

    tracer = Tracer(Store(folder))
    tracer.trace(analyze(Page(url="https://warm.example/", content="Warm-up sentence for the models.", kind="text")))
    latencies = []
    for url, lang, text in queries:
        started = time.perf_counter()
        tracer.trace(analyze(Page(url=url + "#query", content=text, kind="text", lang=lang)))
        latencies.append(time.perf_counter() - started)
    return latencies


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=PAGES)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv if argv is not None else [])
    pages, docs = corpus(args.pages)
    # Queries: human references of indexed WMT sources in another language, as a user would trace them.
    indexed = {url.rsplit("/", 1)[0] for url, _ in pages if url.endswith("/src")}
    queries = [d for d in docs if not d[0].endswith("/src") and d[0].rsplit("/", 2)[0] in indexed][:TRACE_QUERIES]
    folder = Path(tempfile.mkdtemp(prefix="stemma-bench-"))
    try:
        baseline = time_trafilatura(pages, args.workers)
        ingest_seconds, added = time_ingest(pages, folder / "index", args.workers)
        latencies = time_traces(folder / "index", queries)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    rows = [
        ["trafilatura extraction only (baseline)", len(pages), f"{len(pages) / baseline:.1f}", "1.00", "", ""],
        ["stemma ingest (extract, analyze, embed lead, store)", added, f"{len(pages) / ingest_seconds:.1f}",
         f"{baseline / ingest_seconds:.2f}", "", ""],
        [f"stemma trace ({len(latencies)} WMT references)", "", "", "",
         f"{statistics.median(latencies):.2f}", f"{percentile(latencies, 0.95):.2f}"],
    ]
    table = markdown_table(["run", "pages", "pages/s", "ratio to baseline", "trace p50 s", "trace p95 s"], rows)
    write_result("ingest_trace", "Ingest throughput and trace latency", table,
                 f"python -m bench ingest_trace  # --pages {args.pages} --workers {args.workers}",
                 notes=f"{len(pages)} pages: the extraction corpora topped up with WMT documents wrapped in simple HTML; "
                       f"{args.workers} worker processes for both runs; index of {added} articles for the traces.")


if __name__ == "__main__":
    main(sys.argv[1:])
