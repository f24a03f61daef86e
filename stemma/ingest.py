"""Ingest: read pages, analyze them in a worker pool with a per-page time limit, store them in batches."""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from stemma.analyze import article_of, page_id
from stemma.extraction import Extracted, extract
from stemma.model import Article, Page
from stemma.read import ReadError
from stemma.signatures import document_vectors
from stemma.store import Store

BATCH = 32
PAGE_SECONDS = 10


class PageTimeout(Exception):
    pass


@dataclass
class IngestSummary:
    read: int = 0
    added: int = 0
    already: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def _alarm(signum, frame):
    raise PageTimeout()


# What a worker process may add to its address space once its modules and models are loaded. The input bounds keep a
# hostile page's analysis far below (50 MB of markup or of text, 300,000 elements: at most 0.3 GB resident and 0.27 GB
# more address space, measured); a page that still needs more fails alone with MemoryError, before the machine runs
# out of memory and the kernel kills a process.
WORKER_MEMORY = 2 * 1024 ** 3
WARM_UP = Page(url="https://warm.example/", content=b"<html><body><article><p>Warm up the analysis: its modules and "
                                                    b"models load on first use.</p></article></body></html>")


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    analyze_bounded(WARM_UP)
    cap_memory(WORKER_MEMORY)


def cap_memory(extra: int) -> None:
    """Limit this process's address space to what it holds now and `extra` bytes more (Linux; elsewhere nothing)."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            held = int(statm.read().split()[0]) * resource.getpagesize()
    except (ImportError, OSError, ValueError):
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = held + extra if hard == resource.RLIM_INFINITY else min(held + extra, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def analyze_bounded(page: Page) -> Article | ReadError:
    """extract_bounded() without the extraction: what ingest and trace keep of a page."""
    result = extract_bounded(page)
    return result if isinstance(result, ReadError) else result[1]


def extract_bounded(page: Page) -> tuple[Extracted, Article] | ReadError:
    """The page's extraction and its analysis (analyze()), with a time limit, and every failure turned into a one-line
    error for that page, an unreadable page's reason (binary, empty, too large) too.

    Runs in the main thread of its process (the CLI, or a pool worker), where SIGALRM can interrupt it."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, PAGE_SECONDS)
    try:
        extracted = extract(page)
        if extracted.error:
            return ReadError(page.source or page.url, extracted.error)
        return extracted, article_of(page, extracted)
    except PageTimeout:
        return ReadError(page.source or page.url, f"analysis took longer than {PAGE_SECONDS} s")
    except MemoryError:
        return ReadError(page.source or page.url, "analysis ran out of memory")
    except Exception as err:  # hostile pages must not end the batch
        return ReadError(page.source or page.url, f"cannot analyze: {type(err).__name__}: {err}"[:300])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Analyzer:
    """Runs analyze_bounded in worker processes (or in-process for one worker), models loaded once per worker."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers if workers is not None else min(2, os.cpu_count() or 1)
        self.pool = self.new_pool() if self.workers > 1 else None

    def new_pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker)

    def map(self, pages: list[Page]) -> list[Article | ReadError]:
        """Every page's article or error. A worker that dies (killed for memory, a crash in a parser) takes the pool
        with it: the pages are then analyzed again one by one in a new pool, so that only the page that kills a worker
        fails, and the batch goes on."""
        if self.pool is None:
            return [analyze_bounded(p) for p in pages]
        try:
            return list(self.pool.map(analyze_bounded, pages, chunksize=4))
        except BrokenProcessPool:
            self.renew()
            return [self.alone(page) for page in pages]

    def alone(self, page: Page) -> Article | ReadError:
        try:
            return self.pool.submit(analyze_bounded, page).result()
        except BrokenProcessPool:
            self.renew()
            return ReadError(page.source or page.url, "its analysis ended the worker process (out of memory, or a crash)")

    def renew(self) -> None:
        self.pool.shutdown(cancel_futures=True)
        self.pool = self.new_pool()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def ingest(pages: Iterable[Page | ReadError], store: Store, analyzer: Analyzer,
           progress: Callable[[int], None] = lambda n: None, summary: IngestSummary | None = None) -> IngestSummary:
    """Store every new page; a batch is one transaction, so an interruption loses at most one batch."""
    summary = summary or IngestSummary()
    for batch in batches(pages, BATCH):
        fresh: list[Page] = []
        for item in batch:
            summary.read += 1
            if isinstance(item, ReadError):
                summary.failed.append((item.source, item.message))
            elif store.has(page_id(item.url, item.content)):
                summary.already += 1
            else:
                fresh.append(item)
        articles: list[Article] = []
        for page, result in zip(fresh, analyzer.map(fresh)):
            if isinstance(result, ReadError):
                summary.failed.append((result.source, result.message))
            elif not result.sentences:
                summary.failed.append((page.source or page.url, "no article text found"))
            else:
                articles.append(result)
        for article, vector in zip(articles, document_vectors(articles)):
            if store.add(article, vector) is None:
                summary.already += 1
            else:
                summary.added += 1
        store.commit()
        progress(len(batch))
    return summary
