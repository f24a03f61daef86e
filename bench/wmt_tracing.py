"""Tracing on WMT: machine translations traced back to their source (recall@1), and false derivations when the
source and its human translations are not indexed (issue 5a)."""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from bench import SHARED, markdown_table, wmt_document_url, write_result
from stemma.model import DERIVED_KINDS


def lines(text: str | None) -> str:
    return "\n".join(line for line in (text or "").split("\n") if line.strip())


def line_keys(text: str) -> set[str]:
    """The source's lines of at least 3 words, lower-cased, digits and punctuation dropped ("1.-Tap Settings." and
    "Tap Settings" are one line)."""
    keys = (" ".join(re.findall(r"[^\W\d_]+", line.lower())) for line in text.split("\n"))
    return {key for key in keys if len(key.split()) >= 3}


def near_duplicates(sources: dict[str, set[str]]) -> dict[str, set[str]]:
    """Per document, the other documents of the split whose source shares at least half of the shorter one's lines
    verbatim (and at least 2): WMT's support chats paste the same instructions, so one chat can be nearly all of
    another, under another doc_id. Such a document really is a copy; it must not count as a false derivation."""
    by_line: dict[str, set[str]] = defaultdict(set)
    for base, keys in sources.items():
        for key in keys:
            by_line[key].add(base)
    found: dict[str, set[str]] = defaultdict(set)
    for base, keys in sources.items():
        shared = defaultdict(int)
        for key in keys:
            for other in by_line[key] - {base}:
                shared[other] += 1
        for other, count in shared.items():
            if count >= 2 and count >= 0.5 * min(len(keys), len(sources[other])):
                found[base].add(other)
    return found


# Systems whose outputs are mostly not translations, so that nothing can trace them to a source; their queries are
# also counted apart. WMT22 ja-en AIST writes word salad ("CH do do", "At sign way toting agencies isr"): on the train
# and dev splits its outputs share a mean 0.16 of their character 3-grams with the human reference (F-score), the 13
# other systems 0.54 or more, and 196 of its 260 outputs share under 0.2. The next furthest below the median of its
# pair, WMT23 en-zh NLLB_MBR_BLEU (0.19 against 0.46), is a translation that shortens.
GARBLED = {("wmt22-general", "ja-en", "AIST")}


