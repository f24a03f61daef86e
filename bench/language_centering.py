"""Does the original of a translation come back among its nearest lead vectors? Raw encoder vectors (baseline)
against language-centered ones (stemma), on WMT dev: every source and human reference indexed, one machine
translation per document as the query."""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict

import numpy as np

from bench import SHARED, markdown_table, wmt_document_url, write_result

RANKS = (1, 8, 64)


def load(split: str):
    """Index side: (url, lang, text) of every source and reference; queries: (pair, source url, family, lang, text)."""
    indexed, queries = {}, []
    for path in sorted((SHARED / "corpora" / "wmt").glob("*.jsonl")):
        for row in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
            if row["split"] != split or not row.get("src") or not row.get("refs"):
                continue
            base = wmt_document_url(row)
            indexed[f"{base}/src"] = (row["src_lang"], row["src"])
            for name, text in row["refs"].items():
                indexed[f"{base}/{row['tgt_lang']}/{name}"] = (row["tgt_lang"], text)
            systems = sorted(s for s, t in row.get("systems", {}).items() if t and t.strip())
            if systems:  # the first system in name order: deterministic, and no system is favoured by design
                queries.append((row["pair"], f"{base}/src", base, row["tgt_lang"], row["systems"][systems[0]]))
    return indexed, queries


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="dev", choices=["dev", "test"])
    args = parser.parse_args(argv if argv is not None else [])

    from stemma.analyze import analyze
    from stemma.embed import embed_texts, language_centered
    from stemma.model import Page
    from stemma.signatures import lead_text
    from stemma.store.db import LEARN_AT

    def leads(items):
        """Raw and centered lead vectors, as `stemma ingest` computes them."""
        by_lang = defaultdict(list)
        for i, (lang, text) in enumerate(items):
            by_lang[lang].append(i)
        raw = np.zeros((len(items), 384), dtype=np.float32)
        centered = np.zeros_like(raw)
        for lang, indexes in by_lang.items():
            texts = [lead_text(analyze(Page(url=f"x:{i}", content=items[i][1], kind="text", lang=lang))) for i in indexes]
            vectors = embed_texts(texts, lang)
            raw[indexes], centered[indexes] = vectors, language_centered(vectors, lang)
        return raw, centered

    started = time.perf_counter()
    indexed, queries = load(args.split)
    urls = list(indexed)
    print(f"embedding {len(urls)} indexed leads and {len(queries)} queries", file=sys.stderr, flush=True)
    index_raw, index_centered = leads([indexed[u] for u in urls])
    query_raw, query_centered = leads([(lang, text) for _, _, _, lang, text in queries])
    position = {u: i for i, u in enumerate(urls)}
    ranks = {"raw": defaultdict(list), "centered": defaultdict(list)}
    cosines = {"raw": defaultdict(list), "centered": defaultdict(list)}
    for q, (pair, source, family, _, _) in enumerate(queries):
        family_mask = np.array([u.startswith(family + "/") for u in urls])
        for name, index, query in (("raw", index_raw, query_raw), ("centered", index_centered, query_centered)):
            similarities = index @ query[q]
            own = similarities[position[source]]
            ranks[name][pair].append(int((similarities > own).sum()))  # siblings of the family count as above it
            cosines[name]["source"].append(float(own))
            cosines[name]["nearest unrelated"].append(float(similarities[~family_mask].max()))
    rows = []
    for pair in sorted(ranks["raw"]) + ["all"]:
        row = [pair, len(ranks["raw"][pair]) if pair != "all" else len(queries)]
        for name in ("raw", "centered"):
            values = np.array(sum(ranks[name].values(), []) if pair == "all" else ranks[name][pair])
            row += [float((values < k).mean()) for k in RANKS]
        rows.append(row)
    header = ["pair", "queries"] + [f"{name} top {k}" for name in ("baseline: raw", "stemma: centered") for k in RANKS]
    table = markdown_table(header, rows)
    withheld = withheld_table(indexed, urls, queries, index_raw, query_raw, index_centered, query_centered)
    percentiles = markdown_table(
        ["vectors", "cosine to", "5th", "25th", "50th", "75th", "95th"],
        [[name, what] + [float(p) for p in np.percentile(values, [5, 25, 50, 75, 95])]
         for name in ("raw", "centered") for what, values in cosines[name].items()])
    write_result(f"language_centering_{args.split}", f"Originals among a translation's nearest lead vectors "
                 f"(WMT {args.split})", table + "\n\n" + percentiles + "\n\n" + withheld,
                 f"python -m bench language_centering --split {args.split}",
                 notes=f"{len(urls)} indexed leads (sources and human references), {len(queries)} queries (one machine "
                       f"translation per document, the first system by name); top k = the source is among the k nearest "
                       f"of all indexed leads, its own family's other translations included. Means fitted on the train "
                       f"split by scripts/fit_language_means.py. Last table: each language's bundled mean withheld "
                       f"in turn, as for a language the bundled means lack (most of NTREX's): its vectors centered "
                       f"on the mean of the other languages' means, then with what the index learns of it "
                       f"(store.db.LEARN_AT: the mean of its first {LEARN_AT} indexed vectors, in index order, "
                       f"taken out of them all and of the queries, and again at each step the index takes while it "
                       f"grows); top k over the queries of the pairs with that language. "
                       f"{time.perf_counter() - started:.0f} s.")


