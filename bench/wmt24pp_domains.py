"""Tracing across the domains WMT24 adds (literary, news, social, speech) on the WMT24++ en-hr and en-sr documents.

Index: each document's English source and its "original" human translation into Croatian and Serbian. Queries: the
"postedit" references (machine translations post-edited by people), traced to the English source: recall = the best
relation in English is the source, of kind `translation`. Then the document's source and translations are hidden and
the query traced again: any copy, rewrite, translation or excerpt still claimed is a false derivation."""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench import SHARED, markdown_table, write_result
from bench.wmt_tracing import lines
from stemma.model import DERIVED_KINDS


def load(splits: set[str]) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str, str, str, str]]]:
    pages: dict[str, tuple[str, str]] = {}
    queries = []  # (pair, domain, document url prefix, language, text)
    for pair in ("en-hr", "en-sr"):
        with open(SHARED / "corpora" / "wmt" / f"{pair}.jsonl", encoding="utf-8") as rows:
            for row in map(json.loads, rows):
                if row["dataset"] != "wmt24pp" or row["split"] not in splits:
                    continue
                base = f"https://wmt24pp.example/{row['doc_id']}"
                pages[f"{base}/src"] = ("en", lines(row["src"]))
                pages[f"{base}/{row['tgt_lang']}/original"] = (row["tgt_lang"], lines(row["refs"]["original"]))
                queries.append((pair, row["domain"], base, row["tgt_lang"], lines(row["refs"]["postedit"])))
    return pages, queries


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench wmt24pp_domains")
    parser.add_argument("--splits", default="test", help="comma-separated: test (report), or train,dev")
    args = parser.parse_args(argv or [])

    from stemma.analyze import analyze
    from stemma.ingest import Analyzer, ingest
    from stemma.model import Page
    from stemma.store import Store
    from stemma.trace.tracer import Tracer

    pages, queries = load(set(args.splits.split(",")))
    folder = Path(tempfile.mkdtemp(prefix="stemma-wmt24pp-"))
    hits, claims, counts = Counter(), Counter(), Counter()
    try:
        store = Store(folder)
        print(f"indexing {len(pages)} pages, then tracing {len(queries)} queries twice", file=sys.stderr, flush=True)
        ingest((Page(url=u, content=t, kind="text", lang=lang, source=u) for u, (lang, t) in pages.items()), store,
               Analyzer(2))
        number = {url: n for n, url in store.db.execute("SELECT n, url FROM articles")}
        tracer = Tracer(store)
        for i, (pair, domain, base, lang, text) in enumerate(queries):
            query = analyze(Page(url=f"{base}#postedit{i}", content=text, kind="text", lang=lang))
            english = [r for r in tracer.trace(query).relations if r.article.lang == "en"]
            key = (pair, domain)
            counts[key] += 1
            hits[key] += bool(english) and english[0].article.url == f"{base}/src" and english[0].kind == "translation"
            hidden = frozenset(n for url, n in number.items() if url.startswith(base + "/"))
            claims[key] += any(r.kind in DERIVED_KINDS for r in tracer.trace(query, exclude=hidden).relations)
        store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    rows = [[pair, domain, counts[pair, domain], hits[pair, domain] / counts[pair, domain],
             claims[pair, domain] / counts[pair, domain]] for pair, domain in sorted(counts)]
    total = sum(counts.values())
    rows.append(["all", "", total, sum(hits.values()) / total, sum(claims.values()) / total])
    table = markdown_table(["pair", "domain", "queries", "recall@1 (source, translation)", "false-derivation rate"],
                           rows)
    name = "wmt24pp_domains" + ("" if args.splits == "test" else "_" + args.splits.replace(",", "_"))
    write_result(name, f"Tracing across WMT24++ domains ({args.splits})", table,
                 f"python -m bench wmt24pp_domains --splits {args.splits}", __doc__.split("\n\n", 1)[1].replace("\n", " "))
    print(table)