def load(split: str, docs_per_set: int, systems_per_doc: int, seed: int):
    """Indexed pages (sources and human references of the split) and queries (system outputs of sampled docs)."""
    rng = random.Random(seed)
    indexed: dict[str, tuple[str, str]] = {}  # url -> (lang, text); a shared source is indexed once
    sources: dict[str, set[str]] = {}  # doc url prefix -> line keys of its source
    # (pair, source url, url prefix of the doc's source and references, lang, MT text, garbled system, domain)
    queries = []
    for path in sorted((SHARED / "corpora" / "wmt").glob("*.jsonl")):
        by_set = defaultdict(list)
        for row in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
            if row["split"] == split and row.get("src") and row.get("refs"):
                by_set[row["dataset"]].append(row)
        for dataset, rows in sorted(by_set.items()):
            for row in rows:
                base = wmt_document_url(row)
                indexed[f"{base}/src"] = (row["src_lang"], lines(row["src"]))
                sources[base] = line_keys(row["src"])
                for name, text in row["refs"].items():
                    indexed[f"{base}/{row['tgt_lang']}/{name}"] = (row["tgt_lang"], lines(text))
            sample = rng.sample(rows, min(docs_per_set, len(rows)))
            for row in sample:
                base = wmt_document_url(row)
                family = base  # the source and every human translation of it, in all pairs that share it
                systems = [s for s, t in sorted(row.get("systems", {}).items()) if lines(t)]
                for system in rng.sample(systems, min(systems_per_doc, len(systems))):
                    queries.append((row["pair"], f"{base}/src", family, row["tgt_lang"], lines(row["systems"][system]),
                                    (dataset, row["pair"], system) in GARBLED, row.get("domain") or "unknown"))
    return indexed, queries, near_duplicates(sources)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="test", choices=["train", "dev", "test"])
    parser.add_argument("--docs", type=int, default=20, help="sampled documents per pair and dataset")
    parser.add_argument("--systems", type=int, default=1, help="sampled system outputs per document")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--index", type=Path, help="keep the index in this folder and reuse it on the next run")
    args = parser.parse_args(argv if argv is not None else [])

    from stemma.analyze import analyze
    from stemma.ingest import Analyzer, ingest
    from stemma.model import Page
    from stemma.store import Store
    from stemma.trace.tracer import Tracer

    indexed, queries, copies = load(args.split, args.docs, args.systems, args.seed)
    folder = args.index or Path(tempfile.mkdtemp(prefix="stemma-wmt-"))
    try:
        store = Store(folder)
        started = time.perf_counter()
        pages = (Page(url=url, content=text, kind="text", lang=lang, source=url) for url, (lang, text) in indexed.items())
        print(f"indexing {len(indexed)} pages, then tracing {len(queries)} queries twice", file=sys.stderr, flush=True)
        ingest(pages, store, Analyzer(2))
        ingest_seconds = time.perf_counter() - started
        if not queries:  # --docs 0: only build the index (with --index, for later runs)
            store.close()
            return
        number = {url: n for n, url in store.db.execute("SELECT n, url FROM articles")}
        tracer = Tracer(store)

        def claims_derivation(query, documents: set[str]) -> bool:
            hidden = frozenset(n for url, n in number.items() if document_of(url) in documents)
            return any(r.kind in DERIVED_KINDS for r in tracer.trace(query, exclude=hidden).relations)

        by_pair: dict[str, Counter] = defaultdict(Counter)
        by_domain: dict[str, Counter] = defaultdict(Counter)
        started, traces = time.perf_counter(), 0
        for traced, (pair, source, family, lang, text, garbled, domain) in enumerate(queries, 1):
            query = analyze(Page(url=f"{source}#mt{traced}", content=text, kind="text", lang=lang))
            in_source_lang = [r for r in tracer.trace(query).relations if r.article.lang == indexed[source][0]]
            hit = bool(in_source_lang) and in_source_lang[0].article.url == source and in_source_lang[0].kind == "translation"
            claimed = claims_derivation(query, {family})
            # The documents that are nearly the source's text hidden too: traced again only where there are some.
            claimed_apart = claims_derivation(query, {family} | copies[family]) if copies[family] else claimed
            outcome = Counter(queries=1, hits=hit, readable=not garbled, readable_hits=hit and not garbled,
                              claims=claimed, claims_apart=claimed_apart)
            by_pair[pair] += outcome
            by_domain[domain] += outcome
            traces += 3 if copies[family] else 2
            if traced % 20 == 0:
                print(f"  {traced}/{len(queries)} queries traced", file=sys.stderr, flush=True)
        trace_seconds = time.perf_counter() - started
        store.close()
    finally:
        if args.index is None:
            shutil.rmtree(folder, ignore_errors=True)
    def rate(part: int, whole: int) -> str:
        return f"{part / whole:.3f} ({whole})" if whole else "n/a"

    def row(name: str, c: Counter) -> list:
        return [name, c["queries"], c["hits"] / c["queries"], rate(c["readable_hits"], c["readable"]),
                c["claims"] / c["queries"], c["claims_apart"] / c["queries"]]

    header = ["recall@1 (source, translation)", "recall@1, garbled systems' outputs left out (queries)",
              "false-derivation rate", "false-derivation rate, near-duplicate documents hidden too"]
    everything = sum(by_pair.values(), Counter())
    table = markdown_table(["pair", "MT queries"] + header,
                           [row(pair, by_pair[pair]) for pair in sorted(by_pair)] + [row("all", everything)])
    table += "\n\n" + markdown_table(["domain", "MT queries"] + header,
                                      [row(domain, by_domain[domain]) for domain in sorted(by_domain)])
    total = everything["queries"]
    near = sum(1 for query in queries if copies[query[2]])
    garbled = total - everything["readable"]
    write_result(f"wmt_tracing_{args.split}", f"Tracing machine translations to their WMT source ({args.split} split)", table,
                 f"python -m bench wmt_tracing  # --split {args.split} --docs {args.docs} --systems {args.systems}",
                 notes=f"Index: {len(indexed)} pages (every source and human reference of the {args.split} split), "
                       f"built in {ingest_seconds:.0f} s. Queries: {args.docs} sampled documents per pair and dataset, "
                       f"{args.systems} system output(s) each; {traces} traces in {trace_seconds:.0f} s. "
                       "False derivation: the same queries with the document's source and references (in every pair "
                       "that shares them) hidden from the index; any copy/rewrite/translation/excerpt then claimed "
                       "counts. Last column: also hidden are the other documents of the split whose source shares at "
                       "least half of the shorter source's lines verbatim (lines of 3 or more words, case, digits and "
                       "punctuation ignored; at least 2 lines): WMT's customer-support chats paste the same "
                       f"instructions, so one chat can be nearly all of another under another doc_id ({near} of "
                       f"{total} queries have such documents). A claim of one of them is a true copy, not a false "
                       f"derivation. Garbled systems (GARBLED in bench/wmt_tracing.py, judged on train and dev): "
                       f"{', '.join(f'{d} {p} {s}' for d, p, s in sorted(GARBLED))}, whose outputs are mostly not "
                       f"translations; {garbled} of the {total} queries are theirs.")


def document_of(url: str) -> str:
    """The document a page belongs to: .../doc/src and .../doc/<lang>/<reference> both give .../doc."""
    return url.rsplit("/", 1)[0] if url.endswith("/src") else url.rsplit("/", 2)[0]


if __name__ == "__main__":
    main(sys.argv[1:])
