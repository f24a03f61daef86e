"""Benchmark main-text extraction (stemma vs trafilatura, readability-lxml, resiliparse) and boilerplate typing.

python -m bench extraction [--split test|dev|all|both] [--datasets a,b] [--extractors a,b] [--workers 2]

Main text is scored with the Scrapinghub article-extraction-benchmark metric (4-token shingles,
per-page tp/fp/fn, means over pages), except the `trafilatura` dataset, which is scored with its
own snippet metric; both are defined in corpora/extraction/README.md and implemented here.
Boilerplate typing is scored per kind on hand-labelled pages (precision and recall of items).
"""
from __future__ import annotations

import argparse
import codecs
import gzip
import hashlib
import json
import multiprocessing
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

from bench import SHARED, markdown_table, write_result

CORPUS = SHARED / "corpora" / "extraction"
DATASETS = ["scrapinghub", "trafilatura", "readability", "l3s-gn1", "cleanportaleval"]
EXTRACTORS = ["stemma", "trafilatura", "readability-lxml", "resiliparse", "stemma+captions"]
REPO = Path(__file__).resolve().parents[1]
WORD = re.compile(r"\w+")
META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
BLOCK_TAG = re.compile(r"(?i)<(?:/?(?:p|div|br|li|h[1-6]|tr|td|th|blockquote|pre|section|article|ul|ol|table|figure|figcaption|dd|dt))\b")


# ---------------------------------------------------------------- scoring

def shingles(text: str) -> Counter:
    """Multiset of overlapping 4-token shingles; a text of 1-3 tokens is one shingle."""
    tokens = WORD.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < 4:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3))


def page_counts(predicted: str, truth: str) -> tuple[float, float, float, bool]:
    """Normalized (tp, fp, fn) of one page, and whether the token sequences are equal."""
    pred, gold = shingles(predicted), shingles(truth)
    tp = sum((pred & gold).values())
    fp = sum(pred.values()) - tp
    fn = sum(gold.values()) - tp
    total = tp + fp + fn
    exact = WORD.findall(predicted or "") == WORD.findall(truth or "")
    if total == 0:
        return 0.0, 0.0, 0.0, exact
    return tp / total, fp / total, fn / total, exact


