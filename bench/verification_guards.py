"""The two guards verification added for texts the encoder cannot tell apart, measured on WMT train and dev.

python -m bench verification_guards [--docs 80] [--systems 2] [--seed 3]

1. relate.BLIND_COSINE: the mean cosine between a document's own sentences, per language, which a text must reach
   before it is aligned by its characters instead of the encoder's vectors.
2. relate.figures_disagree: how many system outputs that are derived from their source or a reference (as
   relate.relation_kind decides without the rule) the rule parts from it. The baseline is the same decisions with
   the rule off.
"""
from __future__ import annotations

import argparse
import json
import random
from collections import Counter, defaultdict
from unittest.mock import patch

import numpy as np

from bench import SHARED, markdown_table, write_result
from stemma.model import DERIVED_KINDS

WMT = SHARED / "corpora" / "wmt"


def documents(docs: int, seed: int) -> list[dict]:
    """`docs` sampled train and dev documents of each pair file that have a reference and system outputs."""
    rng = random.Random(seed)
    sampled = []
    for path in sorted(WMT.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.open(encoding="utf-8")]
        rows = [r for r in rows if r["split"] in ("train", "dev") and r.get("refs") and r.get("systems")]
        sampled += rng.sample(rows, min(docs, len(rows)))
    return sampled


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench verification_guards")
    parser.add_argument("--docs", type=int, default=80, help="sampled documents per pair file")
    parser.add_argument("--systems", type=int, default=2, help="sampled system outputs per document")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv or [])

    from stemma.analyze import analyze
    from stemma.model import Page
    from stemma.trace import relate
    from stemma.trace.tracer import sentence_vectors

    rng = random.Random(args.seed)
    cosines: dict[str, list[float]] = defaultdict(list)
    outcome: dict[tuple[str, str], Counter] = defaultdict(Counter)

    def article(text: str, lang: str):
        return analyze(Page(url="https://wmt.example/x", content=text, kind="text", lang=lang))

    for row in documents(args.docs, args.seed):
        reference = next(iter(row["refs"].values()))
        sides = [("source", article(row["src"], row["src_lang"])), ("reference", article(reference, row["tgt_lang"]))]
        side_vectors = [(name, text, sentence_vectors(text)) for name, text in sides if text.sentences]
        for _, text, vectors in side_vectors:
            if len(vectors) >= 2:
                cosines[text.lang].append(relate.mean_pairwise_cosine(vectors))
        systems = [t for _, t in sorted(row["systems"].items()) if t and t.strip()]
        for output in rng.sample(systems, min(args.systems, len(systems))):
            query = article(output, row["tgt_lang"])
            if not query.sentences:
                continue
            query_vectors = sentence_vectors(query)
            for name, text, vectors in side_vectors:
                links = relate.sentence_links(query_vectors, vectors, langs=(query.lang, text.lang))
                with patch.object(relate, "figures_disagree", return_value=False):  # the baseline: rule off
                    kind = relate.relation_kind(query, text, links, (len(query_vectors), len(vectors)), 0.0)[0]
                if kind in DERIVED_KINDS:
                    parted = relate.figures_disagree(query, text, links)
                    outcome[(row["pair"], name)] += Counter(derived=1, parted=parted)

    blind = markdown_table(
        ["language", "documents of 2+ sentences", "median mean cosine", "99th percentile", "highest",
         "at BLIND_COSINE or more"],
        [[lang, len(v), float(np.median(v)), float(np.percentile(v, 99)), max(v),
          sum(x >= relate.BLIND_COSINE for x in v)] for lang, v in sorted(cosines.items())])
    total = sum(outcome.values(), Counter())
    rows = [[pair, side, c["derived"], c["parted"]] for (pair, side), c in sorted(outcome.items())]
    rule = markdown_table(["pair", "output against", "derived, rule off (baseline)", "parted by the rule"],
                          rows + [["all", "", total["derived"], total["parted"]]])
    write_result("verification_guards", "Verification guards on WMT train and dev", blind + "\n\n" + rule,
                 f"python -m bench verification_guards --docs {args.docs} --systems {args.systems} --seed {args.seed}",
                 notes=f"First table: mean cosine between a text's own sentences (sources and first references of the "
                       f"sampled documents) against BLIND_COSINE = {relate.BLIND_COSINE}; the encoder gives different "
                       "Dhivehi sentences 0.99. Second table: system outputs aligned with their source and first "
                       "reference; 'derived' is relation_kind's decision with figures_disagree off, 'parted' how "
                       "many of those the rule turns into no relation.")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