def withheld_table(indexed: dict, urls: list[str], queries: list, index_raw: np.ndarray, query_raw: np.ndarray,
                   index_centered: np.ndarray, query_centered: np.ndarray) -> str:
    """Top k of the source with each language's bundled mean used (the `centered` vectors main measures), withheld,
    and withheld but learnt from the index."""
    from stemma.embed import language_means
    from stemma.store.db import LEARN_AT, LEARN_GROWTH, LEARN_LAST
    from stemma.store.vectors import normalized

    by_language, shared = language_means()
    index_langs = [indexed[u][0] for u in urls]
    query_langs = [q[3] for q in queries]
    position = {u: i for i, u in enumerate(urls)}

    def centered(raw: np.ndarray, langs: list[str], withheld: str, instead: np.ndarray) -> np.ndarray:
        return normalized(raw - np.stack([instead if lang == withheld else by_language.get(lang, shared)
                                          for lang in langs]))

    def top(index: np.ndarray, query: np.ndarray, chosen: list[int]) -> list[float]:
        ranks = np.array([int((index @ query[q] > index[position[queries[q][1]]] @ query[q]).sum()) for q in chosen])
        return [float((ranks < k).mean()) for k in RANKS]

    rows = []
    for lang in sorted(set(by_language) & set(query_langs) - {"en"}):
        chosen = [q for q, query in enumerate(queries) if lang in query[0].split("-")]
        others = np.mean([mean for other, mean in by_language.items() if other != lang], axis=0)
        index, query = centered(index_raw, index_langs, lang, others), centered(query_raw, query_langs, lang, others)
        mine = [i for i, l in enumerate(index_langs) if l == lang]
        own = [q for q, l in enumerate(query_langs) if l == lang]
        index_learnt, query_learnt = index.copy(), query.copy()
        step = LEARN_AT  # as the index learns while it grows: at each step, the mean of the vectors it holds by then
        while step <= min(LEARN_LAST, len(mine)):
            learnt = index_learnt[mine[:step]].mean(axis=0)
            index_learnt[mine] = normalized(index_learnt[mine] - learnt)
            query_learnt[own] = normalized(query_learnt[own] - learnt)
            step *= LEARN_GROWTH
        rows.append([lang, len(chosen), len(mine)] + top(index_centered, query_centered, chosen)
                    + top(index, query, chosen) + top(index_learnt, query_learnt, chosen))
    header = (["language", "queries", "indexed in it"]
              + [f"{name} top {k}" for name in ("bundled mean", "withheld", "withheld, learnt") for k in RANKS])
    return markdown_table(header, rows)


if __name__ == "__main__":
    main(sys.argv[1:])