def shingle_scores(counts: list[tuple[float, float, float, bool]]) -> dict[str, float]:
    precisions = [tp / (tp + fp) for tp, fp, fn, _ in counts if tp + fp > 0]
    recalls = [tp / (tp + fn) for tp, fp, fn, _ in counts if tp + fn > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = sum(1 for c in counts if c[3]) / len(counts) if counts else 0.0
    return {"p": p, "r": r, "f1": f1, "acc": acc}


def collapse(text: str) -> str:
    return " ".join((text or "").split())


def snippet_counts(predicted: str, row: dict) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of one page under the trafilatura benchmark's snippet metric."""
    out = collapse(predicted)
    with_hits = [collapse(s) in out for s in row.get("with") or []]
    without_hits = [collapse(s) in out for s in row.get("without") or []]
    tp = sum(with_hits)
    fn = len(with_hits) - tp
    fp = sum(without_hits)
    tn = len(without_hits) - fp
    return tp, fp, fn, tn


def snippet_scores(counts: list[tuple[int, int, int, int]]) -> dict[str, float]:
    tp, fp, fn, tn = (sum(c[i] for c in counts) for i in range(4))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    acc = (tp + tn) / (tp + fp + fn + tn) if counts else 0.0
    return {"p": p, "r": r, "f1": f1, "acc": acc}


def score(dataset: str, counts: list) -> dict[str, float]:
    if dataset == POOLED:
        return pooled_f1(counts)
    return snippet_scores(counts) if dataset == "trafilatura" else shingle_scores(counts)


POOLED = "all datasets"  # the pooled row: `counts` are per-page F1 values, whatever each page's metric


def page_f1(count: tuple) -> float:
    """F1 of one page from its counts under its dataset's metric (page_counts or snippet_counts). A page with nothing to find (an empty truth, or no
    snippets) and nothing found scores 1."""
    tp, fp, fn = count[0], count[1], count[2]
    if not tp + fp + fn:
        return 1.0
    return 2 * tp / (2 * tp + fp + fn)


def pooled_f1(per_page: list[float]) -> dict[str, float]:
    return {"f1": sum(per_page) / len(per_page) if per_page else 0.0}


def bootstrap_std(dataset: str, counts: list, samples: int = 1000) -> float:
    """Spread of F1 when the pages are resampled with replacement (seeded: reruns agree)."""
    if not counts:
        return 0.0
    rng = random.Random(13)
    values = [score(dataset, [counts[rng.randrange(len(counts))] for _ in counts])["f1"] for _ in range(samples)]
    mean = sum(values) / len(values)
    return (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5


# ---------------------------------------------------------------- pages and extractors

def load_pages(datasets: list[str], splits: set[str]) -> list[dict]:
    pages = []
    for dataset in datasets:
        with open(CORPUS / dataset / "truth.jsonl", encoding="utf-8") as rows:
            for line in rows:
                row = json.loads(line)
                if row["split"] not in splits:
                    continue
                row["dataset"] = dataset
                row["html"] = gzip.decompress((CORPUS / dataset / "html" / f"{row['id']}.html.gz").read_bytes())
                pages.append(row)
    return pages


def baseline_decode(data: bytes) -> str:
    """The README's order for baselines: BOM, valid UTF-8, <meta> charset, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = META_CHARSET.search(data[:8192])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii", "ignore"), "replace")
        except LookupError:
            pass
    return data.decode("cp1252", "replace")


def html_to_text(fragment: str) -> str:
    """Readability's HTML summary as text, one line per block element."""
    import lxml.html

    if not fragment.strip():
        return ""
    tree = lxml.html.fromstring(BLOCK_TAG.sub(lambda m: "\n" + m.group(0), fragment))
    return "\n".join(line.strip() for line in tree.text_content().splitlines() if line.strip())


def run_stemma(data: bytes, url: str | None) -> str:
    from stemma.extraction import extract
    from stemma.model import Page

    return extract(Page(url=url or "", content=data)).text


def run_stemma_with_captions(data: bytes, url: str | None) -> str:
    """stemma's text with the photo captions it typed as boilerplate put back where they stood: the score stemma
    would have where a dataset's truth counts captions as article text (a diagnostic column, not stemma's score)."""
    from stemma.extraction import extract
    from stemma.model import Page

    found = extract(Page(url=url or "", content=data))
    paragraphs = list(found.paragraphs)
    for item in sorted((b for b in found.boilerplate if b.kind == "photo_caption"), key=lambda b: -b.position):
        paragraphs.insert(min(item.position, len(paragraphs)), item.text)
    return "\n".join(paragraphs)


def run_trafilatura(data: bytes, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(baseline_decode(data), url=url, include_comments=False) or ""


def run_readability(data: bytes, url: str | None) -> str:
    from readability import Document

    return html_to_text(Document(baseline_decode(data), url=url).summary(html_partial=True))


def run_resiliparse(data: bytes, url: str | None) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(baseline_decode(data), main_content=True)


RUNNERS = {"stemma": run_stemma, "trafilatura": run_trafilatura, "readability-lxml": run_readability,
           "resiliparse": run_resiliparse, "stemma+captions": run_stemma_with_captions}


def run_one(task: tuple[str, bytes, str | None]) -> str:
    name, data, url = task
    try:
        return RUNNERS[name](data, url)
    except Exception:  # an extractor that fails on a page scores an empty output there
        return ""


def warm_up(_: int) -> None:
    """Import every extractor in the worker before the clock starts."""
    page = b"<html><body><article><p>Warm up the extractor so imports are not timed.</p></article></body></html>"
    for name in RUNNERS:
        run_one((name, page, None))


def run_all(pool, names: list[str], pages: list[dict], size: int = 40) -> tuple[dict[str, list[str]], dict[str, float]]:
    """Outputs and seconds per extractor. The pages are cut into rounds of `size` pages and the
    extractors take turns on each, so load from other processes on the machine falls on all of them
    alike: a round lasts a few seconds, shorter than the swings of load on a machine shared with other
    jobs (8 rounds of ~250 pages each lasted longer than them)."""
    outputs = {name: [] for name in names}
    seconds = {name: 0.0 for name in names}
    for start in range(0, len(pages), size):
        chunk = pages[start:start + size]
        for name in names:
            began = time.perf_counter()
            outputs[name] += pool.map(run_one, [(name, p["html"], p.get("url")) for p in chunk], chunksize=2)
            seconds[name] += time.perf_counter() - began
    return outputs, seconds


# ---------------------------------------------------------------- boilerplate typing

def boilerplate_pages() -> list[tuple[Path, list[dict]]]:
    """Labelled pages: the demo corpus (tests/data/boilerplate_labels.json), tests/data/boilerplate_pages/ and
    tests/data/source_lines/ (whose demo_labels.json adds source lines to demo pages). Labels of one page
    from several files are merged."""
    merged: dict[Path, list[dict]] = {}
    demo = REPO / "stemma/demo/pages"
    for labels_file, folder in ((REPO / "tests/data/boilerplate_labels.json", demo),
                                (REPO / "tests/data/boilerplate_pages/labels.json", REPO / "tests/data/boilerplate_pages"),
                                (REPO / "tests/data/source_lines/labels.json", REPO / "tests/data/source_lines"),
                                (REPO / "tests/data/source_lines/demo_labels.json", demo)):
        if not labels_file.exists():
            continue
        labels = json.loads(labels_file.read_text(encoding="utf-8"))
        for name, items in labels.items():
            if isinstance(items, dict):  # {"boilerplate": [...]} is accepted as well as a bare list
                items = items.get("boilerplate", [])
            path = folder / name
            if path.exists():
                merged.setdefault(path, []).extend(items)
    return list(merged.items())


def norm_item(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def item_matches(predicted: str, labelled: str) -> bool:
    """Same item when one text holds the other, once case, punctuation and spacing are ignored."""
    a, b = norm_item(predicted), norm_item(labelled)
    return bool(a and b) and (a in b or b in a)


def boilerplate_scores() -> tuple[str, int]:
    from stemma.extraction import extract
    from stemma.model import Page

    tp_pred, n_pred, tp_gold, n_gold = Counter(), Counter(), Counter(), Counter()
    pages = boilerplate_pages()
    for path, labels in pages:
        kind = "text" if path.suffix == ".txt" else "html"
        got = extract(Page(url=path.as_uri(), content=path.read_bytes(), kind=kind)).boilerplate
        for item in got:
            n_pred[item.kind] += 1
            if any(lab["kind"] == item.kind and item_matches(item.text, lab["text"]) for lab in labels):
                tp_pred[item.kind] += 1
        for lab in labels:
            n_gold[lab["kind"]] += 1
            if any(item.kind == lab["kind"] and item_matches(item.text, lab["text"]) for item in got):
                tp_gold[lab["kind"]] += 1
    rows = []
    for kind in sorted(set(n_pred) | set(n_gold)):
        if not n_gold[kind]:  # a kind stemma emits that the labels do not use (e.g. dateline)
            rows.append([f"{kind} (not labelled)", 0, n_pred[kind], "n/a", "n/a"])
            continue
        p = tp_pred[kind] / n_pred[kind] if n_pred[kind] else 0.0
        r = tp_gold[kind] / n_gold[kind]
        rows.append([kind, n_gold[kind], n_pred[kind], p, r])
    total_pred = sum(n_pred[k] for k in n_gold)
    rows.append(["all labelled kinds", sum(n_gold.values()), total_pred,
                 sum(tp_pred[k] for k in n_gold) / total_pred if total_pred else 0.0,
                 sum(tp_gold.values()) / sum(n_gold.values()) if n_gold else 0.0])
    return markdown_table(["kind", "labelled", "predicted", "precision", "recall"], rows), len(pages)


# ---------------------------------------------------------------- report

def page_count(predicted: str, page: dict) -> tuple:
    """One page's counts under its dataset's metric: snippets for the trafilatura set, shingles elsewhere."""
    if page["dataset"] == "trafilatura":
        return snippet_counts(predicted, page)
    return page_counts(predicted, page["article_body"] or "")


def results_table(pages: list[dict], outputs: dict[str, list[str]], seconds: dict[str, float], split: str) -> str:
    names = list(outputs)
    header = ["dataset (n, metric)"] + [f"{n} P / R / **F1**" for n in names]
    rows = []
    f1s = {n: [] for n in names}
    pooled = {n: [] for n in names}  # per-page F1 of every page, each under its dataset's metric
    for dataset in DATASETS:
        index = [i for i, p in enumerate(pages) if p["dataset"] == dataset and (split == "all" or p["split"] == split)]
        if not index:
            continue
        metric = "snippets" if dataset == "trafilatura" else "shingles"
        row = [f"{dataset} ({len(index)}, {metric})"]
        for name in names:
            counts = [page_count(outputs[name][i], pages[i]) for i in index]
            s = score(dataset, counts)
            f1s[name].append(s["f1"])
            pooled[name] += [page_f1(c) for c in counts]
            row.append(f"{s['p']:.3f} / {s['r']:.3f} / **{s['f1']:.3f}** ±{bootstrap_std(dataset, counts, 200):.3f}")
        rows.append(row)
    rows.append(["mean F1 over datasets"] + [f"**{sum(f1s[n]) / len(f1s[n]):.3f}**" if f1s[n] else "" for n in names])
    n_pages = len(pooled[names[0]]) if names else 0
    rows.append([f"all pages pooled ({n_pages}, mean per-page F1)"]
                + [f"**{score(POOLED, pooled[n])['f1']:.3f}** ±{bootstrap_std(POOLED, pooled[n], 200):.3f}"
                   for n in names])
    rows.append(["pages/s (all pages run)"] + [f"{len(pages) / seconds[n]:.1f}" for n in names])
    return markdown_table(header, rows)


def half(page: dict) -> int:
    """0 or 1 by a hash of the page's dataset and id: two fixed halves of a split, drawn like the split."""
    return int(hashlib.sha1(f"{page['dataset']}:{page['id']}".encode()).hexdigest()[:8], 16) % 2


def halves_table(pages: list[dict], outputs: dict[str, list[str]]) -> str:
    """F1 per dataset on each half of the pages. A change tuned on the dev split should move both halves
    the same way: a gain in one half only is a gain on a few pages, which the test split need not share."""
    names = list(outputs)
    rows = []
    for dataset in DATASETS + [POOLED]:
        row = [dataset]
        for name in names:
            cells = []
            for h in (0, 1):
                index = [i for i, p in enumerate(pages) if half(p) == h and dataset in (POOLED, p["dataset"])]
                counts = [page_count(outputs[name][i], pages[i]) for i in index]
                if dataset == POOLED:
                    counts = [page_f1(c) for c in counts]
                cells.append(f"{score(dataset, counts)['f1']:.4f}" if index else "")
            row.append(" / ".join(cells))
        rows.append(row)
    return markdown_table(["dataset"] + [f"{n} F1 half 0 / half 1" for n in names], rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench extraction")
    parser.add_argument("--split", default="both", choices=["test", "dev", "all", "both"],
                        help="test: report test; dev: report dev (tune here); both: run all pages, report each")
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--extractors", default=",".join(EXTRACTORS))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-write", action="store_true", help="print only; do not write bench/results/")
    parser.add_argument("--halves", action="store_true",
                        help="dev split only: also print F1 on each half of it (hash of the id), to check a change on both")
    args = parser.parse_args(argv or [])
    if args.halves and args.split != "dev":
        parser.error("--halves is a tuning check: use it with --split dev")
    splits = {"test": {"test"}, "dev": {"dev"}, "all": {"dev", "test"}, "both": {"dev", "test"}}[args.split]
    datasets = args.datasets.split(",")
    names = args.extractors.split(",")
    pages = load_pages(datasets, splits)
    with multiprocessing.get_context("fork").Pool(args.workers) as pool:
        pool.map(warm_up, range(args.workers))
        outputs, seconds = run_all(pool, names, pages)
    for name in names:
        print(f"{name}: {len(pages)} pages in {seconds[name]:.1f} s", file=sys.stderr, flush=True)
    command = "python -m bench extraction " + " ".join(argv or [])
    notes = (f"{len(pages)} pages, {args.workers} worker processes; baselines get pages decoded as the corpus "
             "README says (BOM, UTF-8, meta charset, cp1252), stemma gets the raw bytes. trafilatura: "
             "`extract(include_comments=False)`; readability-lxml: `summary(html_partial=True)` as text; "
             "resiliparse: `extract_plain_text(main_content=True)`. stemma+captions: stemma's text with the "
             "photo captions it types as boilerplate put back in place, a diagnostic of the datasets' conventions "
             "(CleanPortalEval's and Readability.js's truths count captions as article text, the others do not; "
             "stemma keeps them out, as the seed needs). ± = bootstrap std (200 samples). "
             "Pooled row: every page of every dataset together, each page's F1 under its dataset's metric "
             "(2·tp / (2·tp + fp + fn) of its shingles or snippets; 1 for a page with nothing to find and "
             "nothing found), averaged over the pages: a mean of per-page F1, not of pooled token counts, "
             "so every page weighs the same whatever its length (the trafilatura set is half of them).")
    reported = ["test", "dev"] if args.split == "both" else [args.split]
    for split in reported:
        table = results_table(pages, outputs, seconds, split)
        name = "extraction" if split == "test" else f"extraction-{split}"
        title = f"Main-text extraction, {split} split"
        if args.no_write:
            print(f"## {title}\n\n{table}\n")
        else:
            write_result(name, title, table, command.strip(), notes)
    if args.halves:
        print(f"## F1 on each half of the dev split\n\n{halves_table(pages, outputs)}\n")
    if "stemma" in names:
        table, n = boilerplate_scores()
        title = f"Boilerplate typing on {n} labelled pages"
        if args.no_write:
            print(f"## {title}\n\n{table}\n")
        else:
            write_result("extraction-boilerplate", title, table, command.strip(),
                         "An item is found when a predicted item of the same kind holds the labelled text or is "
                         "held by it (case, punctuation and spacing ignored).")


if __name__ == "__main__":
    main(sys.argv[1:])
