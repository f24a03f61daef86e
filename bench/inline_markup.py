"""Chinese and Japanese pages with links and bold runs inside words: main-text F1 of stemma and the baselines.

The extraction corpora hold few such pages, so they are made here: each WMT dev news reference in Chinese or
Japanese of six or more lines becomes a page whose paragraphs (one to three lines each) have runs of 4-12
characters wrapped in <a>, <strong> or <span> at random, between a menu and a related-links block. The truth is the
paragraphs' text. A space inserted at an inline element splits a word, and these scripts have no spaces to
recover it from, so such a fault shows here as lost shingles."""
from __future__ import annotations

import html
import json
import random

from bench import SHARED, markdown_table, write_result
from bench.extraction import page_count, page_f1, run_one, shingle_scores

EXTRACTORS = ["stemma", "trafilatura", "readability-lxml"]
MIN_LINES = 6


def references() -> list[tuple[str, list[str]]]:
    docs = []
    for pair, lang in (("en-zh", "zh"), ("en-ja", "ja")):
        with open(SHARED / "corpora" / "wmt" / f"{pair}.jsonl", encoding="utf-8") as rows:
            for row in map(json.loads, rows):
                if row["split"] == "dev" and row["domain"] == "news":
                    lines = [line for line in next(iter(row["refs"].values())).split("\n") if line.strip()]
                    if len(lines) >= MIN_LINES:
                        docs.append((lang, lines))
    return docs


def marked(text: str, rng: random.Random) -> str:
    out, i = [], 0
    while i < len(text):
        n = rng.randint(4, 12)
        piece, draw = html.escape(text[i:i + n]), rng.random()
        out.append(f'<a href="/t/{i}">{piece}</a>' if draw < 0.15 else f"<strong>{piece}</strong>" if draw < 0.25
                   else f'<span class="k">{piece}</span>' if draw < 0.3 else piece)
        i += n
    return "".join(out)


def page(lang: str, lines: list[str], teasers: list[str], rng: random.Random) -> tuple[bytes, str]:
    paragraphs, k = [], 0
    while k < len(lines):
        n = rng.randint(1, 3)
        paragraphs.append("".join(lines[k:k + n]))
        k += n
    menu = "".join(f'<li><a href="/c{i}">{w}</a></li>' for i, w in enumerate(["首页", "国内", "国际", "财经", "科技"]))
    related = "".join(f'<li><a href="/r{i}">{html.escape(t[:20])}</a></li>' for i, t in enumerate(teasers))
    title = html.escape(paragraphs[0][:20])
    body = "".join(f"<p>{marked(p, rng)}</p>" for p in paragraphs)
    markup = (f'<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head><body>'
              f'<header><ul class="nav">{menu}</ul></header><div class="main"><h1>{title}</h1>'
              f'<div class="article-content">{body}</div><div class="related"><h3>相关阅读</h3><ul>{related}</ul>'
              f'</div></div><footer><p>版权所有 © 2024 新闻网</p></footer></body></html>')
    return markup.encode("utf-8"), "\n".join(paragraphs)


def main() -> None:
    rng = random.Random(7)
    docs = references()
    pages = [page(lang, lines, [first for _, (first, *_) in rng.sample(docs, 5)], rng) for lang, lines in docs]
    rows = []
    for name in EXTRACTORS:
        counts = [page_count(run_one((name, data, None)), {"article_body": truth, "dataset": "inline"})
                  for data, truth in pages]
        scores = shingle_scores(counts)
        per_page = [page_f1(c) for c in counts]
        rows.append([name, len(pages), scores["p"], scores["r"], scores["f1"], min(per_page)])
    table = markdown_table(["extractor", "pages", "precision", "recall", "F1", "worst page F1"], rows)
    write_result("inline_markup", "Chinese and Japanese pages with inline markup inside words", table,
                 "python -m bench inline_markup", __doc__.split("\n\n", 1)[1].replace("\n", " "))
    print(table)
